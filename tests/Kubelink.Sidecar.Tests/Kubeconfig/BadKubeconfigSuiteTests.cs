using System.Text.Json;
using Kubelink.Protocol;
using Kubelink.Protocol.Catalog;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Kubeconfig;

/// <summary>
/// The kubeconfig half of issue 11's bad-input suite, through the real sidecar process (a stack overflow or an out-of-memory
/// kills a process; no in-process test survives to report it). The start-up cases go in KUBECONFIG, the rest are sync
/// paths set one at a time; after every case the sidecar must be alive, answer <c>catalog/list</c> with the good context
/// (and <c>cluster/get</c> for it),
/// have written nothing but frames to stdout, and stay under a memory bound; no secret may appear anywhere.
/// </summary>
public sealed class BadKubeconfigSuiteTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>The sidecar idles near 100 MB; each defect of issue 11 took gigabytes.</summary>
    private const long MemoryBound = 512L * 1024 * 1024;

    private const string Secret = "s3cr3t-pw";

    private sealed record Case(string Name, string Path, Action<IReadOnlyList<CatalogEntry>> Expect, string? Activate = null);

    [Fact]
    public async Task EveryBadKubeconfig_LeavesTheSidecarAlive_Answering_WritingOnlyFrames_AndUnderItsMemoryBound()
    {
        using var dir = new TempDir();
        var processes = new MarkedProcesses();
        var good = Fixture.CopyTo(dir.Path, "valid-token.yaml", "good.yaml");
        var atStart = new[] { Write(dir, "start-deep.yaml", HostileFiles.DeepFlowYaml), "/dev/zero", "/dev/urandom", HostileFiles.Fifo(dir.Combine("start.fifo")), Write(dir, "start-self-key.yaml", HostileFiles.SelfKeyYaml) };
        using var sidecar = SidecarProcess.Start(dir.Combine("state"), new Dictionary<string, string>
        {
            ["KUBECONFIG"] = string.Join(':', [good, .. atStart]),
            ["HOME"] = Directory.CreateDirectory(dir.Combine("home")).FullName,
            ["KUBELINK_LOG_LEVEL"] = "Verbose",
        });
        Assert.False((await sidecar.RequestAsync(Methods.Initialize, $$"""{"clientName":"suite","clientVersion":"1","protocolVersion":{{ProtocolInfo.Version}}}""")).TryGetProperty("error", out _));

        var startEntries = await CheckHealthyAsync(sidecar, "start-up (KUBECONFIG)");
        Assert.All(atStart, path => Assert.Equal(CatalogEntryState.Invalid, Assert.Single(startEntries, e => e.Source == path).State));

        foreach (var c in Cases(dir, processes))
        {
            var answer = await sidecar.RequestAsync(Methods.KubeconfigSetSyncPaths, JsonSerializer.Serialize(new SetSyncPathsParams { Paths = [c.Path] }, ProtocolJson.Options));
            var entries = Result<CatalogListResult>(answer, c.Name).Clusters;
            c.Expect(entries.Where(e => e.SourceGroup == c.Path).ToList());
            if (c.Activate is { } expected)
            {
                var id = entries.Single(e => e.SourceGroup == c.Path).Id;
                var error = (await sidecar.RequestAsync(Methods.ClusterActivate, $$"""{"clusterId":"{{id}}"}""")).GetProperty("error");
                Assert.Contains(expected, error.GetProperty("message").GetString());
                Assert.DoesNotContain(Secret, error.ToString());
            }

            await CheckHealthyAsync(sidecar, c.Name);
            output.WriteLine($"{c.Name}: {sidecar.ResidentBytes() >> 20} MB resident");
        }

        await Wait.Until(() => processes.Alive().Count == 0, "every plugin process to be gone");
        var peak = sidecar.PeakResidentBytes();
        output.WriteLine($"peak: {peak >> 20} MB");
        await sidecar.RequestAsync(Methods.Shutdown);
        await sidecar.SendAsync("""{"jsonrpc":"2.0","method":"exit"}""");
        var stdout = await sidecar.WaitForExitAsync("the sidecar to exit after the suite");

        Assert.NotEmpty(Frames.Parse(stdout));
        Assert.True(peak < MemoryBound, $"peak memory {peak >> 20} MB");
        Assert.DoesNotContain(Secret, System.Text.Encoding.UTF8.GetString(stdout));
        Assert.DoesNotContain(Secret, sidecar.Stderr);
        Assert.Contains("Catalog changed", sidecar.Stderr); // the log was captured at all
        foreach (var log in Directory.EnumerateFiles(dir.Combine("state", "logs")))
        {
            Assert.DoesNotContain(Secret, File.ReadAllText(log));
        }
    }

    private static IEnumerable<Case> Cases(TempDir dir, MarkedProcesses processes)
    {
        static Action<IReadOnlyList<CatalogEntry>> Invalid(KubeconfigProblem code, string reason) => entries =>
        {
            var entry = Assert.Single(entries);
            Assert.Equal(CatalogEntryState.Invalid, entry.State);
            Assert.Equal(code, entry.Error!.Code);
            Assert.Contains(reason, entry.Error.Message);
        };

        var fifo = HostileFiles.Fifo(dir.Combine("credential.fifo"));
        yield return new("200,000 nested '['", Write(dir, "deep.yaml", HostileFiles.DeepFlowYaml), Invalid(KubeconfigProblem.YamlSyntax, "line 3, column 67"));
        yield return new("1,000 nested block maps", Write(dir, "deep-block.yaml", "a:\n" + string.Concat(Enumerable.Range(1, 1000).Select(i => new string(' ', i) + "k:\n"))), Invalid(KubeconfigProblem.YamlSyntax, "nest deeper than 64"));
        yield return new("200,000 nested '{'", Write(dir, "deep-map.yaml", "x: " + string.Concat(Enumerable.Repeat("{a: ", 200_000))), Invalid(KubeconfigProblem.YamlSyntax, "nest deeper than 64"));
        yield return new("a key aliasing its own list", Write(dir, "self-key.yaml", HostileFiles.SelfKeyYaml), Invalid(KubeconfigProblem.YamlSyntax, "plain names"));
        yield return new("a billion laughs", Write(dir, "laughs.yaml", Laughs()), entries => Assert.Empty(entries));
        yield return new("/dev/zero", "/dev/zero", Invalid(KubeconfigProblem.UnreadableFile, "a character device"));
        yield return new("/dev/urandom", "/dev/urandom", Invalid(KubeconfigProblem.UnreadableFile, "a character device"));
        yield return new("a FIFO", HostileFiles.Fifo(dir.Combine("sync.fifo")), Invalid(KubeconfigProblem.UnreadableFile, "a named pipe (FIFO)"));
        yield return new("a folder holding a FIFO and a link to /dev/zero", FolderOfSpecials(dir), entries =>
        {
            Assert.Equal(2, entries.Count);
            Assert.All(entries, e => Assert.Contains("not a regular file", e.Error!.Message));
        });
        yield return new("50 MB (sparse)", Sparse(dir), Invalid(KubeconfigProblem.FileTooLarge, "more than 8 MB"));
        yield return new("binary", WriteBytes(dir, "binary", [0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]), Invalid(KubeconfigProblem.NotText, "binary"));
        yield return new("not UTF-8", WriteBytes(dir, "latin1", [0x61, 0x3a, 0x20, 0xe9, 0xff, 0x0a]), Invalid(KubeconfigProblem.NotText, "UTF-8"));
        yield return new("/proc/self/maps (length 0)", "/proc/self/maps", Invalid(KubeconfigProblem.NotAKubeconfig, "not a kubeconfig"));
        yield return new("a 7 MB scalar", Write(dir, "long.yaml", "x: " + new string('a', 7 * 1024 * 1024)), entries => Assert.Empty(entries));
        yield return new("5,000 contexts", Write(dir, "many.yaml", ManyContexts(5000)), entries => Assert.Equal(5000, entries.Count(e => e.State == CatalogEntryState.Valid)));
        yield return new("tokenFile is a FIFO", Write(dir, "token-fifo.yaml", HostileFiles.KubeconfigWithFiles("token-fifo", tokenFile: fifo)), Invalid(KubeconfigProblem.UnreadableCredentialFile, $"tokenFile '{fifo}'"));
        yield return new("tokenFile is /dev/zero", Write(dir, "token-zero.yaml", HostileFiles.KubeconfigWithFiles("token-zero", tokenFile: "/dev/zero")), Invalid(KubeconfigProblem.UnreadableCredentialFile, "tokenFile '/dev/zero'"));
        yield return new("certificate-authority is a FIFO", Write(dir, "ca-fifo.yaml", HostileFiles.KubeconfigWithFiles("ca-fifo", ca: fifo)), Invalid(KubeconfigProblem.UnreadableCredentialFile, $"certificate-authority '{fifo}'"));
        yield return new("certificate-authority is /dev/zero", Write(dir, "ca-zero.yaml", HostileFiles.KubeconfigWithFiles("ca-zero", ca: "/dev/zero")), Invalid(KubeconfigProblem.UnreadableCredentialFile, "certificate-authority '/dev/zero'"));
        yield return new("client cert and key are devices", Write(dir, "cert-dev.yaml", HostileFiles.KubeconfigWithFiles("cert-dev", cert: "/dev/urandom", key: "/dev/zero")), Invalid(KubeconfigProblem.UnreadableCredentialFile, "client-certificate '/dev/urandom'"));
        yield return new("credentials in the server URL", Write(dir, "userinfo.yaml", HostileFiles.Kubeconfig("userinfo", server: $"https://alice:{Secret}@127.0.0.1:6443/")), entries =>
        {
            Invalid(KubeconfigProblem.InvalidServerUrl, "user name or password in its server URL")(entries);
            Assert.Equal("https://***@127.0.0.1:6443/", entries[0].Server);
        }, Activate: "user name or password in its server URL");
        yield return new("an exec plugin printing 100 MB", Write(dir, "exec-flood.yaml", HostileFiles.Kubeconfig("exec-flood", userLines: HostileFiles.ExecUser(processes, "head -c 100000000 /dev/zero | tr '\\0' x"))),
            entries => Assert.Equal(CatalogEntryState.Valid, Assert.Single(entries).State), Activate: "printed more than 1 MB on stdout");
        yield return new("an exec plugin printing 100,000 nested '['", Write(dir, "exec-deep.yaml", HostileFiles.Kubeconfig("exec-deep", userLines: HostileFiles.ExecUser(processes, "printf '%100000s' '' | tr ' ' '['"))),
            entries => Assert.Equal(CatalogEntryState.Valid, Assert.Single(entries).State), Activate: "depth of 64");
        yield return new("a symlink loop", Loop(dir), Invalid(KubeconfigProblem.UnreadableFile, "symlink"));
    }

    /// <summary>Alive, answering catalog/list with the good context from KUBECONFIG, only frames on stdout, under the bound.</summary>
    private static async Task<IReadOnlyList<CatalogEntry>> CheckHealthyAsync(SidecarProcess sidecar, string after)
    {
        Assert.False(sidecar.Process.HasExited, $"the sidecar died after '{after}': {sidecar.Stderr}");
        var entries = Result<CatalogListResult>(await sidecar.RequestAsync(Methods.CatalogList), after).Clusters;
        var good = Assert.Single(entries, e => e.ContextName == "prod-alice" && e.State == CatalogEntryState.Valid);
        Result<JsonElement>(await sidecar.RequestAsync(Methods.ClusterGet, $$"""{"clusterId":"{{good.Id}}"}"""), $"cluster/get after '{after}'");
        Assert.NotEmpty(Frames.Parse(sidecar.ConsumedStdout));
        var resident = sidecar.ResidentBytes();
        Assert.True(resident < MemoryBound, $"{resident >> 20} MB resident after '{after}'");
        return entries;
    }

    private static T Result<T>(JsonElement answer, string after)
    {
        Assert.False(answer.TryGetProperty("error", out var error), $"'{after}' was answered with an error: {error}");
        return answer.GetProperty("result").Deserialize<T>(ProtocolJson.Options)!;
    }

    private static string Write(TempDir dir, string name, string text)
    {
        var path = dir.Combine("cases", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static string WriteBytes(TempDir dir, string name, byte[] bytes)
    {
        var path = Write(dir, name, "");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string Sparse(TempDir dir)
    {
        var path = Write(dir, "sparse", "");
        using var stream = File.OpenWrite(path);
        stream.SetLength(50L * 1024 * 1024);
        return path;
    }

    private static string FolderOfSpecials(TempDir dir)
    {
        var folder = Directory.CreateDirectory(dir.Combine("specials")).FullName;
        HostileFiles.Fifo(Path.Combine(folder, "pipe"));
        File.CreateSymbolicLink(Path.Combine(folder, "zero"), "/dev/zero");
        return folder;
    }

    private static string Loop(TempDir dir)
    {
        var a = dir.Combine("cases", "loop-a");
        File.CreateSymbolicLink(a, dir.Combine("cases", "loop-b"));
        File.CreateSymbolicLink(dir.Combine("cases", "loop-b"), a);
        return a;
    }

    /// <summary>Nine levels of ten aliases each (10⁹ nodes if expanded); YAML keeps them as references, and so must we.</summary>
    private static string Laughs() => "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" +
        string.Concat(Enumerable.Range(1, 9).Select(i => $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n"));

    private static string ManyContexts(int count) =>
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:6443\nusers:\n- name: u\n  user:\n    token: t\ncontexts:\n" +
        string.Concat(Enumerable.Range(0, count).Select(i => $"- name: ctx-{i}\n  context:\n    cluster: c\n    user: u\n"));
}
