using System.Diagnostics;
using System.Text.RegularExpressions;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Simulated;

/// <summary>
/// The real built sidecar running <c>agent</c> as a child process, its output lines kept so a test can await a line (or
/// the n-th matching one) and kill the process with SIGKILL right then.
/// </summary>
internal sealed partial class AgentProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, int Remaining, TaskCompletionSource Done)> _waiters = [];

    private AgentProcess(Process process)
    {
        _process = process;
    }

    public Uri Api { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Starts the agent on a free port with the given state folder, Debug logs (one line per object written).</summary>
    public static async Task<AgentProcess> StartAsync(string stateDir)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { SidecarProcess.DllPath, "agent", "--port", "0", "--state-dir", stateDir })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["KUBELINK_LOG_LEVEL"] = "Debug";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var agent = new AgentProcess(process);
        process.OutputDataReceived += (_, e) => agent.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => agent.OnLine(e.Data);
        var listening = agent.WhenLine(l => l.Contains("kubelink agent listening on", StringComparison.Ordinal));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Wait.For(listening, "the agent's listening line", TimeSpan.FromSeconds(90));
        var line = agent.Lines.Last(l => l.Contains("kubelink agent listening on", StringComparison.Ordinal));
        agent.Api = new Uri(Url().Match(line).Value);
        agent.Http = new HttpClient { BaseAddress = agent.Api };
        return agent;
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToList();
            }
        }
    }

    /// <summary>Completes at the <paramref name="occurrence"/>-th line from now that matches (or fails when the process exits).</summary>
    public Task WhenLine(Func<string, bool> match, int occurrence = 1)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lines)
        {
            _waiters.Add((match, occurrence, done));
        }
        return done.Task;
    }

    /// <summary>Completes when a line matching has been written by this process, earlier or from now on.</summary>
    public Task SeenOrWhen(Func<string, bool> match)
    {
        lock (_lines)
        {
            return _lines.Any(match) ? Task.CompletedTask : WhenLine(match);
        }
    }

    /// <summary><c>kill -9</c>: no shutdown code runs.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit(30_000);
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_lines)
        {
            _lines.Add(line);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                var (match, remaining, done) = _waiters[i];
                if (match(line))
                {
                    if (remaining <= 1)
                    {
                        done.TrySetResult();
                        _waiters.RemoveAt(i);
                    }
                    else
                    {
                        _waiters[i] = (match, remaining - 1, done);
                    }
                }
            }
        }
    }

    public void Dispose()
    {
        Http?.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // never started
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex Url();
}
