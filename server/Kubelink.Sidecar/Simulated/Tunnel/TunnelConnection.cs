using System.Net.Sockets;
using System.Threading.Channels;

namespace Kubelink.Sidecar.Simulated.Tunnel;

/// <summary>
/// One multiplexed connection of a session: registered when Connect arrives (before dialing, so Data that arrives during
/// the dial is buffered in <see cref="Inbound"/>), then pumped both ways. Pause/Resume from the peer gate the outbound pump.
/// </summary>
internal sealed class TunnelConnection(long connId) : IDisposable
{
    private readonly CancellationTokenSource _closed = new();
    private TaskCompletionSource _resumed = CompletedSource();

    public long ConnId { get; } = connId;

    /// <summary>Bytes from the peer, in order, until the connection closes.</summary>
    public Channel<ReadOnlyMemory<byte>> Inbound { get; } = Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleReader = true });

    public Socket? Socket { get; set; }

    public CancellationToken Closed => _closed.Token;

    private long _buffered;
    private int _pausedPeer;

    /// <summary>Counts bytes received but not yet written locally; true when the peer must now be paused (once).</summary>
    public bool Buffer(int bytes, long pauseAbove) =>
        Interlocked.Add(ref _buffered, bytes) > pauseAbove && Interlocked.CompareExchange(ref _pausedPeer, 1, 0) == 0;

    /// <summary>Counts bytes written locally; true when a paused peer may now resume (once per pause).</summary>
    public bool Drain(int bytes, long resumeBelow) =>
        Interlocked.Add(ref _buffered, -bytes) < resumeBelow && Interlocked.CompareExchange(ref _pausedPeer, 0, 1) == 1;

    public void Pause()
    {
        lock (_closed)
        {
            if (_resumed.Task.IsCompleted)
            {
                _resumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public void Resume()
    {
        lock (_closed)
        {
            _resumed.TrySetResult();
        }
    }

    /// <summary>Completes when the peer has not paused this connection (the outbound pump awaits it before each write).</summary>
    public Task WhenResumed()
    {
        lock (_closed)
        {
            return _resumed.Task;
        }
    }

    public void Close()
    {
        Inbound.Writer.TryComplete();
        if (!_closed.IsCancellationRequested)
        {
            _closed.Cancel();
        }
        Resume();
        Socket?.Dispose();
    }

    public void Dispose()
    {
        Close();
        _closed.Dispose();
    }

    private static TaskCompletionSource CompletedSource()
    {
        var source = new TaskCompletionSource();
        source.SetResult();
        return source;
    }
}
