using System.Net;
using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Kube;

namespace Kubelink.Sidecar.Health;

/// <summary>
/// A cheap watch the monitor keeps open for one generation, so a stopped or reset server is noticed within a second even
/// when no view is open: the stream breaks (or ends long before its <c>timeoutSeconds</c>), which reports a fault and
/// the monitor probes at once. A watch that ends on time is simply re-opened. Namespaces are watched where the user may
/// list them cluster-wide, else another LIST-able kind (see <see cref="Choose"/>). It speaks through the same
/// <see cref="ResourceApi"/> as the views' caches.
/// </summary>
/// <param name="link">The cluster whose generation the watch runs on.</param>
/// <param name="listable">The kinds the user may list, from the permission map.</param>
/// <param name="clock">The clock the list deadline and the pause after a failure run on.</param>
/// <param name="timing">The current health settings.</param>
/// <param name="silent">Called when the watch's connection went silent (a PING unanswered): no probe is needed to know, see <see cref="NetworkErrors.IsSilentConnection"/>.</param>
internal sealed class SentinelWatch(IClusterLink link, Func<IReadOnlyList<ListableResource>> listable, HealthClock clock, Func<HealthTiming> timing, Action<long>? silent = null)
{
    /// <summary>The server ends the watch after this; a normal end re-opens it, so no idle connection is ever assumed alive forever.</summary>
    public static readonly TimeSpan WatchTimeout = TimeSpan.FromMinutes(5);

    /// <summary>How one watch ended: normally (re-open at once), with a fault to report, or unable to run (403, 404, 410, nothing LIST-able yet: try again later, but the cluster is not suspect).</summary>
    private readonly record struct WatchEnd(bool Normal, FaultCause? Fault, bool Silent = false)
    {
        public static WatchEnd Ended => new(true, null);

        public static WatchEnd NotAFault => new(false, null);

        public static WatchEnd Failed(FaultCause cause) => new(false, cause);

        public static WatchEnd WentSilent => new(false, FaultCause.Timeout, Silent: true);
    }

    /// <summary>Paths that answered 403 or 404 in this generation; a reconnect starts a new sentinel with a clean slate.</summary>
    private readonly HashSet<string> _forbidden = new(StringComparer.Ordinal);

    public async Task RunAsync(long generation, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var end = await WatchOnceAsync(cancellationToken).ConfigureAwait(false);
            if (end.Normal)
            {
                continue;
            }

            if (end.Silent)
            {
                silent?.Invoke(generation);
            }
            else if (end.Fault is { } fault)
            {
                link.ReportFault(generation, fault);
            }

            // Never a hot loop when the server is fine but this watch keeps failing (a revoked binding): wait a tick.
            await Task.Delay(timing().Interval, clock.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Lists one item for a resourceVersion, then watches from it; how it ended.</summary>
    private async Task<WatchEnd> WatchOnceAsync(CancellationToken cancellationToken)
    {
        if (Choose(link.ClusterId, listable(), _forbidden) is not { } key)
        {
            return WatchEnd.NotAFault;
        }

        var started = clock.Time.GetTimestamp();
        try
        {
            using var client = link.CreateClient();
            var api = new ResourceApi(client);
            string resourceVersion;
            using (var deadline = new CancellationTokenSource(timing().Timeout, clock.Time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token))
            using (var list = await api.ListAsync(key, 1, null, linked.Token).ConfigureAwait(false))
            {
                resourceVersion = list.RootElement.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("resourceVersion", out var rv) ? rv.GetString() ?? "" : "";
            }

            // Events and bookmarks only prove the stream is alive; what they say belongs to the views' caches.
            await api.WatchAsync(key, resourceVersion, (int)WatchTimeout.TotalSeconds, static (_, _) => { }, cancellationToken).ConfigureAwait(false);

            // A clean end long before timeoutSeconds is a server that went away politely (a graceful stop).
            return clock.Time.GetElapsedTime(started) < WatchTimeout * 0.9 ? WatchEnd.Failed(FaultCause.Reset) : WatchEnd.Ended;
        }
        catch (KubeApiException e) when (NetworkErrors.IsSilentConnection(e))
        {
            return WatchEnd.WentSilent;
        }
        catch (KubeApiException e)
        {
            return Fault(e, key.CollectionPath);
        }
        catch (Exception e) when (e is ObjectDisposedException || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The generation's transport was renewed under us, or the list missed its deadline.
            return WatchEnd.Failed(NetworkErrors.Describe(e).Cause);
        }
    }

    /// <summary>
    /// Network faults (status 0), 401 and 5xx may mean the cluster is unwell (the probe decides). 403 and 404 are about
    /// this path only (a binding revoked since the permission map was made, a kind removed): the next attempt watches
    /// another one. 410 just re-lists.
    /// </summary>
    private WatchEnd Fault(KubeApiException e, string path)
    {
        if (e.Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            _forbidden.Add(path);
        }

        return (int)e.Status switch
        {
            0 => WatchEnd.Failed(e.Cause),
            401 => WatchEnd.Failed(FaultCause.Unauthorized),
            >= 500 => WatchEnd.Failed(FaultCause.Http),
            _ => WatchEnd.NotAFault,
        };
    }

    /// <summary>What to watch: namespaces, else a kind LIST-able cluster-wide, else one in a namespace where it is; null when every candidate's path is in <paramref name="skip"/>.</summary>
    public static ResourceKey? Choose(string clusterId, IReadOnlyList<ListableResource> listable, IReadOnlySet<string> skip)
    {
        var candidates = listable.Where(r => r is { Group: "", Resource: "namespaces", AllNamespaces: true })
            .Concat(listable.Where(r => r.AllNamespaces || !r.Namespaced))
            .Concat(listable.Where(r => r.Namespaced && !r.AllNamespaces && r.Namespaces.Count > 0));
        return candidates
            .Select(kind => new ResourceKey(clusterId, kind.Group, kind.Version, kind.Resource, kind.Namespaced && !kind.AllNamespaces ? kind.Namespaces[0] : null))
            .FirstOrDefault(key => !skip.Contains(key.CollectionPath));
    }
}
