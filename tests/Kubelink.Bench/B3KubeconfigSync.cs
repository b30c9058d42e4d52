using System.Diagnostics;
using Kubelink.Protocol;

namespace Kubelink.Bench;

/// <summary>
/// B3: 1,000 kubeconfig files × 5 contexts. Initial load: spawn the sidecar with them in KUBECONFIG until catalog/list
/// answers, against spawning `kubectl config get-contexts` over the same KUBECONFIG (alternating, several rounds).
/// Then one file edited → catalog/changed, measured from the write.
/// </summary>
internal static class B3KubeconfigSync
{
    public static async Task RunAsync(Options options, Report report)
    {
        var files = options.Quick ? 300 : 1000;
        using var dir = new TempFolder();
        var paths = Enumerable.Range(0, files).Select(i => Write(dir.Path, i)).ToList();
        var kubeconfig = string.Join(Path.PathSeparator, paths);
        var env = new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig };

        var ours = new List<double>();
        var theirs = new List<double>();
        for (var round = 0; round < options.Rounds; round++)
        {
            ours.Add(await LoadWithSidecarAsync(options, dir.Path, env));
            theirs.Add(await Measure.ProcessAsync(options.Kubectl, ["config", "get-contexts"], env));
        }

        report.Add(new Row("B3", $"initial load, {files} files x 5 contexts (process start to catalog)", Report.Median(ours), "ms", Report.Median(theirs), "kubectl config get-contexts", "faster than kubectl"));

        await using var sidecar = SidecarClient.Start(options.SidecarDll, Path.Combine(dir.Path, "state"), env, Methods.CatalogChanged);
        await sidecar.InitializeAsync();
        await sidecar.Rpc.InvokeAsync<object>(Methods.CatalogList);
        var edits = new List<double>();
        for (var i = 0; i < options.Rounds * 2; i++)
        {
            var target = paths[i * 7 % paths.Count];
            var text = await File.ReadAllTextAsync(target);
            var watch = Stopwatch.StartNew();
            await File.WriteAllTextAsync(target, text.Replace("namespace: ns", $"namespace: ns{i}", StringComparison.Ordinal));
            await sidecar.NextAsync(Methods.CatalogChanged, TimeSpan.FromSeconds(10));
            edits.Add(watch.Elapsed.TotalMilliseconds);
        }

        report.Add(new Row("B3", "one file edited -> catalog/changed", Report.Median(edits), "ms", null, "—", "within 300 ms"));
    }

    private static async Task<double> LoadWithSidecarAsync(Options options, string root, IReadOnlyDictionary<string, string> env)
    {
        var watch = Stopwatch.StartNew();
        await using var sidecar = SidecarClient.Start(options.SidecarDll, Path.Combine(root, "state"), env);
        await sidecar.InitializeAsync();
        var list = await sidecar.Rpc.InvokeAsync<System.Text.Json.JsonElement>(Methods.CatalogList);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (list.GetProperty("clusters").GetArrayLength() < 5)
        {
            throw new InvalidOperationException("the sidecar did not load the kubeconfigs");
        }

        return elapsed;
    }

    private static string Write(string dir, int i)
    {
        var path = Path.Combine(dir, $"kubeconfig-{i:D4}.yaml");
        using var writer = new StreamWriter(path);
        writer.WriteLine("apiVersion: v1\nkind: Config\nclusters:");
        for (var j = 0; j < 5; j++)
        {
            writer.WriteLine($"- name: c{i}-{j}\n  cluster:\n    server: https://c{i}-{j}.example.com:6443\n    insecure-skip-tls-verify: true");
        }

        writer.WriteLine("users:");
        for (var j = 0; j < 5; j++)
        {
            writer.WriteLine($"- name: u{i}-{j}\n  user:\n    token: t{i}-{j}");
        }

        writer.WriteLine("contexts:");
        for (var j = 0; j < 5; j++)
        {
            writer.WriteLine($"- name: ctx{i}-{j}\n  context:\n    cluster: c{i}-{j}\n    user: u{i}-{j}\n    namespace: ns");
        }

        return path;
    }
}
