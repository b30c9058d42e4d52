using System.Diagnostics;

namespace Kubelink.Bench;

/// <summary>`kubectl proxy` on a free port, as the baseline the seed and Lens's older versions used.</summary>
internal sealed class KubectlProxy : IDisposable
{
    private readonly Process _process;

    private KubectlProxy(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public static async Task<KubectlProxy> StartAsync(string kubectl, string kubeconfig)
    {
        var info = new ProcessStartInfo(kubectl, ["proxy", "--port=0", "--address=127.0.0.1"]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["KUBECONFIG"] = kubeconfig;
        var process = Process.Start(info)!;
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) ?? throw new InvalidOperationException("kubectl proxy did not start");
        var port = line[(line.LastIndexOf(':') + 1)..].Trim();
        return new KubectlProxy(process, $"http://127.0.0.1:{port}");
    }

    public void Dispose()
    {
        _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
