using System.Net.Http.Headers;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.GraphQL;

/// <summary>The GraphiQL page and its bundled scripts come from the gateway itself: nothing from a CDN.</summary>
public sealed class GraphiQLPageTests
{
    [Fact]
    public async Task BrowserGet_ServesThePage_AndEveryScriptItNamesFromTheGateway()
    {
        await using var bed = await GatewayTestBed.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, bed.Endpoint());
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var page = await Wait.For(bed.Http.SendAsync(request), "the GraphiQL page");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(200, (int)page.StatusCode);
        Assert.Contains("data-endpoint=\"/sim/graphql\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal); // no CDN
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        foreach (var asset in new[] { "react.production.min.js", "react-dom.production.min.js", "graphiql.min.js", "graphiql.min.css", "kubelink-graphiql.js" })
        {
            Assert.Contains("/graphiql/" + asset, html, StringComparison.Ordinal);
            using var response = await bed.Http.GetAsync(new Uri(bed.Gateway.Address, "/graphiql/" + asset));
            Assert.True(response.IsSuccessStatusCode, asset);
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100, asset);
        }
    }
}
