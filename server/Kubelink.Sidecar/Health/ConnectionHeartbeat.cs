using Kubelink.Sidecar.Clusters.Upstream;

namespace Kubelink.Sidecar.Health;

/// <summary>
/// A generation's heartbeat (decision 63): keeps one <see cref="Http2Heartbeat"/> connection open while the monitor is
/// in its ready phase, opens a new one when the server closes it (Go's HTTP/2 server ends a connection without requests
/// after its idle timeout, 90 s on kube-apiserver), and hands a silent verdict to <paramref name="silent"/> once. A
/// connect that fails is not a verdict (the sentinel watch and the probe see refused or reset connections within
/// milliseconds); it is tried again after <see cref="Reopen"/>. A server without <c>h2</c> (or a proxied target) gets no
/// heartbeat at all: its silent path is left to SocketsHttpHandler's PINGs on the sentinel's connection, as before.
/// </summary>
internal sealed class ConnectionHeartbeat(ConnectionTarget target, Action<HeartbeatEnd> silent)
{
    /// <summary>The pause before a new heartbeat connection after one closed or failed to open.</summary>
    public static readonly TimeSpan Reopen = TimeSpan.FromSeconds(1);

    private readonly TaskCompletionSource<bool> _speaking = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(long Count, TaskCompletionSource Reached)> _waiters = [];
    private long _acks;

    /// <summary>True once a heartbeat connection speaks HTTP/2; false when the server refused <c>h2</c> (no heartbeat, today's PINGs only).</summary>
    public Task<bool> Speaking => _speaking.Task;

    /// <summary>PING acknowledgments over every connection of this heartbeat.</summary>
    public long Acks => Interlocked.Read(ref _acks);

    /// <summary>Completes when <see cref="Acks"/> reaches <paramref name="count"/>: a window measured in answered PINGs, not in wall time.</summary>
    public Task UntilAcksAsync(long count)
    {
        lock (_waiters)
        {
            if (Acks >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            return reached.Task;
        }
    }

    public async Task RunAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                Http2Heartbeat? beat;
                try
                {
                    beat = await Http2Heartbeat.ConnectAsync(target, Acked, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    await Task.Delay(Reopen, time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (beat is null)
                {
                    _speaking.TrySetResult(false);
                    return;
                }

                _speaking.TrySetResult(true);
                HeartbeatEnd end;
                using (beat)
                {
                    end = await beat.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
                }

                if (end != HeartbeatEnd.Closed)
                {
                    silent(end);
                    return;
                }

                await Task.Delay(Reopen, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The generation's ready phase ended: the connection is closed by the using above.
        }
    }

    private void Acked()
    {
        var acks = Interlocked.Increment(ref _acks);
        lock (_waiters)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Count <= acks)
                {
                    _waiters[i].Reached.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}
