using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Cli;

/// <summary>
/// <c>kill -9</c> of the <c>simulator --state FILE</c> process at random moments while clients create objects (issue 11
/// item 8). Before, a kill lost 3,278 of 3,428 acknowledged creates and the simulator came back with a new CA and new
/// credentials. Ten times: start over the same state file, check that every create acknowledged so far is there and that
/// the kubeconfig (CA, credentials) is the first one's, create in parallel, and kill after a random number of answers.
/// The state file must parse after every kill.
/// </summary>
public sealed partial class SimulatorCrashTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Kills = 10;
    private const int Workers = 4;

    [Fact]
    public async Task KilledAtRandomMoments_LosesNothingAcknowledged_AndKeepsItsCaAndUsers()
    {
        using var dir = new TempDir();
        var state = dir.Combine("state.json");
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        var random = new Random();
        string? firstIdentity = null;

        for (var round = 0; round < Kills; round++)
        {
            using var simulator = await SimProcess.StartAsync(dir, state);
            var identity = ServerLine().Replace(await File.ReadAllTextAsync(dir.Combine("kubeconfigs", "admin.kubeconfig")), "");
            firstIdentity ??= identity;
            Assert.True(firstIdentity == identity, "the CA or the admin's credentials changed across a restart with the same state file");
            using var client = AdminClient(dir, simulator.Url);
            var stored = await ConfigMapNamesAsync(client);
            Assert.All(acknowledged, name => Assert.True(stored.Contains(name), $"'{name}' was acknowledged, then lost (round {round})"));

            // Parallel creates; the process is killed from inside the loop once a random number of them were answered.
            var killAfter = acknowledged.Count + random.Next(1, 40);
            var killed = new TaskCompletionSource();
            var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !killed.Task.IsCompleted; i++)
                {
                    var name = $"cm-{round}-{w}-{i}";
                    try
                    {
                        using var response = await client.PostAsync("/api/v1/namespaces/default/configmaps", Json(JsonSerializer.Serialize(new { apiVersion = "v1", kind = "ConfigMap", metadata = new { name }, data = new { k = "v" } })));
                        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                        acknowledged.Add(name);
                    }
                    catch (HttpRequestException)
                    {
                        return; // killed mid-request: not acknowledged
                    }

                    if (acknowledged.Count >= killAfter && killed.TrySetResult())
                    {
                        simulator.Process.Kill(); // SIGKILL
                    }
                }
            })).ToList();
            await Wait.For(Task.WhenAll(workers), "the creates until the kill", TimeSpan.FromMinutes(2));
            await Wait.For(simulator.Process.WaitForExitAsync(), "the killed simulator to be gone");

            using var parsed = JsonDocument.Parse(await File.ReadAllBytesAsync(state)); // never torn
            output.WriteLine($"round {round}: {acknowledged.Count} acknowledged, {parsed.RootElement.GetProperty("objects").GetArrayLength()} objects on disk");
        }
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<HashSet<string>> ConfigMapNamesAsync(HttpClient client)
    {
        using var list = JsonDocument.Parse(await client.GetStringAsync("/api/v1/namespaces/default/configmaps"));
        return list.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("metadata").GetProperty("name").GetString()!).ToHashSet();
    }

    /// <summary>The admin's client certificate from the simulator's kubeconfig (TLS trust is not what this test is about).</summary>
    private static HttpClient AdminClient(TempDir dir, Uri url)
    {
        var kubeconfig = File.ReadAllText(dir.Combine("kubeconfigs", "admin.kubeconfig"));
        string Data(string field) => Encoding.UTF8.GetString(Convert.FromBase64String(Regex.Match(kubeconfig, field + @": (\S+)").Groups[1].Value));
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        handler.ClientCertificates.Add(X509Certificate2.CreateFromPem(Data("client-certificate-data"), Data("client-key-data")));
        return new HttpClient(handler) { BaseAddress = url };
    }

    [GeneratedRegex("server: .*\n")]
    private static partial Regex ServerLine();

    /// <summary>The simulator verb of the built sidecar as a child process, ready once it printed its URL.</summary>
    private sealed class SimProcess(Process process, Uri url) : IDisposable
    {
        public Process Process { get; } = process;

        public Uri Url { get; } = url;

        public static async Task<SimProcess> StartAsync(TempDir dir, string state)
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { SidecarProcess.DllPath, "simulator", "--port", "0", "--kubeconfig-dir", dir.Combine("kubeconfigs"), "--state", state, "--namespaces", "1", "--nodes", "1" })
            {
                info.ArgumentList.Add(arg);
            }

            var process = Process.Start(info)!;
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            while (await Wait.For(process.StandardOutput.ReadLineAsync(), "the simulator's ready line") is { } line)
            {
                if (line.Contains("listening on ", StringComparison.Ordinal))
                {
                    return new SimProcess(process, new Uri(line[(line.IndexOf("https://", StringComparison.Ordinal))..].Trim()));
                }
            }

            throw new InvalidOperationException("The simulator ended before it was ready.");
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill();
            }

            Process.Dispose();
        }
    }
}
