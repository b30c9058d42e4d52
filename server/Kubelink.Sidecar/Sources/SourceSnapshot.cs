using Kubelink.Protocol.Catalog;
using Kubelink.Sidecar.Clusters.Upstream;

namespace Kubelink.Sidecar.Sources;

/// <summary>
/// One source's entries at one moment, with the connection target of each valid entry (keyed by entry id). Immutable:
/// a source publishes a new snapshot instead of changing this one.
/// </summary>
internal sealed record SourceSnapshot(IReadOnlyList<CatalogEntry> Entries, IReadOnlyDictionary<string, ConnectionTarget> Targets)
{
    public static SourceSnapshot Empty { get; } = new([], new Dictionary<string, ConnectionTarget>());
}
