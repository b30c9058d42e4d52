using Kubelink.Sidecar.ClusterAccess;

namespace Kubelink.Sidecar.Cli;

/// <summary>
/// <c>listener --definitions DIR [--kubeconfig F] [--context C]</c>: keeps DIR's schema files in step with the management
/// cluster's ClusterAccess objects. The management cluster comes from the kubeconfig, else the pod's in-cluster configuration.
/// </summary>
internal static class ListenerVerb
{
    public static async Task<int> RunAsync(string[] args)
    {
        VerbOptions options;
        Kubeconfig.ResolvedContext management;
        try
        {
            options = VerbOptions.Parse(args, new HashSet<string> { "definitions", "kubeconfig", "context" });
            options.Require("definitions");
            management = KubeConnection.Management(options.Get("kubeconfig"), options.Get("context"), Environment.GetEnvironmentVariable);
        }
        catch (Exception e) when (e is ArgumentException or ClusterAccessProblem)
        {
            await Console.Error.WriteLineAsync($"kubelink-sidecar listener: {e.Message}\nUsage: kubelink-sidecar listener --definitions DIR [--kubeconfig F] [--context C]").ConfigureAwait(false);
            return 2;
        }
        using var loggers = VerbOptions.Loggers();
        using var stop = VerbOptions.StopOnSignal(out var signals);
        using (signals)
        using (var connection = KubeConnection.Open(management))
        using (var listener = new ClusterAccessListener(connection, new SchemaFiles(options.Require("definitions")), loggers.CreateLogger("Kubelink.Listener"), TimeProvider.System))
        {
            Console.Out.WriteLine($"Kubelink ClusterAccess listener watching {connection.Server}, writing {Path.GetFullPath(options.Require("definitions"))}"); // this verb owns stdout
            Console.Out.Flush();
            await listener.RunAsync(stop.Token).ConfigureAwait(false);
        }
        return 0;
    }
}
