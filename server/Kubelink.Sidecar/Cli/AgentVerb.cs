using System.Globalization;
using Kubelink.Sidecar.Simulated;
using Kubelink.Sidecar.Simulated.Rancher;

namespace Kubelink.Sidecar.Cli;

/// <summary>
/// <c>agent --port 9090 [--state-dir DIR] [--main-kubeconfig F] [--template F] [--token-file F]
/// [--rancher-url URL --rancher-token-file F [--rancher-ca-file F]]</c>: simulated clusters,
/// headless (docs/simulated-clusters.md). Prints one line with its URL once every saved cluster has its endpoint again.
/// </summary>
internal static class AgentVerb
{
    private const string Usage = "Usage: kubelink-sidecar agent --port 9090 [--state-dir DIR] [--main-kubeconfig F] [--template F] [--token-file F] [--rancher-url URL --rancher-token-file F [--rancher-ca-file F]]";

    public static async Task<int> RunAsync(string[] args)
    {
        VerbOptions options;
        int port;
        RancherSettings? rancher;
        try
        {
            options = VerbOptions.Parse(args, new HashSet<string> { "port", "state-dir", "main-kubeconfig", "template", "token-file", "rancher-url", "rancher-token-file", "rancher-ca-file" });
            port = int.Parse(options.Get("port") ?? "9090", CultureInfo.InvariantCulture);
            rancher = Rancher(options);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"kubelink-sidecar agent: {e.Message}.\n{Usage}").ConfigureAwait(false);
            return 2;
        }
        var stateDir = options.Get("state-dir") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kubelink", "agent");
        var token = options.Get("token-file") is { } tokenFile ? File.ReadAllText(tokenFile).Trim() : null;
        using var loggers = VerbOptions.Loggers();
        using var stop = VerbOptions.StopOnSignal(out var signals);
        using (signals)
        {
            var agentOptions = new AgentOptions { StateDir = Path.GetFullPath(stateDir), MainKubeconfig = options.Get("main-kubeconfig"), TemplatePath = options.Get("template"), Rancher = rancher };
            await using var agent = new SimulatedAgent(agentOptions, TimeProvider.System, loggers);
            AgentHttpApi api;
            try
            {
                await agent.StartAsync(stop.Token).ConfigureAwait(false);
                api = await AgentHttpApi.StartAsync(agent, port, token, stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or MainApiException or HttpRequestException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"kubelink-sidecar agent: could not start: {e.Message}").ConfigureAwait(false);
                return 1;
            }
            await using (api)
            {
                Console.Out.WriteLine($"kubelink agent listening on {api.Address.ToString().TrimEnd('/')} (state in {agentOptions.StateDir})"); // this verb owns stdout
                Console.Out.Flush();
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // SIGTERM or Ctrl-C: stop serving; the state is already on disk
                }
            }
        }
        return 0;
    }

    /// <summary>Both Rancher options or neither (the CA file only with them); the token is read from its file (never from the command line, which others can see).</summary>
    private static RancherSettings? Rancher(VerbOptions options)
    {
        var url = options.Get("rancher-url");
        var tokenFile = options.Get("rancher-token-file");
        var caFile = options.Get("rancher-ca-file");
        if (url is null && tokenFile is null)
        {
            return caFile is null ? null : throw new ArgumentException("--rancher-ca-file needs --rancher-url and --rancher-token-file");
        }
        if (url is null || tokenFile is null)
        {
            throw new ArgumentException("--rancher-url and --rancher-token-file go together");
        }
        return RancherSettings.Parse(url, File.ReadAllText(tokenFile), caFile);
    }
}
