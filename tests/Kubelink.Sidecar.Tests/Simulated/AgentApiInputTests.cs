using System.Net.Http.Headers;
using System.Text;

namespace Kubelink.Sidecar.Tests.Simulated;

/// <summary>Bad input to the agent's HTTP API: clear JSON errors, and the agent keeps serving.</summary>
public sealed class AgentApiInputTests : IAsyncLifetime
{
    private AgentTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await AgentTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Theory]
    [InlineData("""{"name":"Test_Cluster"}""", "not a DNS label")]
    [InlineData("""{"name":"-bad"}""", "not a DNS label")]
    [InlineData("""{"name":"a-name-that-is-far-too-long-to-fit-into-a-namespace-name-xyz"}""", "at most 55")]
    [InlineData("""{"name":""}""", "a name is required")]
    [InlineData("""{"other":"x"}""", "a name is required")]
    [InlineData("""["name"]""", "JSON object")]
    [InlineData("""name=x""", "not JSON")]
    public async Task Post_BadBody_400WithJsonError(string body, string expected)
    {
        var (status, error) = await _bed.PostAsync(body);
        Assert.Equal(400, status);
        Assert.Contains(expected, error["error"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_DuplicateName_409AndTheFirstKeepsServing()
    {
        await _bed.CreateReadyAsync("twice");
        var (status, error) = await _bed.PostAsync("""{"name":"twice"}""");
        Assert.Equal(409, status);
        Assert.Contains("already exists", error["error"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("ready", (await _bed.GetAsync("twice"))["status"]!.ToString());
    }

    [Fact]
    public async Task Post_TextPlain_415()
    {
        var (status, _) = await _bed.PostAsync("""{"name":"x"}""", "text/plain");
        Assert.Equal(415, status);
    }

    [Fact]
    public async Task Request_FromAWebPageOrForeignHost_403()
    {
        using var fromPage = new HttpRequestMessage(HttpMethod.Post, "/clusters") { Content = new StringContent("""{"name":"evil"}""", Encoding.UTF8, "application/json") };
        fromPage.Headers.Add("Origin", "https://evil.example");
        using var refused = await _bed.Http.SendAsync(fromPage);
        Assert.Equal(403, (int)refused.StatusCode);

        using var rebinding = new HttpRequestMessage(HttpMethod.Get, "/clusters");
        rebinding.Headers.Host = "attacker.example:9090";
        using var refusedHost = await _bed.Http.SendAsync(rebinding);
        Assert.Equal(403, (int)refusedHost.StatusCode);
        Assert.Null(_bed.Agent.Get("evil"));
    }

    [Fact]
    public async Task Delete_Unknown_404()
    {
        using var response = await _bed.Http.DeleteAsync("/clusters/nobody");
        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal(new MediaTypeHeaderValue("application/json"), response.Content.Headers.ContentType);
    }
}
