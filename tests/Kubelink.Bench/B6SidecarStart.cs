using System.Diagnostics;

namespace Kubelink.Bench;

/// <summary>B6: process start to the initialize answer, against a bare dotnet hello-world; idle resident memory.</summary>
internal static class B6SidecarStart
{
    public static async Task RunAsync(Options options, Report report)
    {
        using var dir = new TempFolder();
        var home = Directory.CreateDirectory(Path.Combine(dir.Path, "home")).FullName;
        var env = new Dictionary<string, string> { ["HOME"] = home, ["KUBECONFIG"] = Path.Combine(home, "none") };
        var ours = new List<double>();
        var hello = new List<double>();
        for (var round = 0; round < options.Rounds; round++)
        {
            var watch = Stopwatch.StartNew();
            await using (var sidecar = SidecarClient.Start(options.SidecarDll, Path.Combine(dir.Path, "state"), env))
            {
                await sidecar.InitializeAsync();
                ours.Add(watch.Elapsed.TotalMilliseconds);
            }

            hello.Add(await Measure.ProcessAsync("dotnet", [options.HelloDll]));
        }

        report.Add(new Row("B6", "process start to initialize answer", Report.Median(ours), "ms", Report.Median(hello), "dotnet hello-world", "within 3x hello-world"));

        await using var idle = SidecarClient.Start(options.SidecarDll, Path.Combine(dir.Path, "state"), env);
        await idle.InitializeAsync();
        await idle.Rpc.InvokeAsync<object>(Kubelink.Protocol.Methods.CatalogList);
        report.Add(new Row("B6", "resident memory, idle", Measure.RssMegabytes(idle.Process.Id), "MB", null, "—", "under 80 MB"));
    }
}
