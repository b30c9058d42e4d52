using Microsoft.Extensions.Hosting;

namespace Kubelink.Simulator.Http;

/// <summary>
/// A host lifetime that ignores process signals. The embedding process (the sidecar) owns SIGTERM/Ctrl-C and
/// maps them to cancellation; the default console lifetime would otherwise stop the simulator's hosts behind
/// its back and leave the process running.
/// </summary>
internal sealed class QuietLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
