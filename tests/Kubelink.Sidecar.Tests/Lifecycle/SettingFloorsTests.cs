using Kubelink.Protocol.Lifecycle;
using Kubelink.Sidecar.Tests.TestSupport;
using Serilog;
using Serilog.Events;

namespace Kubelink.Sidecar.Tests.Lifecycle;

/// <summary>Settings below their minimum are still raised to it, but no longer silently (issue 11 item 12): the log says which and why.</summary>
public sealed class SettingFloorsTests
{
    [Fact]
    public async Task SettingsBelowTheirMinimum_AreNamedInTheLog_WithTheValueUsed()
    {
        var capture = new LogCapture();
        await using var sidecar = await InMemorySidecar.StartAsync(logger: new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(capture).CreateLogger());

        await sidecar.InitializeAsync(settings: new SidecarSettings { HealthProbeIntervalSeconds = 0.001, ClusterRefreshIntervalSeconds = 0, HealthProbeTimeoutSeconds = -1, ReconnectMaxDelaySeconds = 30 });

        var warnings = capture.Since(0).Where(e => e.Level == LogEventLevel.Warning).Select(e => e.RenderMessage().Trim('"')).ToList();
        Assert.Contains("The setting HealthProbeIntervalSeconds is 0.001 s, below its minimum of 0.05 s; 0.05 s is used.", warnings);
        Assert.Contains("The setting ClusterRefreshIntervalSeconds is 0 s, below its minimum of 1 s; 1 s is used.", warnings);
        Assert.Contains("The setting HealthProbeTimeoutSeconds is -1 s, below its minimum of 0.05 s; 0.05 s is used.", warnings);
        Assert.DoesNotContain(warnings, w => w.Contains("ReconnectMaxDelaySeconds", StringComparison.Ordinal));
    }
}
