using System.Diagnostics;

namespace Kubelink.Sidecar.Tests.TestSupport;

/// <summary>The real kubectl as a child process with its own KUBECONFIG (scripts/test.sh installs it when missing).</summary>
public static class Kubectl
{
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string kubeconfig, params string[] args)
    {
        using var process = Process.Start(StartInfo(kubeconfig, args)) ?? throw new InvalidOperationException("kubectl is not on PATH; scripts/test.sh installs it.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await Wait.For(process.WaitForExitAsync(), "kubectl");
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs kubectl, asserts it succeeded (its stderr is the failure message), returns its stdout.</summary>
    public static async Task<string> OutputAsync(string kubeconfig, params string[] args)
    {
        var (code, stdout, stderr) = await RunAsync(kubeconfig, args);
        Assert.True(code == 0, stderr);
        return stdout;
    }

    public static ProcessStartInfo StartInfo(string kubeconfig, params string[] args)
    {
        var info = new ProcessStartInfo("kubectl", args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["KUBECONFIG"] = kubeconfig;
        return info;
    }
}
