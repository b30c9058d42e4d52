using Kubelink.Sidecar.Simulated;
using Microsoft.AspNetCore.Http;

namespace Kubelink.Sidecar.Tests.Simulated;

/// <summary>The request rewriting behind read-only and tenant scoping, without a server.</summary>
public sealed class EndpointPolicyTests
{
    private static readonly EndpointOptions Scoped = new() { TenantScoped = true };

    [Theory]
    [InlineData("/api/v1/pods", "", "/api/v1/namespaces/cluster-c1/pods", "")]
    [InlineData("/apis/apps/v1/deployments", "?watch=1", "/apis/apps/v1/namespaces/cluster-c1/deployments", "?watch=1")]
    [InlineData("/api/v1/nodes", "?labelSelector=a%3Db", "/api/v1/nodes", "?labelSelector=a%3Db,cluster-id%3Dc1")]
    [InlineData("/api/v1/namespaces", "", "/api/v1/namespaces", "?fieldSelector=metadata.name%3Dcluster-c1")]
    [InlineData("/api/v1/namespaces/cluster-c1/pods", "", "/api/v1/namespaces/cluster-c1/pods", "")]
    [InlineData("/version", "", "/version", "")]
    [InlineData("/apis/rbac.authorization.k8s.io/v1/clusterroles", "", "/apis/rbac.authorization.k8s.io/v1/clusterroles", "")]
    public void Decide_TenantScoped_RewritesLists(string path, string query, string expectedPath, string expectedQuery)
    {
        var decision = EndpointPolicy.Decide("GET", new PathString(path), new QueryString(query), "c1", Scoped);
        Assert.False(decision.Refused, decision.Refusal);
        Assert.Equal(expectedPath, decision.Path.Value);
        Assert.Equal(expectedQuery, decision.Query.Value ?? "");
    }

    [Theory]
    [InlineData("GET", "/api/v1/namespaces/kube-system/secrets")]
    [InlineData("DELETE", "/api/v1/namespaces/default")]
    [InlineData("GET", "/api/v1/nodes/other-node1")]
    public void Decide_TenantScoped_OutsideTheTenant_Forbidden(string method, string path)
    {
        var decision = EndpointPolicy.Decide(method, new PathString(path), QueryString.Empty, "c1", Scoped);
        Assert.Equal(403, decision.RefuseStatus);
    }

    [Theory]
    [InlineData("POST", "/api/v1/namespaces/x/configmaps", true)]
    [InlineData("PATCH", "/api/v1/nodes/n/status", true)]
    [InlineData("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", false)]
    [InlineData("GET", "/api/v1/pods", false)]
    public void Decide_ReadOnly_OnlyReadsAndReviews(string method, string path, bool refused)
    {
        var decision = EndpointPolicy.Decide(method, new PathString(path), QueryString.Empty, "c1", new EndpointOptions { ReadOnly = true });
        Assert.Equal(refused, decision.Refused);
    }
}
