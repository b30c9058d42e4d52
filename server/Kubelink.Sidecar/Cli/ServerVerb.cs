using Kubelink.Sidecar.Hosting;
using Kubelink.Sidecar.Rpc;
using Microsoft.Extensions.Hosting;
using Serilog.Events;

namespace Kubelink.Sidecar.Cli;

/// <summary>The default verb: the JSON-RPC server on stdio, as the extension starts it.</summary>
internal static class ServerVerb
{
    public static async Task<int> RunAsync()
    {
        ParentWatcher.CaptureParent();
        // Next, before anything can write: stdout becomes the wire and everything else is sent to stderr.
        var wire = StdoutGuard.TakeWire();
        if (Environment.GetEnvironmentVariable(StrayOutput.Variable) == "1")
        {
            StrayOutput.WriteEverywhere();
        }

        PrivateUmask.Apply(); // before the first file (the log) is created
        var paths = StatePaths.FromEnvironment(Environment.GetEnvironmentVariable);
        paths.Ensure();
        var level = Enum.TryParse<LogEventLevel>(Environment.GetEnvironmentVariable("KUBELINK_LOG_LEVEL"), ignoreCase: true, out var parsed)
            ? parsed
            : LogEventLevel.Information;
        await using var logger = Logging.Create(paths, level);
        try
        {
            using var host = SidecarHost.Build(new WireStreams(wire, Console.OpenStandardInput()), paths, logger, watchParent: true);
            await host.RunAsync().ConfigureAwait(false);
            return Environment.ExitCode;
        }
        catch (OperationCanceledException)
        {
            // shutdown/exit (or the parent's death) while the host was still starting: a normal, early stop.
            return Environment.ExitCode;
        }
        catch (Exception e)
        {
            logger.Fatal(e, "The sidecar stopped unexpectedly");
            return 70; // EX_SOFTWARE
        }
    }
}
