using Kubelink.Protocol;
using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Clusters.Upstream;
using Kubelink.Sidecar.Health;
using Kubelink.Sidecar.Hosting;
using Kubelink.Sidecar.Kube;
using Kubelink.Sidecar.Lifecycle;
using Kubelink.Sidecar.Proxy;
using Kubelink.Sidecar.Rpc;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Clusters.Activation;

/// <summary>
/// Activation, stage by stage (seed 000, done better): open the proxy route, detect the version through it, then run the
/// independent checks concurrently (admin, global watch, list-all, namespaces, discovery), then the LIST-permission
/// map. The returned task completes as soon as one kind is known LIST-able; the map keeps filling in afterwards.
/// </summary>
internal sealed partial class ClusterActivator(
    ProxyRoutes routes, ProxyServer proxy, IClientNotifier notifier, StatePaths paths, TransportFactory transports, SessionState client, TimeProvider time, HealthService health, ILogger<ClusterActivator> logger)
{
    /// <summary>
    /// Concurrent SelfSubjectRulesReviews, all on the cluster's one HTTP/2 connection: 100 is the stream limit most servers
    /// grant a connection (Kestrel's default; Go's is 250), so 1,000 namespaces take 10 waves of round trips (32 took 32:
    /// 1.24 s over a 20 ms link, B1). A review is an authorizer evaluation with no storage read, cheap for the server.
    /// </summary>
    public const int ReviewConcurrency = 100;

    public async Task<ClusterInfo> ActivateAsync(ClusterSession session, CancellationToken cancellationToken)
    {
        await SetConnectingAsync(session).ConfigureAwait(false);
        await proxy.EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        ProxyRoute route;
        try
        {
            var transport = session.Transport(transports.Create);
            route = routes.Find(session.Id) is { } open && ReferenceEquals(open.Upstream, transport) ? open : new ProxyRoute(session.Id, transport, session);
            routes.Open(route);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            return await FailAsync(session, "proxy", ErrorCodes.ClusterInvalid, $"The kubeconfig's credentials cannot be loaded: {e.Message} Fix the certificate or key in the kubeconfig and reconnect.").ConfigureAwait(false);
        }

        var proxyUrl = new Uri(proxy.BaseUrl, $"/clusters/{session.Id}").ToString();
        var kubeconfig = paths.ProxyKubeconfig(session.Id);
        ProxyKubeconfig.Write(kubeconfig, session.Entry.Name, proxyUrl, proxy.Certificate.CaPem, route.Token, session.DefaultNamespace);
        session.State.ProxyOpened(proxyUrl, kubeconfig, session.DefaultNamespace);
        await StageAsync(session, "proxy", $"Proxy route ready at {proxyUrl}").ConfigureAwait(false);
        if (await CredentialPreflight.RunAsync(route.Upstream.Credentials, m => StageAsync(session, "credentials", m), cancellationToken).ConfigureAwait(false) is { } denied)
        {
            return await FailAsync(session, "credentials", denied.Code, denied.Message).ConfigureAwait(false);
        }

        using var api = new DisposableApi(KubeApi.ForRoute(proxy, session.Id, route.Token));
        // The reviews' HTTP/2 connection is set up while the version check runs: on a remote link its TCP and TLS
        // handshakes are two round trips the critical path would otherwise wait for after the checks (B1 over a relay).
        _ = WarmUpAsync(route.Upstream, cancellationToken);
        string version;
        try
        {
            var (body, _) = await api.Api.GetAsync("version", null, cancellationToken).ConfigureAwait(false);
            version = body["gitVersion"]?.GetValue<string>() ?? "unknown";
        }
        catch (KubeApiException e)
        {
            var (code, message) = Explain(e, session);
            return await FailAsync(session, "version", code, message).ConfigureAwait(false);
        }

        session.State.Accessible(version);
        await notifier.NotifyAsync(Methods.ClusterStatusChanged, new ClusterStatusParams { ClusterId = session.Id, Status = ClusterStatus.Accessible }).ConfigureAwait(false);
        await StageAsync(session, "version", $"Connected: Kubernetes {version}").ConfigureAwait(false);
        if (session.Target.ValidateByListingNamespaces)
        {
            try
            {
                var (message, level) = await NamespaceValidation.RunAsync(api.Api, session.Entry.User, cancellationToken).ConfigureAwait(false);
                await StageAsync(session, NamespaceValidation.Stage, message, level).ConfigureAwait(false);
            }
            catch (KubeApiException e)
            {
                var (code, message) = Explain(e, session);
                return await FailAsync(session, NamespaceValidation.Stage, code, message).ConfigureAwait(false);
            }
        }

        // The checks go straight over the cluster's multiplexed HTTP/2 connection (warmed above): through the proxy's
        // HTTP/1.1 pool each concurrent check opened its own upstream connection, two more round trips apiece on a remote
        // link (B1 over a relay). The version check already proved the proxy route kubectl and the views will use.
        using var direct = new DisposableApi(new KubeApi(route.Upstream.CreateDirectClient()));
        var checks = await AccessChecks.RunAsync(direct.Api, session, StageAsync, paths.ClusterFile(session.Id, "discovery.json"), cancellationToken).ConfigureAwait(false);
        session.State.AccessChecked(checks.IsAdmin, checks.CanWatchAll, checks.Namespaces, checks.NamespaceSource);

        var map = new PermissionMap(checks.Resources);
        var ready = new TaskCompletionSource<ClusterInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (checks.IsAdmin || checks.CanListAll)
        {
            map.GrantAll();
            await StageAsync(session, "permissions", checks.IsAdmin ? "Admin: every kind is LIST-able everywhere; no per-namespace review needed." : "A cluster-wide rule allows LIST of everything; no per-namespace review needed.").ConfigureAwait(false);
            return await CompleteAsync(session, map, complete: true).ConfigureAwait(false);
        }

        // Reviews continue after ready with their own client, straight over the cluster's transport (see CreateDirectClient).
        var background = new KubeApi(route.Upstream.CreateDirectClient());
        _ = Task.Run(() => FillPermissionsAsync(background, session, checks, map, ready, session.Lifetime.Token), CancellationToken.None);
        return await ready.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One cheap request over the transport's HTTP/2 pool; only the connection it leaves open matters.</summary>
    private static async Task WarmUpAsync(UpstreamTransport upstream, CancellationToken cancellationToken)
    {
        try
        {
            using var client = upstream.CreateDirectClient();
            using var response = await client.GetAsync("version", HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or ObjectDisposedException or InvalidOperationException or IOException or StreamJsonRpc.LocalRpcException)
        {
            // The version check through the proxy reports what went wrong; a failed warm-up changes nothing.
        }
    }

    private async Task FillPermissionsAsync(KubeApi api, ClusterSession session, AccessCheckResult checks, PermissionMap map, TaskCompletionSource<ClusterInfo> ready, CancellationToken cancellationToken)
    {
        using var _ = new DisposableApi(api);
        var done = 0;
        // One work list: a rules review per namespace, an access review per cluster-scoped kind (a RoleBinding's rules
        // appear in its namespace's review even for cluster-scoped kinds it cannot grant); one concurrency bound for all.
        var work = checks.Namespaces.Select(ns => (Namespace: (string?)ns, Resource: (ApiResource?)null))
            .Concat(checks.Resources.Where(r => !r.Namespaced).Select(r => (Namespace: (string?)null, Resource: (ApiResource?)r)))
            .ToList();
        try
        {
            await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = ReviewConcurrency, CancellationToken = cancellationToken }, async (item, ct) =>
            {
                if (item.Resource is { } clusterScoped)
                {
                    if (await api.CanAsync("list", null, clusterScoped.Resource, clusterScoped.Group, ct).ConfigureAwait(false))
                    {
                        map.GrantClusterScoped(clusterScoped);
                    }
                }
                else
                {
                    await ReviewNamespaceAsync(api, map, item.Namespace!, ct).ConfigureAwait(false);
                    Interlocked.Increment(ref done);
                }

                if (!map.IsEmpty && !ready.Task.IsCompleted)
                {
                    ready.TrySetResult(await CompleteAsync(session, map, complete: false).ConfigureAwait(false));
                }
            }).ConfigureAwait(false);

            if (map.IsEmpty)
            {
                var user = session.Entry.User ?? "(anonymous)";
                await FailAsync(session, "permissions", ErrorCodes.ClusterForbidden,
                    $"User '{user}' may not list any resource in {(checks.Namespaces.Count == 0 ? "the cluster" : $"any of {checks.Namespaces.Count} namespaces")}. Ask a cluster admin for a RoleBinding (for example to the 'view' ClusterRole), or pick another context.", rethrow: false).ConfigureAwait(false);
                ready.TrySetException(RpcErrors.Create(ErrorCodes.ClusterForbidden, session.Info.Error!));
                return;
            }

            var info = await CompleteAsync(session, map, complete: true).ConfigureAwait(false);
            await StageAsync(session, "permissions", $"Permission map complete: {info.ListableResources.Count} kinds LIST-able across {done} namespaces.").ConfigureAwait(false);
        }
        catch (Exception e) when (e is KubeApiException or OperationCanceledException or HttpRequestException or ObjectDisposedException)
        {
            LogPermissionsFailed(logger, session.Id, e.Message);
            if (!ready.Task.IsCompleted)
            {
                var (code, message) = e is KubeApiException k ? Explain(k, session) : (ErrorCodes.ClusterUnreachable, e.Message);
                await FailAsync(session, "permissions", code, message, rethrow: false).ConfigureAwait(false);
                ready.TrySetException(RpcErrors.Create(code, message));
            }
        }
    }

    private static async Task ReviewNamespaceAsync(KubeApi api, PermissionMap map, string ns, CancellationToken cancellationToken)
    {
        var review = await api.PostAsync("apis/authorization.k8s.io/v1/selfsubjectrulesreviews", new System.Text.Json.Nodes.JsonObject
        {
            ["apiVersion"] = "authorization.k8s.io/v1",
            ["kind"] = "SelfSubjectRulesReview",
            ["spec"] = new System.Text.Json.Nodes.JsonObject { ["namespace"] = ns },
        }, cancellationToken).ConfigureAwait(false);
        map.Apply(ns, review);
    }

    private async Task<ClusterInfo> CompleteAsync(ClusterSession session, PermissionMap map, bool complete)
    {
        // Concurrent permission reviews can complete the first LIST-able kind at the same moment: the state says which
        // one made the cluster ready (and moved the generation), and only that one starts the health monitor.
        var (info, becameReady) = session.State.PermissionsKnown(map.Snapshot(), complete);
        if (becameReady)
        {
            await StageAsync(session, "ready", $"Ready: {info.ListableResources.Count} kinds LIST-able so far.").ConfigureAwait(false);
            await notifier.NotifyAsync(Methods.ClusterStatusChanged, new ClusterStatusParams { ClusterId = session.Id, Status = ClusterStatus.Ready }).ConfigureAwait(false);
            health.Start(session);
            if (routes.Find(session.Id) is { } route)
            {
                var interval = TimeSpan.FromSeconds(Math.Max(Lifecycle.SettingFloors.ClusterRefreshIntervalSeconds, client.Settings.ClusterRefreshIntervalSeconds ?? 60));
                _ = Task.Run(() => MetadataRefresh.RunAsync(KubeApi.ForRoute(proxy, session.Id, route.Token), session, notifier, interval, time, session.Lifetime.Token));
            }
        }

        return info;
    }

    private static (int Code, string Message) Explain(KubeApiException e, ClusterSession session) => e.Cause switch
    {
        FaultCause.Unauthorized => (ErrorCodes.ClusterUnauthorized, $"The API server rejected the credentials of user '{session.Entry.User}' (401 Unauthorized): the token or certificate is expired or wrong. Log in again or refresh the credentials, then reconnect."),
        FaultCause.Forbidden => (ErrorCodes.ClusterForbidden, $"The API server refused access (403 Forbidden): {e.Message}. Ask a cluster admin for access."),
        FaultCause.Credentials => (ErrorCodes.CredentialPluginFailed, e.Message),
        _ => (ErrorCodes.ClusterUnreachable, $"{e.Message} (server {Kubelink.Sidecar.IO.ServerUrls.Redact(session.Target.Server.ToString().TrimEnd('/'))})"),
    };

    private async Task<ClusterInfo> FailAsync(ClusterSession session, string stage, int code, string message, bool rethrow = true)
    {
        routes.Close(session.Id);
        session.State.Failed(message);
        TryDelete(paths.ProxyKubeconfig(session.Id));
        await StageAsync(session, stage, message, StageLevel.Error).ConfigureAwait(false);
        await notifier.NotifyAsync(Methods.ClusterStatusChanged, new ClusterStatusParams { ClusterId = session.Id, Status = ClusterStatus.Failed }).ConfigureAwait(false);
        LogFailed(logger, session.Id, stage, message);
        return rethrow ? throw RpcErrors.Create(code, message) : session.Info;
    }

    private Task SetConnectingAsync(ClusterSession session)
    {
        const ClusterStatus status = ClusterStatus.Connecting;
        session.State.Connecting();
        return notifier.NotifyAsync(Methods.ClusterStatusChanged, new ClusterStatusParams { ClusterId = session.Id, Status = status });
    }

    internal Task StageAsync(ClusterSession session, string stage, string message, StageLevel level = StageLevel.Info) =>
        notifier.NotifyAsync(Methods.ClusterStage, new ClusterStageParams { ClusterId = session.Id, Stage = stage, Message = message, Level = level, Timestamp = time.GetUtcNow() });

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }

    private sealed class DisposableApi(KubeApi api) : IDisposable
    {
        public KubeApi Api { get; } = api;

        public void Dispose() => Api.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activation of {ClusterId} failed at {Stage}: {Message}")]
    private static partial void LogFailed(ILogger logger, string clusterId, string stage, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Permission reviews for {ClusterId} stopped: {Message}")]
    private static partial void LogPermissionsFailed(ILogger logger, string clusterId, string message);
}
