using System.Net.Http.Headers;
using Kubelink.Sidecar.Hosting;
using Kubelink.Sidecar.Tests.Clusters;
using Kubelink.Sidecar.Tests.TestSupport;
using Serilog;
using Serilog.Events;

namespace Kubelink.Sidecar.Tests.Proxy;

/// <summary>
/// The log at the sidecar's levels (<see cref="Logging.Levels"/>) while requests go through the proxy: Information must
/// stay readable for a day of use, so nothing is written per request unless the user asks for Debug.
/// </summary>
public sealed class ProxyLogTests
{
    private const int Requests = 100;

    [Fact]
    public async Task RequestsThroughTheProxy_AtInformation_WriteNoLinePerRequest()
    {
        var capture = new LogCapture();
        var (during, ok) = await DriveRequestsAsync(capture, LogEventLevel.Information);

        Assert.Equal(Requests, ok);
        var lines = during.Where(e => e.Level >= LogEventLevel.Information).ToList();
        Assert.True(lines.Count < 5, $"{lines.Count} Information lines for {Requests} requests: {string.Join(" | ", lines.Take(5).Select(e => $"{LogCapture.SourceOf(e)}: {e.RenderMessage()}"))}");
        Assert.DoesNotContain(lines, e => LogCapture.SourceOf(e).StartsWith("Yarp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RequestsThroughTheProxy_AtDebug_AreLoggedPerRequest()
    {
        // The other half of the rule, and proof that the test above would see per-request lines if they were written.
        var capture = new LogCapture();
        var (during, _) = await DriveRequestsAsync(capture, LogEventLevel.Debug);

        Assert.True(during.Count(e => LogCapture.SourceOf(e).StartsWith("Yarp", StringComparison.Ordinal)) >= Requests);
    }

    private static async Task<(IReadOnlyList<LogEvent> During, int Ok)> DriveRequestsAsync(LogCapture capture, LogEventLevel level)
    {
        var logger = new LoggerConfiguration().Levels(level).WriteTo.Sink(capture).CreateLogger();
        await using var bed = await ClusterTestBed.StartAsync(logger: logger);
        var info = await bed.ActivateAsync("sim-restricted");
        var token = ProxyTests.TokenOf(await File.ReadAllTextAsync(info.ProxyKubeconfigPath!));
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var mark = capture.Mark();
        var ok = 0;
        for (var i = 0; i < Requests; i++)
        {
            using var response = await http.GetAsync(info.ProxyUrl + "/api/v1/namespaces/team-a/pods");
            ok += response.IsSuccessStatusCode ? 1 : 0;
        }

        return (capture.Since(mark), ok);
    }
}
