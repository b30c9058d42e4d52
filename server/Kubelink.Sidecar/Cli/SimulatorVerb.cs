using System.Runtime.InteropServices;
using Kubelink.Simulator;

namespace Kubelink.Sidecar.Cli;

/// <summary><c>simulator</c>: the embedded Kubernetes API simulator, standalone. SIGTERM and Ctrl-C stop it cleanly (state saved).</summary>
internal static class SimulatorVerb
{
    public static async Task<int> RunAsync(string[] args)
    {
        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        return await SimulatorCommand.RunAsync(args, Console.Out, stop.Token).ConfigureAwait(false); // this verb owns stdout

        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true; // we exit ourselves, after saving state
            stop.Cancel();
        }
    }
}
