using Kubelink.Sidecar.Lifecycle;

namespace Kubelink.Sidecar.Cli;

/// <summary>Dispatches the command line to a verb. Only the default verb speaks JSON-RPC; the others own stdout.</summary>
internal static class Verbs
{
    public const string Usage = """
        Usage: kubelink-sidecar [verb] [options]

        Verbs:
          (none)       JSON-RPC server on stdin/stdout (how the VS Code extension starts it)
          --version    print the sidecar version
          contract     print the JSON-RPC contract as JSON
          simulator    run the embedded Kubernetes API simulator (simulator --help for options)
          gateway      serve GraphQL for every schema file of a folder (--definitions DIR --port N [--address A])
          listener     watch ClusterAccess objects and write their schema files (--definitions DIR)
          agent        simulated clusters on a main cluster, HTTP API on loopback (--port 9090 [--state-dir DIR] [--main-kubeconfig F])
          clusteraccess create   register a cluster as a ClusterAccess (--target-kubeconfig F --management-kubeconfig F)
          help         show this text
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args.Length > 0 ? args[0] : null;
        switch (verb)
        {
            case null:
                return await ServerVerb.RunAsync().ConfigureAwait(false);
            case "--version" or "version":
                Console.Out.WriteLine(LifecycleHandler.ServerVersion); // not the server verb: stdout is ours
                return 0;
            case "contract":
                return ContractVerb.Run(Console.Out); // not the server verb: stdout is ours
            case "simulator":
                return await SimulatorVerb.RunAsync(args[1..]).ConfigureAwait(false);
            case "gateway":
                return await GatewayVerb.RunAsync(args[1..]).ConfigureAwait(false);
            case "listener":
                return await ListenerVerb.RunAsync(args[1..]).ConfigureAwait(false);
            case "agent":
                return await AgentVerb.RunAsync(args[1..]).ConfigureAwait(false);
            case "clusteraccess":
                return await ClusterAccessVerb.RunAsync(args[1..]).ConfigureAwait(false);
            case "help" or "--help" or "-h":
                Console.Out.WriteLine(Usage); // not the server verb: stdout is ours
                return 0;
            default:
                await Console.Error.WriteLineAsync($"kubelink-sidecar: unknown verb '{verb}'.\n\n{Usage}").ConfigureAwait(false);
                return 2;
        }
    }
}
