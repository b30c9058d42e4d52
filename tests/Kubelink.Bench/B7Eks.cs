using System.Diagnostics;
using System.Text.Json;
using Amazon.Runtime;
using Kubelink.Protocol;
using Kubelink.Protocol.Catalog;
using Kubelink.Protocol.Clusters;
using Kubelink.Protocol.Eks;
using Kubelink.Protocol.Lifecycle;
using Kubelink.Sidecar.Eks;
using Kubelink.Simulator;
using Kubelink.Simulator.Aws;

namespace Kubelink.Bench;

/// <summary>
/// B7: an EKS cluster's activation to ready with the in-process token, beside the same cluster through the kubeconfig
/// <c>aws eks update-kubeconfig</c> writes run with <c>aws</c> as its exec plugin (a fresh sidecar each round, so each
/// activation makes its first token); and the token's cost per call beside <c>aws eks get-token</c>'s (time, memory).
/// </summary>
internal static class B7Eks
{
    public static async Task RunAsync(Options options, Report report)
    {
        using var dir = new TempFolder();
        await using var simulator = new SimulatorServer(new SimulatorOptions { Aws = true, Namespaces = 10, Nodes = 3, PodsPerNamespace = 2, Latency = TimeSpan.FromMilliseconds(20) });
        await simulator.StartAsync();
        var awsDir = Path.Combine(dir.Path, "aws");
        AwsFiles.Write(awsDir, simulator.Aws!);
        var home = Directory.CreateDirectory(Path.Combine(dir.Path, "home")).FullName;
        var env = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["KUBECONFIG"] = Path.Combine(home, "none"),
            ["AWS_CONFIG_FILE"] = Path.Combine(awsDir, "config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(awsDir, "credentials"),
        };
        var kubeconfigs = Directory.CreateDirectory(Path.Combine(dir.Path, "kubeconfigs")).FullName;
        await Measure.ProcessAsync("aws", ["--profile", AwsFiles.AdminProfile, "eks", "update-kubeconfig", "--name", AwsSimulator.ClusterName, "--kubeconfig", Path.Combine(kubeconfigs, "eks.yaml")], env);

        var inProcess = new List<double>();
        var plugin = new List<double>();
        for (var round = 0; round < options.Rounds; round++)
        {
            inProcess.Add(await ActivateAsync(options, dir.Path, env, round, eks: true, kubeconfigs));
            plugin.Add(await ActivateAsync(options, dir.Path, env, round, eks: false, kubeconfigs));
        }
        report.Add(new Row("B7", "EKS activation to ready, in-process token (20 ms latency)", Report.Median(inProcess), "ms", Report.Median(plugin), "aws eks get-token exec kubeconfig", "no slower than a kubeconfig cluster"));

        var (perCall, allocated) = TokenCost(options.Quick ? 2_000 : 20_000);
        var cli = new List<double>();
        var cliMemory = new List<double>();
        for (var round = 0; round < options.Rounds; round++)
        {
            cli.Add(await Measure.ProcessAsync("aws", ["--profile", AwsFiles.AdminProfile, "eks", "get-token", "--cluster-name", AwsSimulator.ClusterName], env));
            cliMemory.Add(await PeakMegabytesAsync(env));
        }
        // In µs and KB: the in-process figures are four to five orders of magnitude below the CLI's.
        report.Add(new Row("B7", "EKS token per call", perCall * 1000, "µs", Report.Median(cli) * 1000, "aws eks get-token", "well under 1 ms"));
        report.Add(new Row("B7", "EKS token memory per call (allocated; aws: peak RSS)", allocated * 1024, "KB", Report.Median(cliMemory) * 1024, "aws eks get-token", "—"));
    }

    private static async Task<double> ActivateAsync(Options options, string root, Dictionary<string, string> env, int round, bool eks, string kubeconfigs)
    {
        // The plugin path: the in-process recognition is turned off, so the sidecar runs aws as kubectl would.
        var settings = eks ? null : new SidecarSettings { EksInProcessToken = false };
        await using var sidecar = SidecarClient.Start(options.SidecarDll, Path.Combine(root, $"state-{(eks ? "eks" : "exec")}-{round}"), env);
        await sidecar.InitializeAsync(settings);
        string id;
        if (eks)
        {
            var entry = await sidecar.Rpc.InvokeWithParameterObjectAsync<JsonElement>(Methods.EksConnect, new EksConnectParams { Credentials = new EksCredentials { Profile = AwsFiles.AdminProfile }, Region = AwsSimulator.Region, Name = AwsSimulator.ClusterName });
            id = entry.GetProperty("id").GetString()!;
        }
        else
        {
            var list = await sidecar.Rpc.InvokeWithParameterObjectAsync<JsonElement>(Methods.KubeconfigSetSyncPaths, new SetSyncPathsParams { Paths = [kubeconfigs] });
            id = list.GetProperty("clusters").EnumerateArray().Single().GetProperty("id").GetString()!;
        }
        var watch = Stopwatch.StartNew();
        await sidecar.Rpc.InvokeWithParameterObjectAsync<JsonElement>(Methods.ClusterActivate, new ClusterIdParams { ClusterId = id });
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>Median wall time of one in-process token (ms) and bytes allocated per token (MB), after a warm-up.</summary>
    private static (double Milliseconds, double Megabytes) TokenCost(int calls)
    {
        var credentials = new ImmutableCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null);
        var sts = new Uri("https://sts.us-east-1.amazonaws.com");
        for (var i = 0; i < 200; i++)
        {
            EksToken.Create(sts, credentials, "us-east-1", "c", DateTimeOffset.UtcNow);
        }
        var samples = new List<double>(calls);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            EksToken.Create(sts, credentials, "us-east-1", "c", DateTimeOffset.UtcNow);
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        var bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)calls;
        return (Report.Median(samples), bytes / (1024 * 1024));
    }

    /// <summary>Peak resident memory of one <c>aws eks get-token</c>, from GNU time (MB).</summary>
    private static async Task<double> PeakMegabytesAsync(Dictionary<string, string> env)
    {
        var info = new ProcessStartInfo("/usr/bin/time", ["-f", "%M", "aws", "--profile", AwsFiles.AdminProfile, "eks", "get-token", "--cluster-name", AwsSimulator.ClusterName])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (k, v) in env)
        {
            info.Environment[k] = v;
        }
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var last = (await stderr).Trim().Split('\n')[^1];
        return double.TryParse(last, System.Globalization.CultureInfo.InvariantCulture, out var kb) ? kb / 1024 : double.NaN;
    }
}
