using System.Diagnostics;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Eks;

/// <summary>
/// The real AWS CLI as the judge, with only the variables a test gives it: every AWS_* variable of the test process is
/// removed and HOME is a private folder, so neither a developer's AWS setup nor the CLI's credential cache leaks in.
/// </summary>
internal static class AwsCliProcess
{
    public static async Task<string> OutputAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var home = new TempDir();
        var info = new ProcessStartInfo("aws", args) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }
        info.Environment["HOME"] = home.Path;
        info.Environment["AWS_CONFIG_FILE"] = home.Combine("config");
        info.Environment["AWS_SHARED_CREDENTIALS_FILE"] = home.Combine("credentials");
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException("The AWS CLI ('aws') is not on PATH; scripts/test.sh installs Debian's awscli.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await Wait.For(process.WaitForExitAsync(), $"aws {string.Join(' ', args)}", TimeSpan.FromSeconds(90));
        Assert.True(process.ExitCode == 0, $"aws {string.Join(' ', args)}: {await stderr}");
        return await stdout;
    }
}
