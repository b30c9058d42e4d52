using Kubelink.Protocol.Catalog;

namespace Kubelink.Sidecar.Kubeconfig;

/// <summary>What changed between two catalogs, by id. Null when nothing did, so an unchanged file produces no event.</summary>
internal static class CatalogDiff
{
    public static CatalogChangedParams? Between(IReadOnlyList<CatalogEntry> before, IReadOnlyList<CatalogEntry> after)
    {
        var old = before.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var added = new List<CatalogEntry>();
        var updated = new List<CatalogEntry>();
        foreach (var entry in after)
        {
            if (!old.Remove(entry.Id, out var previous))
            {
                added.Add(entry);
            }
            else if (!Same(previous, entry))
            {
                updated.Add(entry);
            }
        }

        if (added.Count == 0 && updated.Count == 0 && old.Count == 0)
        {
            return null;
        }

        return new CatalogChangedParams { Added = added, Updated = updated, Removed = old.Keys.ToList() };
    }

    // Records compare by value, but CatalogError is a nested record, so plain equality is already deep.
    private static bool Same(CatalogEntry a, CatalogEntry b) => a == b;
}
