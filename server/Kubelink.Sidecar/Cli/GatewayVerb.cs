using System.Net;
using Kubelink.Sidecar.GraphQL.Gateway;

namespace Kubelink.Sidecar.Cli;

/// <summary>
/// <c>gateway --definitions DIR [--port N] [--address A]</c>: serves every schema file of DIR at <c>/{path}/graphql</c>. Binds
/// loopback unless <c>--address</c> says otherwise (in a pod: <c>0.0.0.0</c>). Needs no kubeconfig. Prints one line with its URL.
/// </summary>
internal static class GatewayVerb
{
    public static async Task<int> RunAsync(string[] args)
    {
        VerbOptions options;
        IPAddress address;
        int port;
        try
        {
            options = VerbOptions.Parse(args, new HashSet<string> { "definitions", "port", "address" });
            address = IPAddress.Parse(options.Get("address") ?? "127.0.0.1");
            port = int.Parse(options.Get("port") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            options.Require("definitions");
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            await Console.Error.WriteLineAsync($"kubelink-sidecar gateway: {e.Message}.\nUsage: kubelink-sidecar gateway --definitions DIR [--port N] [--address 127.0.0.1]").ConfigureAwait(false);
            return 2;
        }
        using var loggers = VerbOptions.Loggers();
        using var stop = VerbOptions.StopOnSignal(out var signals);
        using (signals)
        {
            await using var server = await GatewayServer.StartAsync(options.Require("definitions"), address, port, loggers, TimeProvider.System, stop.Token).ConfigureAwait(false);
            Console.Out.WriteLine($"Kubelink GraphQL gateway listening on {server.Address} (clusters at {server.Address}{{path}}/graphql)"); // this verb owns stdout
            Console.Out.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // SIGTERM or Ctrl-C: stop serving
            }
        }
        return 0;
    }
}
