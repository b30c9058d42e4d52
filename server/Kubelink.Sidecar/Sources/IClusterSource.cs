using Kubelink.Protocol.Catalog;

namespace Kubelink.Sidecar.Sources;

/// <summary>
/// A source of connectable clusters: the kubeconfig sync, and later EKS, simulated clusters and <c>ClusterAccess</c>
/// objects. The <see cref="ClusterCatalog"/> merges every registered source into one catalog (<c>catalog/list</c>,
/// <c>catalog/changed</c>); activation, the proxy, health and resources only ever see the
/// <see cref="Clusters.Upstream.ConnectionTarget"/> an entry resolves to, never the source.
/// <para>
/// Contract for implementers (see docs/adding-a-source.md):
/// <list type="bullet">
/// <item><see cref="Current"/> is an immutable snapshot, replaced whole; entries' ids are unique across sources (prefix
/// them with your kind) and stable across restarts, since settings and the connected-cluster list are keyed by id.</item>
/// <item>An entry that cannot be connected is listed with <see cref="CatalogEntryState.Invalid"/> and an error saying why,
/// and has no target; never drop it silently.</item>
/// <item><see cref="Ready"/> completes once the first snapshot is known (also when it failed: then with error entries),
/// so <c>catalog/list</c> never answers an empty catalog too early. It must complete; a source that waits on the network
/// should publish what it has (or an error entry) within a few seconds.</item>
/// <item>After replacing <see cref="Current"/>, raise <see cref="Changed"/> and await its handlers: the catalog publishes
/// <c>catalog/changed</c> and tells connected clusters about new targets before the method that caused the change answers.</item>
/// </list>
/// </para>
/// </summary>
internal interface IClusterSource
{
    /// <summary>Which kind of source this is; every entry it lists carries the same <see cref="CatalogEntry.SourceKind"/>.</summary>
    ClusterSourceKind Kind { get; }

    /// <summary>The latest entries and their connection targets.</summary>
    SourceSnapshot Current { get; }

    /// <summary>Completes when the first snapshot is available.</summary>
    Task Ready { get; }

    /// <summary>Raised (and awaited, see <see cref="SourceEvents.RaiseAsync"/>) after <see cref="Current"/> changed.</summary>
    event Func<SourceSnapshot, Task>? Changed;

    /// <summary>Re-reads the source now (<c>catalog/refresh</c>); completes once the new snapshot has been published.</summary>
    Task RefreshAsync(CancellationToken cancellationToken);
}

/// <summary>Raising an awaited event: each handler in turn, so the catalog has published before the source goes on.</summary>
internal static class SourceEvents
{
    public static async Task RaiseAsync(Func<SourceSnapshot, Task>? handlers, SourceSnapshot snapshot)
    {
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Func<SourceSnapshot, Task>>())
        {
            await handler(snapshot).ConfigureAwait(false);
        }
    }
}
