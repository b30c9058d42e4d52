using System.Diagnostics;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Hosting;

public sealed class LifetimeTests
{
    [Fact]
    public async Task StdinClosed_SidecarExits()
    {
        using var state = new TempDir();
        using var sidecar = SidecarProcess.Start(state.Path);

        sidecar.Process.StandardInput.Close();

        await sidecar.WaitForExitAsync("the sidecar to exit after stdin closed");
        Assert.True(sidecar.Process.HasExited);
    }

    [Fact]
    public async Task ExitWithoutShutdown_ExitsWithCodeOne()
    {
        using var state = new TempDir();
        using var sidecar = SidecarProcess.Start(state.Path);

        await sidecar.SendAsync("""{"jsonrpc":"2.0","method":"exit"}""");

        await sidecar.WaitForExitAsync("the sidecar to exit");
        Assert.Equal(1, sidecar.Process.ExitCode);
    }

    [Fact]
    public async Task ParentDies_WhileStdinStaysOpen_SidecarExits()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows has no re-parenting; the KUBELINK_PARENT_PID path covers it.
        }

        using var state = new TempDir();
        var fifo = state.Combine("stdin.fifo");
        using (var mkfifo = Process.Start("mkfifo", [fifo])!)
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        // The shell starts the sidecar in the background with the fifo as stdin, then becomes `sleep` (same pid): the parent.
        var script = $"KUBELINK_PARENT_PID=$$ dotnet '{SidecarProcess.DllPath}' < '{fifo}' 2>/dev/null & echo $!; exec sleep 300";
        var parent = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", script])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
            Environment = { ["KUBELINK_STATE_DIR"] = state.Path },
        })!;
        // Hold the fifo's write end so the sidecar's stdin never reaches end-of-file.
        await using var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write);
        var sidecarPid = int.Parse((await Wait.For(parent.StandardOutput.ReadLineAsync(), "the sidecar's pid"))!, System.Globalization.CultureInfo.InvariantCulture);
        using var sidecar = Process.GetProcessById(sidecarPid);

        parent.Kill();

        await Wait.For(sidecar.WaitForExitAsync(), "the orphaned sidecar to exit");
        Assert.True(sidecar.HasExited);
    }

    [Fact]
    public async Task VersionVerb_PrintsTheVersion()
    {
        using var state = new TempDir();
        using var sidecar = SidecarProcess.Start(state.Path, null, "--version");

        var stdout = await sidecar.WaitForExitAsync("--version");

        Assert.Matches(@"^\d+\.\d+\.\d+\s*$", System.Text.Encoding.UTF8.GetString(stdout));
    }
}
