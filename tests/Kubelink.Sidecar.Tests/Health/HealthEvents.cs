using Kubelink.Protocol;
using Kubelink.Protocol.Clusters;
using Kubelink.Protocol.Lifecycle;
using Kubelink.Sidecar.Health;
using Kubelink.Sidecar.Kube;
using Kubelink.Sidecar.Tests.Clusters;
using Kubelink.Sidecar.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Kubelink.Sidecar.Tests.Health;

/// <summary>Health settings for real-clock tests. The probe timeout is generous: a busy machine must not look like a black hole.</summary>
internal static class HealthSettings
{
    /// <summary>Reconnects by themselves within 0.2 s.</summary>
    public static readonly SidecarSettings Fast = new()
    {
        HealthProbeIntervalSeconds = 0.2,
        HealthProbeTimeoutSeconds = 2,
        ReconnectInitialDelaySeconds = 0.05,
        ReconnectMaxDelaySeconds = 0.2,
    };

    /// <summary>No attempt runs by itself (the first waits 15-30 s): the test asks for each with <c>cluster/reconnect</c>.</summary>
    public static readonly SidecarSettings Driven = Fast with { ReconnectInitialDelaySeconds = 30, ReconnectMaxDelaySeconds = 60 };
}

/// <summary>Reads <c>cluster/health</c> notifications of a test bed as short strings, so whole sequences can be compared.</summary>
internal static class HealthEvents
{
    /// <summary>"state/cause/attempt/retry/generation", retry being "-" when none is scheduled and "+" when one is.</summary>
    public static string Format(ClusterHealth h) =>
        $"{h.State.ToString().ToLowerInvariant()}/{h.Cause?.ToWire() ?? "-"}/{h.Attempt}/{(h.NextRetryMs is null ? "-" : "+")}/{h.Generation}";

    public static async Task<ClusterHealth> NextAsync(this ClusterTestBed bed) =>
        await bed.Sidecar.NextNotificationAsync<ClusterHealth>(Methods.ClusterHealthChanged);

    /// <summary>The next <paramref name="count"/> health events, formatted.</summary>
    public static async Task<List<string>> NextAsync(this ClusterTestBed bed, int count)
    {
        var events = new List<string>();
        for (var i = 0; i < count; i++)
        {
            events.Add(Format(await bed.NextAsync()));
        }

        return events;
    }

    /// <summary>Reads health events until one is in <paramref name="state"/>.</summary>
    public static async Task<ClusterHealth> UntilHealthAsync(this ClusterTestBed bed, HealthState state)
    {
        while (true)
        {
            var health = await bed.NextAsync();
            if (health.State == state)
            {
                return health;
            }
        }
    }

    /// <summary>Activates a context and waits for its monitor's first event (ready, generation 1).</summary>
    public static async Task<ClusterInfo> ConnectAsync(this ClusterTestBed bed, string context)
    {
        var info = await bed.ActivateAsync(context);
        Assert.Equal("ready/-/0/-/1", Format(await bed.NextAsync()));
        return info;
    }

    public static Task<ClusterHealth> ReconnectAsync(this ClusterTestBed bed, string clusterId) =>
        Wait.For(bed.Sidecar.Client.InvokeWithParameterObjectAsync<ClusterHealth>(Methods.ClusterReconnect, new ClusterIdParams { ClusterId = clusterId }), "cluster/reconnect");

    public static ClusterMonitor Monitor(this ClusterTestBed bed, string clusterId) =>
        bed.Sidecar.Host.Services.GetRequiredService<HealthService>().Find(clusterId) ?? throw new InvalidOperationException($"No monitor for {clusterId}.");
}
