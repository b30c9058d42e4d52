using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;

namespace Kubelink.Sidecar.Clusters.Upstream;

/// <summary>
/// Every child process the sidecar runs (exec credential plugins), so that none outlives it: on exit, however the exit
/// came (shutdown/exit, stdin closed, the parent's death), each still running is killed with its whole process tree.
/// Process-wide because the processes are: a plugin started by any cluster session is a child of this one process.
/// </summary>
internal static class ChildProcesses
{
    private static readonly ConcurrentDictionary<int, Process> Running = new();

    static ChildProcesses() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();

    /// <summary>How many are running now (for tests and logs).</summary>
    public static int Count => Running.Count;

    /// <summary>Tracks a started process until the returned handle is disposed.</summary>
    public static IDisposable Track(Process process)
    {
        var id = process.Id;
        Running[id] = process;
        return new Untrack(id);
    }

    public static void KillAll()
    {
        foreach (var process in Running.Values)
        {
            Kill(process);
        }
    }

    /// <summary>Kills the process and its descendants; a process that already ended is left alone.</summary>
    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(5)); // reaped before the caller goes on; SIGKILL cannot be refused
            }
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // It ended between the check and the kill, or was never started.
        }
    }

    private sealed class Untrack(int id) : IDisposable
    {
        public void Dispose() => Running.TryRemove(id, out _);
    }
}
