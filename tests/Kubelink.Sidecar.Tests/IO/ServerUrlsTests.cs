using Kubelink.Sidecar.IO;
using Kubelink.Sidecar.Kubeconfig;

namespace Kubelink.Sidecar.Tests.IO;

/// <summary>Issue 11 item 6: a password in a server URL is never shown and never sent.</summary>
public sealed class ServerUrlsTests
{
    [Theory]
    [InlineData("https://alice:pw@host:6443/", "https://***@host:6443/")]
    [InlineData("https://alice:p@w@host:6443/k8s/clusters/c-1", "https://***@host:6443/k8s/clusters/c-1")]
    [InlineData("https://token@host/", "https://***@host/")]
    [InlineData("https://alice:pa/ss@host/", "https://***@host/")] // does not parse: everything up to the last '@' goes
    [InlineData("ftp://alice:pw@host", "ftp://***@host/")]
    [InlineData("https://host:6443", "https://host:6443")]
    [InlineData("https://host/path@not-user-info", "https://host/path@not-user-info")]
    public void Redact_HidesUserInfo_AndKeepsTheRest(string url, string shown) => Assert.Equal(shown, ServerUrls.Redact(url));

    [Fact]
    public void WithoutUserInfo_IsWhatIsConnectedTo()
    {
        var uri = ServerUrls.WithoutUserInfo(new Uri("https://alice:pw@host:6443/base"));

        Assert.Equal("https://host:6443/base", uri.ToString());
        Assert.Empty(uri.UserInfo);
    }

    [Fact]
    public void ConnectionTarget_NeverCarriesTheUserInfo_EvenIfAContextGotPastTheValidator()
    {
        var cluster = new ClusterConfig("https://alice:s3cr3t@127.0.0.1:6443/", null, null, false, null, null);
        var context = new ResolvedContext("id", new Named<ContextConfig>("ctx", new ContextConfig("c", null, null), "/k/config", 1), new Named<ClusterConfig>("c", cluster, "/k/config", 1), null);

        var target = KubeconfigTargets.From(context);

        Assert.DoesNotContain("s3cr3t", target.Server.ToString()); // what the forwarder logs and connects to
        Assert.Equal("https://127.0.0.1:6443/", target.Server.ToString());
    }
}
