using System.Diagnostics;

namespace Kubelink.Simulator.Tests.Aws;

/// <summary>
/// The real AWS CLI (the judge of the simulated AWS), run with only the simulator's config and credentials files:
/// every AWS_* variable of the test process is removed so a developer's own AWS setup never leaks in.
/// </summary>
public sealed class AwsCli(string awsDirectory, IReadOnlyDictionary<string, string>? environment = null)
{
    /// <summary>The variables that point a child process (kubectl running <c>aws</c> as its exec plugin) at the same files.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["AWS_CONFIG_FILE"] = Path.Combine(awsDirectory, "config"),
        ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(awsDirectory, "credentials"),
        // The CLI caches assumed-role keys under ~/.aws/cli/cache; a cache from another simulator run holds unknown keys.
        ["HOME"] = Path.Combine(awsDirectory, "home"),
    };

    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo("aws", args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }
        info.Environment["AWS_PAGER"] = "";
        foreach (var (name, value) in Environment.Concat(environment ?? new Dictionary<string, string>()))
        {
            info.Environment[name] = value;
        }
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("The AWS CLI ('aws') is not on PATH; scripts/test.sh installs Debian's awscli when it is missing.", ex);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout, await stderr);
        }
    }

    /// <summary>Runs and asserts success (stderr is the failure message); answers stdout.</summary>
    public async Task<string> OutputAsync(params string[] args)
    {
        var (code, stdout, stderr) = await RunAsync(args);
        Assert.True(code == 0, $"aws {string.Join(' ', args)} failed: {stderr}");
        return stdout;
    }
}
