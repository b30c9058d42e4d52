using System.Text.Json.Nodes;
using Kubelink.Protocol;
using Kubelink.Protocol.Resources;
using Kubelink.Sidecar.Resources;
using Kubelink.Sidecar.Tests.Clusters;
using Microsoft.Extensions.DependencyInjection;

namespace Kubelink.Sidecar.Tests.Resources;

/// <summary>Resource calls and objects for the view tests: the RPC as the extension sends it, objects written through the simulator's store.</summary>
internal static class ResourceViews
{
    public static Task<ResourceListResult> ListAsync(this ClusterTestBed bed, string clusterId, string resource, string? ns, string group = "", string version = "v1") =>
        bed.Sidecar.Client.InvokeWithParameterObjectAsync<ResourceListResult>(Methods.ResourcesList, new ResourceListParams
        {
            ClusterId = clusterId, Group = group, Version = version, Resource = resource, Namespace = ns,
        });

    public static Task<ResourceListResult> SubscribeAsync(this ClusterTestBed bed, string id, string clusterId, string resource, string? ns, string group = "", string version = "v1") =>
        bed.Sidecar.Client.InvokeWithParameterObjectAsync<ResourceListResult>(Methods.ResourcesSubscribe, new ResourceSubscribeParams
        {
            SubscriptionId = id, ClusterId = clusterId, Group = group, Version = version, Resource = resource, Namespace = ns,
        });

    public static Task UnsubscribeAsync(this ClusterTestBed bed, string id) =>
        bed.Sidecar.Client.InvokeWithParameterObjectAsync<object?>(Methods.ResourcesUnsubscribe, new ResourceUnsubscribeParams { SubscriptionId = id });

    /// <summary>Reads <c>resources/changed</c> in order until one matches; every one read is added to <paramref name="seen"/> when given.</summary>
    public static async Task<ResourceChangedParams> NextChangeAsync(this ClusterTestBed bed, Func<ResourceChangedParams, bool> match, List<ResourceChangedParams>? seen = null)
    {
        while (true)
        {
            var change = await bed.Sidecar.NextNotificationAsync<ResourceChangedParams>(Methods.ResourcesChanged);
            seen?.Add(change);
            if (match(change))
            {
                return change;
            }
        }
    }

    public static ResourceCaches Caches(this ClusterTestBed bed) => bed.Sidecar.Host.Services.GetRequiredService<ResourceCaches>();

    public static JsonObject ConfigMap(string ns, string name, string value = "1") => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["data"] = new JsonObject { ["value"] = value },
    };

    /// <summary>For what no event announces (the server noticing a closed watch, a linger timer): polled; callers bound it with <c>Wait.For</c>.</summary>
    public static async Task UntilAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(20);
        }
    }

    public static bool Has(this ResourceChangedParams change, ResourceChangeType type, string name) =>
        change.Type == type && change.Items.Any(r => r.Name == name);
}
