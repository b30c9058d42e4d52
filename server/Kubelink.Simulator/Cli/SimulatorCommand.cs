using System.Text.Json.Nodes;
using Kubelink.Simulator.Auth;
using Kubelink.Simulator.Cli;
using Kubelink.Simulator.Rbac;

namespace Kubelink.Simulator;

/// <summary>
/// The <c>simulator</c> CLI verb: starts a simulator, writes <c>admin.kubeconfig</c>, <c>restricted.kubeconfig</c>
/// and <c>admin-endpoint.json</c> into the kubeconfig directory, prints one line with the server URL when
/// ready, and runs until cancelled (then saves the state file, when one is given).
/// </summary>
public static class SimulatorCommand
{
    /// <summary>User in <c>system:masters</c>, authenticated by client certificate.</summary>
    public const string AdminUser = "kubelink-admin";

    /// <summary>User with the <c>view</c> ClusterRole in team-a and team-b only, authenticated by bearer token.</summary>
    public const string RestrictedUser = "kubelink-restricted";

    /// <summary>Runs the verb. Never touches the console: everything for humans goes to <paramref name="output"/>.</summary>
    /// <returns>0 after a clean stop, 2 on bad arguments, 1 when the simulator could not start.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        CommandLine command;
        try
        {
            command = CommandLine.Parse(args);
        }
        catch (FormatException ex)
        {
            await output.WriteLineAsync($"simulator: {ex.Message}\n{CommandLine.Usage}");
            return 2;
        }
        SimulatorServer server;
        try
        {
            server = new SimulatorServer(command.Options);
            await server.StartAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
        catch (Exception ex)
        {
            // Port in use, unreadable state file...: one line for the user instead of a crash of the host process.
            await output.WriteLineAsync($"simulator: could not start: {ex.GetType().Name}: {ex.Message}");
            return 1;
        }
        await using (server)
        {
            var directory = command.KubeconfigDirectory;
            Directory.CreateDirectory(directory);
            EnsureUsers(server);
            server.WriteKubeconfig(Path.Combine(directory, "admin.kubeconfig"), AdminUser, "kubelink-sim-admin", "default");
            server.WriteKubeconfig(Path.Combine(directory, "restricted.kubeconfig"), RestrictedUser, "kubelink-sim-restricted", "team-a");
            var admin = new JsonObject { ["url"] = server.AdminAddress?.ToString().TrimEnd('/'), ["token"] = server.AdminToken };
            Kubeconfig.Write(Path.Combine(directory, "admin-endpoint.json"), admin.ToJsonString() + "\n");
            await output.WriteLineAsync($"kubelink simulator listening on {server.BaseAddress.ToString().TrimEnd('/')}");
            if (server.Aws is { } aws)
            {
                Aws.AwsFiles.Write(Path.Combine(directory, "aws"), aws);
                await output.WriteLineAsync($"kubelink simulator AWS endpoint {aws.Endpoint!.ToString().TrimEnd('/')} (profiles in {Path.Combine(directory, "aws")})");
            }
            await output.FlushAsync(CancellationToken.None);
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                // Cancellation is the normal way to stop; disposal below saves the state.
            }
        }
        return 0;
    }

    // A restored state already holds both users; only a fresh cluster mints them.
    private static void EnsureUsers(SimulatorServer server)
    {
        if (server.Core.Users.Latest(AdminUser) is null)
        {
            server.AddCertificateUser(AdminUser, [UserInfo.MastersGroup]);
        }
        if (server.Core.Users.Latest(RestrictedUser) is null)
        {
            server.AddTokenUser(RestrictedUser);
        }
        foreach (var ns in new[] { "team-a", "team-b" })
        {
            if (server.Store.Get("rbac.authorization.k8s.io/v1", "RoleBinding", ns, "kubelink-restricted-view") is null)
            {
                server.Store.Create(BuiltInRoles.UserRoleBinding("kubelink-restricted-view", ns, "view", RestrictedUser));
            }
        }
    }
}
