using Kubelink.Protocol.Lifecycle;
using Kubelink.Sidecar.Rpc;

namespace Kubelink.Sidecar.Lifecycle;

/// <summary>Where the session is in its life: before <c>initialize</c>, running, or shut down. Handlers ask before doing work.</summary>
internal sealed class SessionState
{
    private readonly TaskCompletionSource _initialized = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _phase; // 0 = new, 1 = initialized, 2 = shutting down

    /// <summary>Completes when <c>initialize</c> is accepted: work that can wait for the first answer waits for this.</summary>
    public Task Initialized => _initialized.Task;

    public bool IsInitialized => Volatile.Read(ref _phase) == 1;

    public bool ShutdownRequested => Volatile.Read(ref _phase) == 2;

    public SidecarSettings Settings { get; private set; } = new();

    public bool TryInitialize(SidecarSettings? settings)
    {
        if (Interlocked.CompareExchange(ref _phase, 1, 0) != 0)
        {
            return false;
        }

        Settings = settings ?? new SidecarSettings();
        _initialized.TrySetResult();
        return true;
    }

    public void BeginShutdown() => Volatile.Write(ref _phase, 2);

    /// <summary>Throws the protocol error a handler must answer with when the session cannot take work.</summary>
    public void EnsureRunning(string method)
    {
        switch (Volatile.Read(ref _phase))
        {
            case 0: throw RpcErrors.NotInitialized(method);
            case 2: throw RpcErrors.ShuttingDown(method);
        }
    }
}
