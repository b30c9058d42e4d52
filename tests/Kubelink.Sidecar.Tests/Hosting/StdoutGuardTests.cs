using Kubelink.Sidecar.Hosting;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Hosting;

public sealed class StdoutGuardTests
{
    [Fact]
    public async Task StrayWritesToStdout_LandOnStderr_AndTheWireCarriesOnlyFrames()
    {
        using var state = new TempDir();
        using var sidecar = SidecarProcess.Start(state.Path, new Dictionary<string, string> { [StrayOutput.Variable] = "1" });

        // As a real client does: each request's answer before the next message (exit must not overtake shutdown).
        await sidecar.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"clientName":"t","clientVersion":"1","protocolVersion":1}}""");
        await sidecar.ReadFrameAsync();
        await sidecar.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"shutdown"}""");
        await sidecar.ReadFrameAsync();
        await sidecar.SendAsync("""{"jsonrpc":"2.0","method":"exit"}""");
        var stdout = await sidecar.WaitForExitAsync("the sidecar to exit after shutdown/exit");

        var frames = Frames.Parse(stdout);
        Assert.Equal([1, 2], frames.Select(f => f.GetProperty("id").GetInt32()).Order());
        Assert.All(frames, f => Assert.False(f.TryGetProperty("error", out _), f.ToString()));
        Assert.Equal(0, sidecar.Process.ExitCode);
        var stderr = sidecar.Stderr;
        foreach (var via in new[] { "Console.WriteLine", "Console.Out", "write(1)", "child process" })
        {
            Assert.Contains($"{StrayOutput.Marker} via {via}", stderr);
        }
    }
}
