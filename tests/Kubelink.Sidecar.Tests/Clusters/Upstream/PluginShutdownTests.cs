using Kubelink.Protocol;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Clusters.Upstream;

/// <summary>Issue 11 item 5: no exec plugin outlives the real sidecar process.</summary>
public sealed class PluginShutdownTests
{
    [Fact]
    public async Task RunningPlugin_IsKilled_WhenTheSidecarShutsDown()
    {
        using var dir = new TempDir();
        var processes = new MarkedProcesses();
        var kubeconfig = dir.Combine("config");
        File.WriteAllText(kubeconfig, HostileFiles.Kubeconfig("hung", userLines: HostileFiles.ExecUser(processes, "sleep 1000")));
        using var sidecar = SidecarProcess.Start(dir.Combine("state"), new Dictionary<string, string>
        {
            ["KUBECONFIG"] = kubeconfig,
            ["HOME"] = Directory.CreateDirectory(dir.Combine("home")).FullName,
        });
        await sidecar.RequestAsync(Methods.Initialize, $$"""{"clientName":"t","clientVersion":"1","protocolVersion":{{ProtocolInfo.Version}}}""");
        var id = (await sidecar.RequestAsync(Methods.CatalogList)).GetProperty("result").GetProperty("clusters")[0].GetProperty("id").GetString();

        await sidecar.SendAsync("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + Methods.ClusterActivate + "\",\"params\":{\"clusterId\":\"" + id + "\"}}");
        await Wait.Until(() => processes.Alive().Count > 0, "the plugin to run");
        await sidecar.RequestAsync(Methods.Shutdown);
        await sidecar.SendAsync("""{"jsonrpc":"2.0","method":"exit"}""");
        await sidecar.WaitForExitAsync("the sidecar to exit");

        await Wait.Until(() => processes.Alive().Count == 0, "the plugin to end with the sidecar");
    }
}
