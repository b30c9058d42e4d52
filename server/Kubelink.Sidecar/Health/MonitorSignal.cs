namespace Kubelink.Sidecar.Health;

/// <summary>Why a monitor's loop was woken before its timer.</summary>
[Flags]
internal enum Nudges
{
    None = 0,

    /// <summary>A watch, request or proxy call on the current generation failed.</summary>
    Fault = 1,

    /// <summary>The machine's network addresses changed (VPN, Wi-Fi).</summary>
    Network = 2,

    /// <summary><c>cluster/reconnect</c>: skip the wait.</summary>
    Now = 4,

    /// <summary>The cluster's kubeconfig entry changed or disappeared.</summary>
    Context = 8,

    /// <summary>The sentinel watch's connection went silent (an HTTP/2 PING unanswered): the verdict itself, no probe needed.</summary>
    Silent = 16,
}

/// <summary>
/// Wakes a monitor's single loop from any thread without ever losing a wake-up: reasons accumulate as flags until the
/// loop takes them, and the loop checks for them before every wait.
/// </summary>
internal sealed class MonitorSignal
{
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pending;

    public void Nudge(Nudges reason)
    {
        Interlocked.Or(ref _pending, (int)reason);
        Volatile.Read(ref _signal).TrySetResult();
    }

    /// <summary>Drops pending <paramref name="reasons"/> that have been dealt with without the loop taking them.</summary>
    public void Clear(Nudges reasons) => Interlocked.And(ref _pending, ~(int)reasons);

    /// <summary>Waits for <paramref name="timer"/> or one of the <paramref name="wanted"/> reasons (others are dropped); None means the timer.</summary>
    public async Task<Nudges> WaitAsync(Task timer, Nudges wanted, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var signal = Volatile.Read(ref _signal);
            var taken = (Nudges)Interlocked.Exchange(ref _pending, 0) & wanted;
            if (taken != Nudges.None)
            {
                return taken;
            }

            if (timer.IsCompleted)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return Nudges.None;
            }

            await Task.WhenAny(timer, signal.Task).ConfigureAwait(false);
            if (signal.Task.IsCompleted)
            {
                Interlocked.CompareExchange(ref _signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), signal);
            }
        }
    }
}
