using Kubelink.Protocol.Resources;

namespace Kubelink.Sidecar.Resources;

/// <summary>What a cache holds at one moment: rows sorted by namespace then name, whether they are stale, and why the view is dead (403).</summary>
internal sealed record CacheSnapshot(IReadOnlyList<ResourceRow> Items, bool Stale, string? Error)
{
    /// <summary>Rows of several caches (one per namespace) as one view, optionally narrowed to one namespace.</summary>
    public static CacheSnapshot Merge(IEnumerable<CacheSnapshot> parts, string? ns)
    {
        var list = parts.ToList();
        var items = list.SelectMany(p => p.Items).Where(r => ns is null || r.Namespace == ns).ToList();
        if (list.Count > 1)
        {
            items.Sort(RowOrder.Instance);
        }

        return new CacheSnapshot(items, list.Any(p => p.Stale), list.Select(p => p.Error).FirstOrDefault(e => e is not null));
    }
}

/// <summary>One change a cache saw, in the order it saw them.</summary>
internal sealed record CacheChange(ResourceChangeType Type, IReadOnlyList<ResourceRow> Items);

/// <summary>Receives a cache's changes. Called under the cache's lock, so it must only queue.</summary>
internal interface ICacheListener
{
    void OnChange(WatchCache cache, CacheChange change);
}

/// <summary>Namespace (cluster-scoped first) then name, ordinal: the order of every list and reset.</summary>
internal sealed class RowOrder : IComparer<ResourceRow>
{
    public static readonly RowOrder Instance = new();

    public int Compare(ResourceRow? x, ResourceRow? y)
    {
        var byNamespace = string.CompareOrdinal(x?.Namespace, y?.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(x?.Name, y?.Name);
    }
}
