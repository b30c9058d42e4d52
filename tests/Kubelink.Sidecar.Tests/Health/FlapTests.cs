using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Tests.Clusters;

namespace Kubelink.Sidecar.Tests.Health;

/// <summary>Alone in its collection: memory and descriptor counts are process-wide, so no other test may run beside it.</summary>
[CollectionDefinition(nameof(FlapTests), DisableParallelization = true)]
public sealed class FlapCollection;

/// <summary>Fifty quick outages: one disconnect and one reconnect each, never two attempts at once, nothing leaks.</summary>
[Collection(nameof(FlapTests))]
public sealed class FlapTests
{
    private const int Flaps = 50;
    private const int WarmUp = 10;

    /// <summary>
    /// Growth allowed between flap 10 and flap 50. A transport or sentinel watch leaked per flap keeps at least one socket
    /// open each time (40 or more over the measured flaps); memory catches anything of 400 KB or more per flap.
    /// </summary>
    private const int MaxDescriptorGrowth = 20;
    private const long MaxMemoryGrowth = 16 * 1024 * 1024;

    [Fact]
    public async Task FiftyFlaps_GiveFiftyDisconnectsAndFiftyReconnects_AndLeakNothing()
    {
        await using var bed = await ClusterTestBed.StartAsync(settings: HealthSettings.Fast);
        var info = await bed.ConnectAsync("sim-admin");
        var events = new List<ClusterHealth>();
        (long Memory, int Descriptors) warm = default;

        for (var flap = 1; flap <= Flaps; flap++)
        {
            await bed.Simulator.Faults.RefuseConnectionsAsync();
            await ReadUntilAsync(bed, events, HealthState.Disconnected);
            await bed.Simulator.Faults.AcceptConnectionsAsync();
            await ReadUntilAsync(bed, events, HealthState.Ready);
            if (flap == WarmUp)
            {
                warm = Measure();
            }
        }

        var end = Measure();
        Assert.Equal(Flaps, events.Count(e => e.State == HealthState.Disconnected));
        Assert.Equal(Flaps, events.Count(e => e.State == HealthState.Ready));
        Assert.Equal(Enumerable.Range(2, Flaps).Select(g => (long)g), events.Where(e => e.State == HealthState.Ready).Select(e => e.Generation));
        Assert.All(events.Where(e => e.State == HealthState.Reconnecting), e => Assert.True(e.Attempt >= 1));
        Assert.Equal(1, bed.Monitor(info.Id).MaxAttemptsInFlight);
        Assert.InRange(end.Descriptors - warm.Descriptors, int.MinValue, MaxDescriptorGrowth);
        Assert.InRange(end.Memory - warm.Memory, long.MinValue, MaxMemoryGrowth);
    }

    /// <summary>Reads health events up to one of <paramref name="state"/>; a ready before a disconnect (or the reverse) fails here.</summary>
    private static async Task ReadUntilAsync(ClusterTestBed bed, List<ClusterHealth> events, HealthState state)
    {
        var unexpected = state == HealthState.Ready ? HealthState.Disconnected : HealthState.Ready;
        while (true)
        {
            var next = await bed.NextAsync();
            events.Add(next);
            Assert.NotEqual(unexpected, next.State);
            if (next.State == state)
            {
                return;
            }
        }
    }

    private static (long Memory, int Descriptors) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return (GC.GetTotalMemory(forceFullCollection: true), Directory.GetFiles("/proc/self/fd").Length);
    }
}
