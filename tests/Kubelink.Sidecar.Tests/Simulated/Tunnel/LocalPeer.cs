using System.Net;
using System.Net.Sockets;

namespace Kubelink.Sidecar.Tests.Simulated.Tunnel;

/// <summary>
/// A local TCP server the tunnel dials: echoes what it gets, or (<see cref="Hold"/>) accepts and reads nothing until
/// released, with a tiny receive buffer so the agent's writes back up. Tells when the agent closed its side.
/// </summary>
internal sealed class LocalPeer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closedByAgent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _received;

    private LocalPeer(bool hold)
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        if (hold)
        {
            _listener.Server.ReceiveBufferSize = 4096;
        }
        _listener.Start();
        _ = Task.Run(() => ServeAsync(hold));
    }

    public static LocalPeer Echo() => new(hold: false);

    public static LocalPeer Hold() => new(hold: true);

    public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public Task ClosedByAgent => _closedByAgent.Task;

    public long Received => Interlocked.Read(ref _received);

    /// <summary>A held peer starts reading.</summary>
    public void Release() => _release.TrySetResult();

    private async Task ServeAsync(bool hold)
    {
        using var client = await _listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        if (hold)
        {
            await _release.Task;
        }
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                Interlocked.Add(ref _received, read);
                if (!hold)
                {
                    await stream.WriteAsync(buffer.AsMemory(0, read));
                }
            }
        }
        catch (IOException)
        {
            // reset instead of closed: the agent went away all the same
        }
        _closedByAgent.TrySetResult();
    }

    public void Dispose() => _listener.Stop();
}
