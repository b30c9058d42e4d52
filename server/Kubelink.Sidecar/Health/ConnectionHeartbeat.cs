using Kubelink.Sidecar.Clusters.Upstream;

namespace Kubelink.Sidecar.Health;

/// <summary>
/// A generation's heartbeat (decision 63): keeps one <see cref="Http2Heartbeat"/> connection open while the monitor is
/// in its ready phase, opens a new one when the server closes it (Go's HTTP/2 server ends a connection without requests
/// after its idle timeout, 90 s on kube-apiserver), and hands a silent verdict to <paramref name="silent"/> once. A
/// connect that fails is not a verdict (the sentinel watch and the probe see refused or reset connections within
/// milliseconds); it is tried again after <see cref="Reopen"/>, doubling to <see cref="MaxReopen"/> while it keeps failing.
/// A server without <c>h2</c> (or a proxied target) gets no heartbeat at all: its silent path is left to SocketsHttpHandler's PINGs on the sentinel's connection, as before.
/// </summary>
internal sealed class ConnectionHeartbeat(ConnectionTarget target, Action<HeartbeatEnd> silent)
{
    /// <summary>The pause before a new heartbeat connection after one closed or failed to open.</summary>
    public static readonly TimeSpan Reopen = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between attempts while connections keep failing or closing early.</summary>
    public static readonly TimeSpan MaxReopen = TimeSpan.FromSeconds(60);

    /// <summary>A connection that lasted this long was a good one: the next pause starts again at <see cref="Reopen"/>.</summary>
    private static readonly TimeSpan Lasting = TimeSpan.FromSeconds(30);

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
        // Doubles while connects fail or connections close early, so a server (or a middlebox) that refuses this kind of
        // connection costs a handshake a minute at most, not one a second.
        var pause = Reopen;
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
                    await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
                    pause = Next(pause);
                    continue;
                }

                if (beat is null)
                {
                    _speaking.TrySetResult(false);
                    return;
                }

                _speaking.TrySetResult(true);
                HeartbeatEnd end;
                var opened = time.GetTimestamp();
                using (beat)
                {
                    end = await beat.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
                }

                if (end != HeartbeatEnd.Closed)
                {
                    silent(end);
                    return;
                }

                pause = time.GetElapsedTime(opened) >= Lasting ? Reopen : pause;
                await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
                pause = Next(pause);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The generation's ready phase ended: the connection is closed by the using above.
        }
    }

    private static TimeSpan Next(TimeSpan pause) => pause * 2 < MaxReopen ? pause * 2 : MaxReopen;

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
