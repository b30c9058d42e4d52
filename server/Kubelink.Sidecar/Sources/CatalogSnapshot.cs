using Kubelink.Protocol.Catalog;
using Kubelink.Sidecar.Clusters.Upstream;

namespace Kubelink.Sidecar.Sources;

/// <summary>The merged catalog at one moment: immutable, versioned, published whole; views render it, nothing mutates it.</summary>
internal sealed record CatalogSnapshot(long Version, IReadOnlyList<CatalogEntry> Entries, IReadOnlyDictionary<string, ConnectionTarget> Targets)
{
    public static CatalogSnapshot Empty { get; } = new(0, [], new Dictionary<string, ConnectionTarget>());

    /// <summary>The entry with this id, or null.</summary>
    public CatalogEntry? Find(string id) => Entries.FirstOrDefault(e => e.Id == id);
}

/// <summary>A valid catalog entry with the target it connects with: what a cluster session is made from.</summary>
internal sealed record Connectable(CatalogEntry Entry, ConnectionTarget Target);
