using Kubelink.Protocol.Catalog;
using Kubelink.Sidecar.Clusters.Upstream;

namespace Kubelink.Sidecar.Sources;

/// <summary>What changed between two catalogs, by id. Null when nothing did, so an unchanged file produces no event.</summary>
internal static class CatalogDiff
{
    /// <summary>
    /// An entry counts as updated when what is shown changed or when its connection target did: a rotated token or a new
    /// CA with the same server URL shows nothing new, but a connected cluster must reconnect with it, and the extension
    /// hears of it like any other edit (issue 11 item 7).
    /// </summary>
    public static CatalogChangedParams? Between(
        IReadOnlyList<CatalogEntry> before, IReadOnlyDictionary<string, ConnectionTarget> beforeTargets,
        IReadOnlyList<CatalogEntry> after, IReadOnlyDictionary<string, ConnectionTarget> afterTargets)
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
            else if (previous != entry || beforeTargets.GetValueOrDefault(entry.Id) != afterTargets.GetValueOrDefault(entry.Id))
            {
                // Records compare by value and CatalogError is a nested record, so plain equality is already deep.
                updated.Add(entry);
            }
        }

        if (added.Count == 0 && updated.Count == 0 && old.Count == 0)
        {
            return null;
        }

        return new CatalogChangedParams { Added = added, Updated = updated, Removed = old.Keys.ToList() };
    }
}
