using System.Net.WebSockets;
using Kubelink.Sidecar.Simulated;
using Kubelink.Sidecar.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Kubelink.Sidecar.Tests.Simulated.Rancher;

/// <summary>
/// A Rancher that refuses the API key, serves a broken import YAML or sends garbage through a tunnel: the cluster's
/// <c>rancher</c> state says why, and the agent keeps serving every cluster.
/// </summary>
public sealed class RancherBadInputTests
{
    [Fact]
    public async Task Rancher401_FailedWithTheNextStep_ClustersStillServed()
    {
        await using var rancher = await FakeRancher.StartAsync();
        await using var bed = await AgentTestBed.StartAsync(rancher: rancher.Settings("token-wrong:nope"));
        await bed.CreateReadyAsync("refused");
        var failed = await bed.UntilAsync("refused", c => c?.Rancher.State == "failed", "the import to fail");
        Assert.Contains("401", failed!.Rancher.Reason, StringComparison.Ordinal);
        Assert.Contains("--rancher-token-file", failed.Rancher.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("nope", (await bed.GetAsync("refused")).ToJsonString(), StringComparison.Ordinal); // the key is never shown

        await bed.CreateReadyAsync("another");
        Assert.Contains("another-node1", await Kubectl.OutputAsync(bed.Agent.Options.KubeconfigPath("another"), "get", "nodes"), StringComparison.Ordinal);
        Assert.Contains("refused-node1", await Kubectl.OutputAsync(bed.Agent.Options.KubeconfigPath("refused"), "get", "nodes"), StringComparison.Ordinal);
        Assert.Empty(rancher.Live);
    }

    [Fact]
    public async Task BrokenImportYaml_FailedWithTheReason_RetriedByTheWatcher()
    {
        await using var rancher = await FakeRancher.StartAsync();
        rancher.BrokenYaml = true;
        await using var bed = await AgentTestBed.StartAsync(rancher: rancher.Settings());
        await bed.CreateReadyAsync("broken");
        var failed = await bed.UntilAsync("broken", c => c?.Rancher.State == "failed", "the import to fail");
        Assert.Contains("import YAML does not parse", failed!.Rancher.Reason, StringComparison.Ordinal);
        Assert.Equal("failed", (await bed.GetAsync("broken"))["rancher"]!["state"]!.ToString());

        rancher.BrokenYaml = false;
        await bed.Agent.WatchRancherAsync(); // the watcher's pass retries a failed import
        var connected = await bed.UntilAsync("broken", c => c?.Rancher.State == "connected", "Rancher connected after the retry");
        Assert.Equal(rancher.Named("broken")!.Id, connected!.Rancher.ClusterId);
        Assert.Single(rancher.Live); // the retry found the cluster it had created, no second one
    }

    [Fact]
    public async Task ImportAnswers500_ReasonNamesTheCallWithoutTheRegistrationToken()
    {
        await using var rancher = await FakeRancher.StartAsync();
        rancher.ImportFails = true;
        await using var bed = await AgentTestBed.StartAsync(rancher: rancher.Settings());
        await bed.CreateReadyAsync("secretive");
        var failed = await bed.UntilAsync("secretive", c => c?.Rancher.State == "failed", "the import to fail");
        var fake = rancher.Named("secretive")!;
        Assert.Equal($"Rancher answered 500 at GET /v3/import/<registration token>_{fake.Id}.yaml: boom", failed!.Rancher.Reason);
        Assert.DoesNotContain(fake.RegistrationToken, (await bed.GetAsync("secretive")).ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RancherAnswers404ForEverything_WatcherDeletesNothing()
    {
        await using var rancher = await FakeRancher.StartAsync();
        await using var bed = await AgentTestBed.StartAsync(rancher: rancher.Settings());
        await bed.CreateReadyAsync("kept");
        await bed.UntilAsync("kept", c => c?.Rancher.State == "connected", "Rancher connected");

        rancher.AllNotFound = true; // a proxy in front of something else: not a deletion
        await bed.Agent.WatchRancherAsync();
        Assert.Equal(ClusterStatus.Ready, bed.Agent.Get("kept")!.Status);
        rancher.AllNotFound = false;
        rancher.Delete(rancher.Named("kept")!); // the real thing is
        await bed.Agent.WatchRancherAsync();
        Assert.Null(bed.Agent.Get("kept"));
    }

    [Fact]
    public async Task GarbageFrames_ThatTunnelDisconnectsWithTheReason_OtherClusterStaysConnected()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var rancher = await FakeRancher.StartAsync();
        await using var bed = await AgentTestBed.StartAsync(time: clock, rancher: rancher.Settings());
        await bed.CreateReadyAsync("garbled");
        await bed.CreateReadyAsync("healthy");
        await bed.UntilAsync("garbled", c => c?.Rancher.State == "connected", "garbled connected");
        await bed.UntilAsync("healthy", c => c?.Rancher.State == "connected", "healthy connected");

        var garbled = rancher.Named("garbled")!;
        var retries = System.Threading.Channels.Channel.CreateUnbounded<TimeSpan>();
        bed.Agent.RancherRetryScheduled += (cluster, _, delay) =>
        {
            if (cluster == "garbled")
            {
                retries.Writer.TryWrite(delay);
            }
        };
        await garbled.Agent!.SendRawAsync([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], WebSocketMessageType.Binary);
        var down = await bed.UntilAsync("garbled", c => c?.Rancher.State == "disconnected", "garbled disconnected");
        Assert.Contains("cluster-agent tunnel: varint longer than 10 bytes", down!.Rancher.Reason, StringComparison.Ordinal);
        Assert.StartsWith(" · Rancher disconnected: cluster-agent tunnel", SimulatedSource.RancherNote(down.Rancher), StringComparison.Ordinal); // the tree row

        Assert.Equal("connected", bed.Agent.Get("healthy")!.Rancher.State);
        Assert.Equal((200, "ok"), await rancher.Named("healthy")!.ReadyzAsync());
        clock.Advance(await Wait.For(retries.Reader.ReadAsync().AsTask(), "the retry to be scheduled"));
        await bed.UntilAsync("garbled", c => c?.Rancher.State == "connected", "garbled connected again");
    }
}
