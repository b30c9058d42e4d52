using Kubelink.Protocol;
using Kubelink.Protocol.Clusters;
using Kubelink.Protocol.Resources;
using Kubelink.Sidecar.Tests.TestSupport;
using Kubelink.Simulator.Aws;

namespace Kubelink.Sidecar.Tests.Eks;

/// <summary>
/// A token refused while connected (here: the assume-role session behind it was revoked, as IAM's "revoke active
/// sessions" does): the very next request makes a new session and token and succeeds, and the cluster stays ready.
/// The renewal before expiry is <see cref="EksTokenTests"/>'s (an injected clock).
/// </summary>
public sealed class EksRenewalTests
{
    [Fact]
    public async Task AfterA401_ANewTokenIsMadeAtOnce_AndTheClusterStaysReady()
    {
        await using var bed = await EksTestBed.StartAsync();
        var (info, pod) = await ConnectAsRoleAsync(bed);

        var revoked = bed.Aws.Identities.RevokeSessions(AwsIdentities.RestrictedRoleArn);
        // A fresh read (not a watch cache): its first try is refused, the retry carries a token of a new session.
        var read = await Wait.For(bed.Sidecar.Client.InvokeWithParameterObjectAsync<ResourceGetResult>(Methods.ResourcesGet,
            new ResourceGetParams { ClusterId = info.Id, Group = "", Version = "v1", Resource = "pods", Namespace = "team-a", Name = pod }), "resources/get after the revocation");
        var kubectl = await Kubectl.OutputAsync(info.ProxyKubeconfigPath!, "get", "pods", "-n", "team-a", "-o", "name");
        var after = await bed.Sidecar.Client.InvokeWithParameterObjectAsync<ClusterInfo>(Methods.ClusterGet, new ClusterIdParams { ClusterId = info.Id });

        Assert.True(revoked > 0, "no session of the restricted role was issued");
        Assert.Contains($"name: {pod}", read.Yaml, StringComparison.Ordinal);
        Assert.Contains($"pod/{pod}", kubectl, StringComparison.Ordinal);
        Assert.Equal(ClusterStatus.Ready, after.Status);
    }

    [Fact]
    public async Task ATokenRefusedUnderKubectl_IsRenewedByTheProxy_AndKubectlNeverSeesThe401()
    {
        await using var bed = await EksTestBed.StartAsync();
        var (info, pod) = await ConnectAsRoleAsync(bed);

        // The API server refuses the token of kubectl's own request (only that path: the sidecar's own calls in flight
        // must not meet it first and renew the token for kubectl). The proxy makes a new token and sends the
        // body-less request once more: kubectl gets the pod, not "You must be logged in".
        bed.Bed.Simulator.Faults.FailRequests(401, count: 1, path: $"/api/v1/namespaces/team-a/pods/{pod}");
        var kubectl = await Kubectl.OutputAsync(info.ProxyKubeconfigPath!, "get", "pod", pod, "-n", "team-a", "-o", "name");

        Assert.Equal($"pod/{pod}", kubectl.Trim());
    }

    /// <summary>The assume-role profile's connection, ready, and a pod it may read.</summary>
    private static async Task<(ClusterInfo Info, string Pod)> ConnectAsRoleAsync(EksTestBed bed)
    {
        var entry = await bed.ConnectAsync(EksTestBed.Profile(AwsFiles.RestrictedProfile));
        var info = await Wait.For(bed.Sidecar.Client.InvokeWithParameterObjectAsync<ClusterInfo>(Methods.ClusterActivate, new ClusterActivateParams { ClusterId = entry.Id, AccessibleNamespaces = ["team-a"] }), "activation");
        return (info, bed.Bed.Simulator.Store.List("v1", "Pod", "team-a")[0]["metadata"]!["name"]!.GetValue<string>());
    }
}
