using Kubelink.Sidecar.ClusterAccess;
using Kubelink.Sidecar.GraphQL.Execution;

namespace Kubelink.Sidecar.Cli;

/// <summary>
/// <c>clusteraccess create --target-kubeconfig F --management-kubeconfig F [--name N] [--context C]</c>: registers the target
/// (its context C, else the current one) in the management cluster and prints what it created.
/// </summary>
internal static class ClusterAccessVerb
{
    private const string Usage = "Usage: kubelink-sidecar clusteraccess create --target-kubeconfig F --management-kubeconfig F [--name N] [--context C]";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != "create")
        {
            await Console.Error.WriteLineAsync($"kubelink-sidecar clusteraccess: the only sub-command is 'create'.\n{Usage}").ConfigureAwait(false);
            return 2;
        }
        try
        {
            var options = VerbOptions.Parse(args[1..], new HashSet<string> { "target-kubeconfig", "management-kubeconfig", "name", "context" });
            var targetPath = options.Require("target-kubeconfig");
            var targetText = File.Exists(targetPath) ? await File.ReadAllTextAsync(targetPath).ConfigureAwait(false)
                : throw new ArgumentException($"the target kubeconfig {targetPath} does not exist");
            var target = KubeConnection.FromKubeconfig(Path.GetFullPath(targetPath), targetText, options.Get("context"));
            var managementPath = options.Require("management-kubeconfig");
            var managementText = File.Exists(managementPath) ? await File.ReadAllTextAsync(managementPath).ConfigureAwait(false)
                : throw new ArgumentException($"the management kubeconfig {managementPath} does not exist");
            using var management = KubeConnection.Open(KubeConnection.FromKubeconfig(Path.GetFullPath(managementPath), managementText, null));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            foreach (var line in await ClusterAccessRegistration.RegisterAsync(management.Api, RegistrationInput.FromContext(target, targetText), options.Get("name"), timeout.Token).ConfigureAwait(false))
            {
                Console.Out.WriteLine(line); // this verb owns stdout
            }
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or ClusterAccessProblem or KubeCallError or OperationCanceledException or IOException)
        {
            var hint = e is KubeCallError { Status: 404 } ? " Is the ClusterAccess CRD installed? kubectl apply -f deploy/crd-clusteraccess.yaml" : "";
            await Console.Error.WriteLineAsync($"kubelink-sidecar clusteraccess create: {e.Message}{hint}\n{Usage}").ConfigureAwait(false);
            return 1;
        }
    }
}
