using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubelink.Protocol;
using Kubelink.Protocol.Resources;
using Kubelink.Sidecar.Clusters;
using Kubelink.Sidecar.Kube;
using Kubelink.Sidecar.Lifecycle;
using Kubelink.Sidecar.Resources.Yaml;
using Kubelink.Sidecar.Rpc;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Resources;

/// <summary>The resource views' RPC surface: list and subscribe read the shared watch caches; get reads one object fresh.</summary>
internal sealed class ResourceHandler(
    ClusterService clusters, ResourceCaches caches, ResourceSubscriptions subscriptions, IClientNotifier notifier, SessionState session, ILogger<Subscription> logger) : IRpcTarget
{
    private static readonly TimeSpan GetTimeout = TimeSpan.FromSeconds(15);

    /// <summary>A one-off list takes a lease on the shared cache and lets it go: the cache lingers, so the next list or a view opened next is instant.</summary>
    [JsonRpcMethod(Methods.ResourcesList, UseSingleObjectParameterDeserialization = true)]
    public async Task<ResourceListResult> ListAsync(ResourceListParams request, CancellationToken cancellationToken)
    {
        var (_, scope, leases) = Open(Methods.ResourcesList, request.ClusterId, request.Group, request.Version, request.Resource, request.Namespace);
        try
        {
            var snapshot = await FirstAnswerAsync(leases, scope.Filter, cancellationToken).ConfigureAwait(false);
            return new ResourceListResult { Items = snapshot.Items, Stale = snapshot.Stale, Columns = scope.Columns };
        }
        finally
        {
            leases.ForEach(l => l.Dispose());
        }
    }

    [JsonRpcMethod(Methods.ResourcesSubscribe, UseSingleObjectParameterDeserialization = true)]
    public async Task<ResourceListResult> SubscribeAsync(ResourceSubscribeParams request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.SubscriptionId))
        {
            // Every resources/changed names its subscription; an empty id could never be told apart or unsubscribed.
            throw RpcErrors.Create(ErrorCodes.InvalidParams, "resources/subscribe needs a non-empty 'subscriptionId' chosen by the client.");
        }

        var (cluster, scope, leases) = Open(Methods.ResourcesSubscribe, request.ClusterId, request.Group, request.Version, request.Resource, request.Namespace);
        var subscription = new Subscription(request.SubscriptionId, cluster.Id, leases, scope.Filter, notifier, logger);
        subscriptions.Add(subscription);
        try
        {
            await FirstAnswerAsync(leases, scope.Filter, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            subscriptions.Remove(subscription.Id);
            throw;
        }

        var initial = subscription.Start();
        return new ResourceListResult { Items = initial.Items, Stale = initial.Stale, Columns = scope.Columns };
    }

    [JsonRpcMethod(Methods.ResourcesUnsubscribe, UseSingleObjectParameterDeserialization = true)]
    public void Unsubscribe(ResourceUnsubscribeParams request)
    {
        session.EnsureRunning(Methods.ResourcesUnsubscribe);
        subscriptions.Remove(request.SubscriptionId);
    }

    [JsonRpcMethod(Methods.ResourcesGet, UseSingleObjectParameterDeserialization = true)]
    public async Task<ResourceGetResult> GetAsync(ResourceGetParams request, CancellationToken cancellationToken)
    {
        session.EnsureRunning(Methods.ResourcesGet);
        var cluster = ResourceScope.ReadySession(clusters, request.ClusterId);
        var key = new ResourceKey(cluster.Id, request.Group, request.Version, request.Resource, null);
        var what = $"{key.KindName} '{request.Name}'" + (request.Namespace is null ? "" : $" in namespace '{request.Namespace}'");
        JsonNode item;
        using (var http = cluster.CreateClient(GetTimeout))
        {
            try
            {
                item = await new ResourceApi(http).GetAsync(key.ObjectPath(request.Namespace, request.Name), cancellationToken).ConfigureAwait(false);
            }
            catch (KubeApiException e)
            {
                throw e.Status switch
                {
                    HttpStatusCode.NotFound => RpcErrors.Create(ErrorCodes.ResourceNotFound, $"{what} does not exist (any more). Refresh the view."),
                    HttpStatusCode.Forbidden => RpcErrors.Create(ErrorCodes.ClusterForbidden, $"Reading {what} was refused (403): {e.Message}. Ask a cluster admin for get rights."),
                    HttpStatusCode.Unauthorized => RpcErrors.Create(ErrorCodes.ClusterUnauthorized, $"The API server rejected the credentials (401) while reading {what}. Log in again, then retry."),
                    0 => RpcErrors.Create(ErrorCodes.ClusterUnreachable, $"{what} could not be read: {e.Message}"),
                    _ => RpcErrors.Create(ErrorCodes.ClusterUnreachable, $"The API server failed to return {what} ({(int)e.Status}): {e.Message}. Try again."),
                };
            }
        }

        // Server bookkeeping nobody reads in a YAML view, and often most of the text.
        (item["metadata"] as JsonObject)?.Remove("managedFields");
        var element = JsonSerializer.SerializeToElement(item);
        return new ResourceGetResult { Yaml = YamlText.FromJson(element), ResourceVersion = item["metadata"]?["resourceVersion"]?.GetValue<string>() };
    }

    /// <summary>Checks the session, the cluster and the permission map, then leases the caches the view needs.</summary>
    private (ClusterSession Cluster, ResourceScope Scope, List<ResourceCaches.Lease> Leases) Open(string method, string clusterId, string group, string version, string resource, string? ns)
    {
        session.EnsureRunning(method);
        var cluster = ResourceScope.ReadySession(clusters, clusterId);
        var scope = ResourceScope.Resolve(cluster, group, version, resource, ns);
        return (cluster, scope, scope.Keys.Select(k => caches.Acquire(cluster, k, scope.Kind)).ToList());
    }

    private static async Task<CacheSnapshot> FirstAnswerAsync(IReadOnlyList<ResourceCaches.Lease> leases, string? filter, CancellationToken cancellationToken)
    {
        await Task.WhenAll(leases.Select(l => l.Cache.FirstAnswer)).WaitAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = CacheSnapshot.Merge(leases.Select(l => l.Cache.Snapshot()).ToList(), filter);
        return snapshot.Error is { } error && snapshot.Items.Count == 0
            ? throw RpcErrors.Create(ErrorCodes.ResourceNotListable, error)
            : snapshot;
    }
}
