using System.Threading.Channels;
using Kubelink.Protocol;
using Kubelink.Protocol.Resources;
using Kubelink.Sidecar.Rpc;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Resources;

/// <summary>
/// One client view: the caches of its scope, narrowed to its namespace, sent as <c>resources/changed</c>. Changes queue
/// (caches call under their lock) and one loop sends them in order; whatever queued while a send was in flight goes out
/// together, consecutive changes of one type as one notification and any reset as a single fresh reset (bursts coalesce
/// without a timer).
/// </summary>
internal sealed partial class Subscription : ICacheListener, IDisposable
{
    private readonly Channel<CacheChange> _changes = Channel.CreateUnbounded<CacheChange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IReadOnlyList<ResourceCaches.Lease> _leases;
    private readonly string? _filter;
    private readonly IClientNotifier _notifier;
    private readonly ILogger _logger;

    public Subscription(string id, string clusterId, IReadOnlyList<ResourceCaches.Lease> leases, string? filter, IClientNotifier notifier, ILogger logger)
    {
        Id = id;
        ClusterId = clusterId;
        _leases = leases;
        _filter = filter;
        _notifier = notifier;
        _logger = logger;
    }

    public string Id { get; }

    public string ClusterId { get; }

    /// <summary>Attaches to every cache and answers the rows the view starts from; then the send loop runs.</summary>
    public CacheSnapshot Start()
    {
        var initial = CacheSnapshot.Merge(_leases.Select(l => l.Cache.Attach(this)).ToList(), _filter);
        _ = Task.Run(SendLoopAsync);
        return initial;
    }

    public void OnChange(WatchCache cache, CacheChange change) => _changes.Writer.TryWrite(change);

    public void Dispose()
    {
        _changes.Writer.TryComplete();
        foreach (var lease in _leases)
        {
            lease.Cache.Detach(this);
            lease.Dispose();
        }
    }

    private async Task SendLoopAsync()
    {
        var batch = new List<CacheChange>();
        while (await _changes.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (_changes.Reader.TryRead(out var change))
            {
                batch.Add(change);
            }

            foreach (var message in Coalesce(batch))
            {
                try
                {
                    await _notifier.NotifyAsync(Methods.ResourcesChanged, message).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException or StreamJsonRpc.ConnectionLostException)
                {
                    LogSendFailed(_logger, Id, e.Message);
                    return; // the client is gone; the session's end disposes this subscription
                }
            }
        }
    }

    private IEnumerable<ResourceChangedParams> Coalesce(List<CacheChange> batch)
    {
        // A reset already holds every change queued before it was read, so the batch collapses into one fresh reset.
        if (batch.Any(c => c.Type == ResourceChangeType.Reset))
        {
            var now = CacheSnapshot.Merge(_leases.Select(l => l.Cache.Snapshot()).ToList(), _filter);
            yield return new ResourceChangedParams { SubscriptionId = Id, Type = ResourceChangeType.Reset, Items = now.Items, Stale = now.Stale, Error = now.Error };
            yield break;
        }

        var index = 0;
        while (index < batch.Count)
        {
            var type = batch[index].Type;
            var rows = new List<ResourceRow>();
            for (; index < batch.Count && batch[index].Type == type; index++)
            {
                rows.AddRange(batch[index].Items.Where(r => _filter is null || r.Namespace == _filter));
            }

            if (rows.Count > 0)
            {
                yield return new ResourceChangedParams { SubscriptionId = Id, Type = type, Items = rows, Stale = false };
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Subscription {Id} stopped sending: {Message}")]
    private static partial void LogSendFailed(ILogger logger, string id, string message);
}
