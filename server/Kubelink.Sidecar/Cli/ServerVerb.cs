using Kubelink.Sidecar.Hosting;
using Kubelink.Sidecar.Lifecycle;
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
        var (logger, logFile) = Logging.Create(paths, level);
        await using var disposeLogger = logger;
        try
        {
            using var host = SidecarHost.Build(new WireStreams(wire, Console.OpenStandardInput()), paths, logger, watchParent: true);
            OpenLogFileLater(host, logFile);
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

    /// <summary>The log file opens a second after <c>initialize</c> is accepted (or after a few seconds without it), off the first answer's path.</summary>
    private static void OpenLogFileLater(IHost host, DeferredSink logFile)
    {
        var initialized = ((SessionState)host.Services.GetService(typeof(SessionState))!).Initialized;
        _ = Task.Run(async () =>
        {
            await Task.WhenAny(initialized, Task.Delay(TimeSpan.FromSeconds(3))).ConfigureAwait(false);
            // A moment more: the answer is still being written when initialize is accepted, and two cores are all we may have.
            await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            logFile.Open();
        });
    }
}
