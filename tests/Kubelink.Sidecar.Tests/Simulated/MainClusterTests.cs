using Kubelink.Simulator;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Simulated;

/// <summary>A real main cluster given by kubeconfig (here a separate simulator), and one that refuses.</summary>
public sealed class MainClusterTests
{
    [Fact]
    public async Task MainRefuses_NewClusterFailsWithTheReason_OthersKeepServing_RetriedOnceItAnswers()
    {
        using var dir = new TempDir();
        await using var main = new SimulatorServer(new SimulatorOptions { Namespaces = 0, Nodes = 0, PodsPerNamespace = 0 });
        await main.StartAsync();
        main.AddCertificateUser("operator", ["system:masters"]);
        var kubeconfig = dir.Combine("main.kubeconfig");
        main.WriteKubeconfig(kubeconfig, "operator");
        await using var bed = await AgentTestBed.StartAsync(mainKubeconfig: kubeconfig);
        await bed.CreateReadyAsync("steady");
        Assert.Equal(5, main.Store.List("v1", "Node", null).Count);

        main.Faults.FailRequests(500);
        var (status, _) = await bed.PostAsync("""{"name":"refused"}""");
        Assert.Equal(201, status); // accepted; the set-up then meets the refusal
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => bed.ReadyAsync("refused"));
        Assert.Contains("the main cluster refused", failure.Message, StringComparison.Ordinal);
        Assert.Equal("failed", (await bed.GetAsync("refused"))["status"]!.ToString());
        Assert.Contains("the main cluster refused", (await bed.GetAsync("refused"))["reason"]!.ToString(), StringComparison.Ordinal);

        main.Faults.StopFailing();
        Assert.Contains("steady-pod1", await Kubectl.OutputAsync(bed.Agent.Options.KubeconfigPath("steady"), "get", "pods"));
        await bed.Agent.ReconcileAllAsync(); // failed clusters are retried
        await bed.ReadyAsync("refused");
        Assert.Contains("refused-node5", await Kubectl.OutputAsync(bed.Agent.Options.KubeconfigPath("refused"), "get", "nodes"));
    }
}
