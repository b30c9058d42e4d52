using System.Net;
using Kubelink.Sidecar.Clusters.Activation;
using Kubelink.Sidecar.Kube;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Clusters;

/// <summary>A failed discovery falls back to the last good list, which is kept on disk so it survives a restart.</summary>
public sealed class DiscoveryCacheTests
{
    private const string Aggregated = """
        {"kind":"APIGroupDiscoveryList","items":[{"metadata":{"name":""},"versions":[{"version":"v1","resources":[
          {"resource":"pods","responseKind":{"group":"","version":"v1","kind":"Pod"},"scope":"Namespaced","verbs":["get","list","watch"]},
          {"resource":"bindings","responseKind":{"group":"","version":"v1","kind":"Binding"},"scope":"Namespaced","verbs":["create"]}]}]}]}
        """;

    [Fact]
    public async Task FailedDiscovery_UsesTheLastGoodListFromDisk()
    {
        using var dir = new TempDir();
        var cache = dir.Combine("clusters", "x", "discovery.json");

        var (first, firstFromCache) = await ApiDiscovery.DiscoverAsync(Api(HttpStatusCode.OK), cache, CancellationToken.None);
        var (second, secondFromCache) = await ApiDiscovery.DiscoverAsync(Api(HttpStatusCode.ServiceUnavailable), cache, CancellationToken.None);

        Assert.False(firstFromCache);
        Assert.Equal("pods", Assert.Single(first).Resource); // bindings cannot be listed
        Assert.True(secondFromCache);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task TheCache_IsPrivateToTheUser_AndLeavesNoTempFile()
    {
        using var dir = new TempDir();
        var cache = dir.Combine("clusters", "x", "discovery.json");

        await ApiDiscovery.DiscoverAsync(Api(HttpStatusCode.OK), cache, CancellationToken.None);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cache)); // was 0644 (issue 11 item 12)
        Assert.Equal([cache], Directory.GetFiles(dir.Combine("clusters", "x")));
    }

    [Fact]
    public async Task FailedDiscovery_WithNoCache_Fails()
    {
        using var dir = new TempDir();

        await Assert.ThrowsAsync<KubeApiException>(() => ApiDiscovery.DiscoverAsync(Api(HttpStatusCode.ServiceUnavailable), dir.Combine("none.json"), CancellationToken.None));
    }

    private static KubeApi Api(HttpStatusCode status) =>
        new(new HttpClient(new Canned(status)) { BaseAddress = new Uri("https://cluster.test/clusters/x/") });

    private sealed class Canned(HttpStatusCode status) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = status == HttpStatusCode.OK
                ? request.RequestUri!.AbsolutePath.EndsWith("/api", StringComparison.Ordinal) ? Aggregated : """{"kind":"APIGroupDiscoveryList","items":[]}"""
                : """{"kind":"Status","message":"etcd is down"}""";
            var content = new StringContent(body);
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(status == HttpStatusCode.OK ? "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList" : "application/json");
            return Task.FromResult(new HttpResponseMessage(status) { Content = content });
        }
    }
}
