using System.Diagnostics;
using System.Text;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.ClusterAccess;

/// <summary>A headless verb of the real built sidecar as a child process, with an environment the test controls entirely.</summary>
public sealed class VerbProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _line = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private VerbProcess(Process process, string awaited)
    {
        _process = process;
        void OnLine(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }
            lock (_output)
            {
                _output.AppendLine(e.Data);
            }
            if (e.Data.Contains(awaited, StringComparison.Ordinal))
            {
                _line.TrySetResult(e.Data);
            }
        }
        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.Exited += (_, _) => _line.TrySetException(new InvalidOperationException($"the verb exited ({process.ExitCode}): {Output}"));
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>kubelink-sidecar ARGS</c> with exactly <paramref name="environment"/> (plus PATH and DOTNET_ROOT) and waits for a line containing <paramref name="awaited"/>.</summary>
    public static async Task<(VerbProcess Process, string Line)> StartAsync(IReadOnlyDictionary<string, string> environment, string awaited, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(SidecarProcess.DllPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment.Clear();
        foreach (var name in new[] { "PATH", "DOTNET_ROOT", "DOTNET_CLI_HOME" })
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                info.Environment[name] = value;
            }
        }
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var verb = new VerbProcess(process, awaited);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var line = await Wait.For(verb._line.Task, $"'{awaited}' from {args[0]}", TimeSpan.FromSeconds(90));
        return (verb, line);
    }

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
        _process.Dispose();
    }
}
