namespace Kubelink.Simulator.Storage;

/// <summary>
/// Saves the state file soon after changes, so a <c>kill -9</c> loses at most the last batch instead of everything since
/// start. Changes are batched: the first change after a save starts a short delay, everything arriving meanwhile rides
/// on the same write. The write itself is <see cref="StateFile.SaveAsync"/> (temp file, fsync, rename): never torn.
/// </summary>
internal sealed class AutoSaver : IAsyncDisposable
{
    private readonly Func<Task> _save;
    private readonly TimeSpan _delay;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _dirty;

    public AutoSaver(Func<Task> save, TimeSpan delay)
    {
        _save = save;
        _delay = delay;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Called from the store's listener: cheap, never blocks the writer.</summary>
    public void MarkDirty()
    {
        if (Interlocked.Exchange(ref _dirty, 1) == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // already awake
            }
        }
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(_stop.Token);
                await Task.Delay(_delay, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            Interlocked.Exchange(ref _dirty, 0);
            try
            {
                await _save();
            }
            catch (IOException)
            {
                // Disk full or folder gone: the next change tries again; the clean stop saves too.
                MarkDirty();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        _wake.Dispose();
    }
}
