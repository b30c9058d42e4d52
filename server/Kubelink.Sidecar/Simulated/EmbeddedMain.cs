using Kubelink.Sidecar.IO;
using Kubelink.Simulator;

namespace Kubelink.Sidecar.Simulated;

/// <summary>
/// The embedded simulator as the main cluster, with its state in <c>DIR/main/</c>: saved shortly after every change
/// (batched, atomic), so after a <c>kill -9</c> it comes back with the same CA, the same admin credential, its objects and,
/// when free, its port. Seeds nothing beyond the system namespaces: tenants are what it holds.
/// </summary>
internal static class EmbeddedMain
{
    public static async Task<(SimulatorServer Server, string Kubeconfig)> StartAsync(string stateDir, int port, CancellationToken cancellationToken)
    {
        var dir = Path.Combine(stateDir, "main");
        PrivateFile.CreateDirectory(dir);
        var options = new SimulatorOptions
        {
            Port = port,
            StateFile = Path.Combine(dir, "simulator-state.json"),
            Namespaces = 0,
            Nodes = 0,
            PodsPerNamespace = 0,
        };
        var server = new SimulatorServer(options);
        try
        {
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // Our old port was taken while we were down: any port will do, nothing outside the agent points at it.
            await server.DisposeAsync().ConfigureAwait(false);
            options.Port = 0;
            server = new SimulatorServer(options);
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        if (!server.HasUser(SimulatorCommand.AdminUser))
        {
            server.AddCertificateUser(SimulatorCommand.AdminUser, ["system:masters"]);
        }
        var kubeconfig = Path.Combine(dir, "admin.kubeconfig");
        server.WriteKubeconfig(kubeconfig, SimulatorCommand.AdminUser, "kubelink-agent-main", "default");
        return (server, kubeconfig);
    }
}
