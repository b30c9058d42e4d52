using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Health;

namespace Kubelink.Sidecar.Tests.Health;

/// <summary>Which kind the sentinel watches: namespaces first, then anything LIST-able cluster-wide, then one namespace's.</summary>
public sealed class SentinelPathTests
{
    private static readonly ListableResource Pods = Kind("", "v1", "pods", namespaced: true, all: false, "team-a");
    private static readonly ListableResource Deployments = Kind("apps", "v1", "deployments", namespaced: true, all: true);
    private static readonly ListableResource Namespaces = Kind("", "v1", "namespaces", namespaced: false, all: true);

    [Fact]
    public void NamespacesComeFirst_ThenClusterWide_ThenNamespaced()
    {
        Assert.Equal("api/v1/namespaces", Path([Pods, Deployments, Namespaces], Empty));
        Assert.Equal("apis/apps/v1/deployments", Path([Pods, Deployments], Empty));
        Assert.Equal("api/v1/namespaces/team-a/pods", Path([Pods], Empty));
    }

    [Fact]
    public void APathThatAnswered403_IsSkipped_UntilNoneIsLeft()
    {
        Assert.Equal("api/v1/namespaces/team-a/pods", Path([Namespaces, Pods], new HashSet<string> { "api/v1/namespaces" }));
        Assert.Null(Path([Pods], new HashSet<string> { "api/v1/namespaces/team-a/pods" }));
        Assert.Null(Path([], Empty));
    }

    private static readonly HashSet<string> Empty = [];

    private static string? Path(IReadOnlyList<ListableResource> listable, IReadOnlySet<string> skip) => SentinelWatch.Choose("c", listable, skip)?.CollectionPath;

    private static ListableResource Kind(string group, string version, string resource, bool namespaced, bool all, params string[] namespaces) => new()
    {
        Group = group,
        Version = version,
        Resource = resource,
        Kind = resource,
        Namespaced = namespaced,
        AllNamespaces = all,
        Namespaces = namespaces,
    };
}
