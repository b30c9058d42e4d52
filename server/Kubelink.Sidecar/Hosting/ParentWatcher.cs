using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Hosting;

/// <summary>
/// Stops the sidecar when the process that started it is gone. A closed stdin usually tells us first, but not when the
/// parent dies while a grandchild still holds the pipe open; an orphaned sidecar would keep proxies and watches alive.
/// On Unix the parent's death shows as a changed <c>getppid()</c> (we get re-parented); elsewhere we poll the pid.
/// </summary>
internal sealed partial class ParentWatcher(IHostApplicationLifetime lifetime, ILogger<ParentWatcher> logger, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var isAlive = CreateProbe();
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!isAlive())
                {
                    LogParentGone(logger);
                    lifetime.StopApplication();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Normal shutdown.
        }
    }

    /// <summary>The extension passes its pid here; without it, the parent seen at start-up is the one we watch.</summary>
    public const string ParentPidVariable = "KUBELINK_PARENT_PID";

    /// <summary>Captured first thing in <c>Main</c>, before the parent has had a chance to die.</summary>
    public static int ParentAtStart { get; private set; }

    public static void CaptureParent() =>
        ParentAtStart = int.TryParse(Environment.GetEnvironmentVariable(ParentPidVariable), out var pid) ? pid
            : OperatingSystem.IsWindows() ? 0 : GetParentPid();

    private static Func<bool> CreateProbe()
    {
        var expected = ParentAtStart;
        if (!OperatingSystem.IsWindows())
        {
            // Once the parent dies we are re-parented (to init or a subreaper), so getppid() stops matching.
            return () => GetParentPid() == expected;
        }

        if (expected == 0)
        {
            return () => true;
        }

        try
        {
            var parent = Process.GetProcessById(expected);
            return () => !parent.HasExited;
        }
        catch (ArgumentException)
        {
            return () => false;
        }
    }

    [DllImport("libc", EntryPoint = "getppid")]
    private static extern int GetParentPid();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The process that started the sidecar is gone; shutting down.")]
    private static partial void LogParentGone(ILogger logger);
}
