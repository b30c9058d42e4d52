using Kubelink.Sidecar.IO;

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
}
