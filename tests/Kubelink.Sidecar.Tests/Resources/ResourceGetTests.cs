using Kubelink.Protocol;
using Kubelink.Protocol.Resources;
using Kubelink.Sidecar.Tests.Clusters;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Tests.Resources;

/// <summary>resources/get (Open YAML) against the simulator.</summary>
public sealed class ResourceGetTests
{
    [Fact]
    public async Task Get_AnswersTheObjectsYaml_WithoutManagedFields()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var info = await bed.ActivateAsync("sim-admin");
        var map = ResourceViews.ConfigMap("team-a", "yaml-me", "true");
        map["metadata"]!["managedFields"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["manager"] = "kubectl" });
        bed.Simulator.Store.Create(map);

        var result = await bed.Sidecar.Client.InvokeWithParameterObjectAsync<ResourceGetResult>(Methods.ResourcesGet, new ResourceGetParams
        {
            ClusterId = info.Id, Group = "", Version = "v1", Resource = "configmaps", Namespace = "team-a", Name = "yaml-me",
        });

        Assert.Contains("  name: yaml-me\n", result.Yaml, StringComparison.Ordinal);
        Assert.Contains("  value: \"true\"\n", result.Yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("managedFields", result.Yaml, StringComparison.Ordinal);
        Assert.Equal(bed.Simulator.Store.Get("v1", "ConfigMap", "team-a", "yaml-me")!["metadata"]!["resourceVersion"]!.ToString(), result.ResourceVersion);
    }

    [Fact]
    public async Task Get_AMissingObject_IsResourceNotFound()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var info = await bed.ActivateAsync("sim-admin");

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => bed.Sidecar.Client.InvokeWithParameterObjectAsync<ResourceGetResult>(Methods.ResourcesGet, new ResourceGetParams
        {
            ClusterId = info.Id, Group = "apps", Version = "v1", Resource = "deployments", Namespace = "team-a", Name = "nope",
        }));

        Assert.Equal(ErrorCodes.ResourceNotFound, error.ErrorCode);
        Assert.Contains("deployments.apps 'nope' in namespace 'team-a'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AClusterScopedObject_NeedsNoNamespace()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var info = await bed.ActivateAsync("sim-admin");

        var result = await bed.Sidecar.Client.InvokeWithParameterObjectAsync<ResourceGetResult>(Methods.ResourcesGet, new ResourceGetParams
        {
            ClusterId = info.Id, Group = "", Version = "v1", Resource = "nodes", Namespace = null, Name = "node-000",
        });

        Assert.StartsWith("apiVersion: v1\nkind: Node\n", result.Yaml, StringComparison.Ordinal);
        Assert.Contains("  name: node-000\n", result.Yaml, StringComparison.Ordinal);
        Assert.Contains("kubeletVersion: ", result.Yaml, StringComparison.Ordinal);
    }
}
