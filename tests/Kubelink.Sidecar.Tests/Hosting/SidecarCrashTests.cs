using System.Text.Json;
using Kubelink.Protocol;
using Kubelink.Protocol.Catalog;
using Kubelink.Protocol.Clusters;
using Kubelink.Simulator;
using Kubelink.Sidecar.Tests.TestSupport;
using YamlDotNet.RepresentationModel;

namespace Kubelink.Sidecar.Tests.Hosting;

/// <summary>
/// <c>kill -9</c> of the real sidecar process at random moments while it writes its files (issue 11, crash tests): ten
/// times a fresh process over the same state folder connects a simulated cluster (proxy kubeconfig, discovery cache)
/// and changes the default namespace in a burst that the kill cuts short. After every kill each file in the state folder
/// must be whole (YAML, JSON, a namespace name), private to the user (0600, the log included: issue 11 item 12), and
/// the last acknowledged namespace must be the one on disk or a later one of the burst.
/// </summary>
public sealed class SidecarCrashTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Kills = 10;

    [Fact]
    public async Task KilledAtRandomMoments_LeavesEveryFileWholeAndPrivate()
    {
        using var dir = new TempDir();
        await using var simulator = new SimulatorServer(new SimulatorOptions { Namespaces = 3, Nodes = 1, PodsPerNamespace = 1 });
        await simulator.StartAsync();
        simulator.AddCertificateUser("admin", ["system:masters"]);
        var kubeconfig = dir.Combine("admin.yaml");
        simulator.WriteKubeconfig(kubeconfig, "admin", "sim-admin", "default");
        var environment = new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig, ["HOME"] = Directory.CreateDirectory(dir.Combine("home")).FullName };
        var random = new Random();
        string? onDisk = null;

        for (var kill = 0; kill < Kills; kill++)
        {
            using var sidecar = SidecarProcess.Start(dir.Combine("state"), environment);
            await sidecar.RequestAsync(Methods.Initialize, $$"""{"clientName":"crash","clientVersion":"1","protocolVersion":{{ProtocolInfo.Version}}}""");
            var id = Assert.Single(Result<CatalogListResult>(await sidecar.RequestAsync(Methods.CatalogList)).Clusters).Id;
            Result<ClusterInfo>(await sidecar.RequestAsync(Methods.ClusterActivate, $$"""{"clusterId":"{{id}}"}"""));

            // Some changes acknowledged, then a burst that is still being written when the process dies.
            var acknowledged = onDisk; // what the previous process left
            for (var i = random.Next(0, 5); i > 0; i--)
            {
                acknowledged = $"ns-{kill}-{i}";
                Result<ClusterInfo>(await sidecar.RequestAsync(Methods.ClusterSetDefaultNamespace, $$"""{"clusterId":"{{id}}","namespace":"{{acknowledged}}"}"""));
            }

            var burst = Enumerable.Range(0, random.Next(1, 30)).Select(i => $"burst-{kill}-{i}").ToList();
            foreach (var ns in burst)
            {
                await sidecar.SendAsync(JsonSerializer.Serialize(new { jsonrpc = "2.0", id = 9000 + burst.IndexOf(ns), method = Methods.ClusterSetDefaultNamespace, @params = new { clusterId = id, @namespace = ns } }));
            }

            sidecar.Process.Kill(); // SIGKILL: nothing in the process runs after it
            await sidecar.WaitForExitAsync("the killed sidecar to be gone");

            onDisk = CheckStateFolder(dir.Combine("state"));
            output.WriteLine($"kill {kill}: {burst.Count} in the burst, '{onDisk}' on disk");
            Assert.True(onDisk == acknowledged || (onDisk is not null && burst.Contains(onDisk)), $"'{onDisk}' on disk after '{acknowledged}' was acknowledged");
        }
    }

    /// <summary>Every file parses and is 0600; returns the default namespace on disk (null when none was chosen yet).</summary>
    private static string? CheckStateFolder(string state)
    {
        string? chosen = null;
        foreach (var file in Directory.EnumerateFiles(state, "*", SearchOption.AllDirectories))
        {
            Assert.True((UnixFileMode.UserRead | UnixFileMode.UserWrite) == File.GetUnixFileMode(file), $"{file} is {File.GetUnixFileMode(file)}");
            var text = File.ReadAllText(file);
            switch (Path.GetFileName(file))
            {
                case "proxy.kubeconfig":
                    var yaml = new YamlStream();
                    yaml.Load(new StringReader(text));
                    Assert.Contains("current-context:", text, StringComparison.Ordinal);
                    break;
                case "discovery.json":
                    Assert.NotEmpty(JsonDocument.Parse(text).RootElement.EnumerateArray());
                    break;
                case "default-namespace":
                    Assert.Matches("^[a-z0-9-]+$", text);
                    chosen = text;
                    break;
                case var name when name.EndsWith(".tmp", StringComparison.Ordinal):
                    break; // a write the kill cut short: never read, the name it was for still holds the last whole file
                case var name when name.EndsWith(".log", StringComparison.Ordinal):
                    Assert.Contains("[INF]", text, StringComparison.Ordinal);
                    break;
                default:
                    break;
            }
        }

        return chosen;
    }

    private static T Result<T>(JsonElement answer)
    {
        Assert.False(answer.TryGetProperty("error", out var error), $"answered with an error: {error}");
        return answer.GetProperty("result").Deserialize<T>(ProtocolJson.Options)!;
    }
}
