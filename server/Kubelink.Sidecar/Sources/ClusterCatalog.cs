using Kubelink.Protocol;
using Kubelink.Protocol.Catalog;
using Kubelink.Sidecar.Clusters.Upstream;
using Kubelink.Sidecar.Lifecycle;
using Kubelink.Sidecar.Rpc;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Sources;

/// <summary>
/// The one catalog: every registered <see cref="IClusterSource"/> merged, in registration order, into one versioned
/// snapshot. It publishes <c>catalog/changed</c> with exactly what changed (shown fields or connection target) and
/// raises <see cref="Changed"/> for in-process consumers (health monitors reconnect on a new target).
/// </summary>
internal sealed partial class ClusterCatalog : IDisposable
{
    private readonly IReadOnlyList<IClusterSource> _sources;
    private readonly IClientNotifier _notifier;
    private readonly SessionState _session;
    private readonly ILogger<ClusterCatalog> _logger;
    // Sources publish from their own threads; merges and the notifications they cause must not interleave.
    private readonly SemaphoreSlim _merge = new(1, 1);

    public ClusterCatalog(IEnumerable<IClusterSource> sources, IClientNotifier notifier, SessionState session, ILogger<ClusterCatalog> logger)
    {
        _sources = sources.ToList();
        _notifier = notifier;
        _session = session;
        _logger = logger;
        foreach (var source in _sources)
        {
            source.Changed += OnSourceChangedAsync;
        }

        Ready = Task.WhenAll(_sources.Select(s => s.Ready));
    }

    /// <summary>The latest merged catalog. Replaced whole on every change.</summary>
    public CatalogSnapshot Current { get; private set; } = CatalogSnapshot.Empty;

    /// <summary>Completes when every source has its first snapshot; <c>catalog/list</c> waits for it rather than answer empty.</summary>
    public Task Ready { get; }

    /// <summary>The registered sources, in merge order.</summary>
    public IReadOnlyList<IClusterSource> Sources => _sources;

    /// <summary>Raised after each change is merged (before <c>catalog/changed</c> goes out), for cluster sessions and health monitors.</summary>
    public event Action<CatalogSnapshot, CatalogChangedParams>? Changed;

    /// <summary>Re-reads every source; completes once all have published.</summary>
    public async Task<CatalogSnapshot> RefreshAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(_sources.Select(s => s.RefreshAsync(cancellationToken))).ConfigureAwait(false);
        return Current;
    }

    /// <summary>The entry and target to connect <paramref name="clusterId"/> with; an RPC error naming the cause when it cannot be connected.</summary>
    public Connectable Resolve(string clusterId)
    {
        var snapshot = Current;
        var entry = snapshot.Find(clusterId);
        if (entry is not null && snapshot.Targets.TryGetValue(clusterId, out var target))
        {
            return new Connectable(entry, target);
        }

        throw entry is null
            ? RpcErrors.Create(ErrorCodes.ClusterNotFound, $"No cluster with id '{RpcErrors.Shown(clusterId)}' is in the catalog. Refresh the catalog; the kubeconfig may have changed.")
            : RpcErrors.Create(entry.Eks is { Status: not "ACTIVE" } ? ErrorCodes.EksClusterNotActive : ErrorCodes.ClusterInvalid, $"'{entry.Name}' cannot be connected: {entry.Error?.Message}");
    }

    private async Task OnSourceChangedAsync(SourceSnapshot _)
    {
        await _merge.WaitAsync().ConfigureAwait(false);
        try
        {
            var (entries, targets) = Merge();
            var before = Current;
            var change = CatalogDiff.Between(before.Entries, before.Targets, entries, targets);
            if (change is null)
            {
                return;
            }

            Current = new CatalogSnapshot(before.Version + 1, entries, targets);
            LogChanged(_logger, change.Added.Count, change.Updated.Count, change.Removed.Count, entries.Count);
            Changed?.Invoke(Current, change);
            if (_session.IsInitialized)
            {
                await _notifier.NotifyAsync(Methods.CatalogChanged, change).ConfigureAwait(false);
            }
        }
        finally
        {
            _merge.Release();
        }
    }

    private (List<CatalogEntry> Entries, Dictionary<string, ConnectionTarget> Targets) Merge()
    {
        var entries = new List<CatalogEntry>();
        var targets = new Dictionary<string, ConnectionTarget>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in _sources)
        {
            var snapshot = source.Current;
            foreach (var entry in snapshot.Entries)
            {
                if (!IsSafeId(entry.Id))
                {
                    // Ids name folders (clusters/<id>/) and go into KUBECONFIG-style path lists and URLs (/clusters/<id>/).
                    LogUnsafeId(_logger, entry.Id, source.Kind.ToString());
                    continue;
                }

                if (!ids.Add(entry.Id))
                {
                    // Two sources must never share an id (they prefix theirs); the first registered keeps it.
                    LogDuplicateId(_logger, entry.Id, source.Kind.ToString());
                    continue;
                }

                entries.Add(entry);
                if (snapshot.Targets.TryGetValue(entry.Id, out var target))
                {
                    targets[entry.Id] = target;
                }
            }
        }

        return (entries, targets);
    }

    /// <summary>Letters, digits, <c>-</c>, <c>_</c> and <c>.</c> (not only dots), at most 128: safe as a file name, a URL segment and in a path list.</summary>
    public static bool IsSafeId(string id) =>
        id.Length is > 0 and <= 128 && id.Trim('.').Length > 0 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public void Dispose()
    {
        foreach (var source in _sources)
        {
            source.Changed -= OnSourceChangedAsync;
        }

        _merge.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog changed: {Added} added, {Updated} updated, {Removed} removed ({Total} entries)")]
    private static partial void LogChanged(ILogger logger, int added, int updated, int removed, int total);

    [LoggerMessage(Level = LogLevel.Error, Message = "Catalog entry id {Id} from the {Source} source is not usable as a file name and URL segment; the entry is left out")]
    private static partial void LogUnsafeId(ILogger logger, string id, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog entry id {Id} from the {Source} source is already taken by another source; the entry is left out")]
    private static partial void LogDuplicateId(ILogger logger, string id, string source);
}
