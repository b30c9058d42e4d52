using System.Diagnostics;
using System.Text;

namespace Kubelink.Simulator.Tests.Kubectl;

/// <summary>Runs the real kubectl found on PATH as a child process, with its own discovery cache directory.</summary>
public sealed class KubectlRunner(string kubeconfig, IReadOnlyDictionary<string, string>? environment = null)
{
    private readonly string _cacheDir = Path.Combine(Path.GetTempPath(), "kubelink-sim-tests", "kubectl-cache-" + Guid.NewGuid().ToString("N"));

    // Lazy rather than a static initializer, so a missing kubectl fails each test with the message below
    // instead of a TypeInitializationException.
    private static readonly Lazy<string> Located = new(Find);

    public static string Executable => Located.Value;

    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish within 60s");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts a long-running kubectl (e.g. --watch); the caller reads its output and kills it.</summary>
    public Process Start(params string[] args)
    {
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add("--kubeconfig");
        info.ArgumentList.Add(kubeconfig);
        info.ArgumentList.Add("--cache-dir");
        info.ArgumentList.Add(_cacheDir);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment.Remove("KUBECONFIG");
        // Exec credential plugins (aws eks get-token) inherit this environment.
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        return Process.Start(info) ?? throw new InvalidOperationException("kubectl did not start");
    }

    private static string Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? "kubectl.exe" : "kubectl");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException(
            "kubectl is not on PATH. These tests run the real kubectl against the simulator; install it first " +
            "(scripts/lib/ensure-kubectl.sh installs Debian's kubernetes-client when kubectl is missing).");
    }
}
