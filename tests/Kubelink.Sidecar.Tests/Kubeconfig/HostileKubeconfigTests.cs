using Kubelink.Protocol.Catalog;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Kubeconfig;

/// <summary>Issue 11 items 1–3 and 6 at the scan: each hostile file becomes an invalid entry with its reason; the good file still loads.</summary>
public sealed class HostileKubeconfigTests
{
    [Fact]
    public void DeeplyNestedYaml_IsAnInvalidEntry_AtTheLineAndColumnOfTheLimit()
    {
        using var dir = new TempDir();
        var deep = dir.Combine("deep.yaml");
        File.WriteAllText(deep, HostileFiles.DeepFlowYaml);
        var good = Fixture.CopyTo(dir.Path, "valid-token.yaml");

        var entries = ValidationTests.Scan(dir, [deep, good]);

        var error = entries.Single(e => e.Source == deep).Error!;
        Assert.Equal(KubeconfigProblem.YamlSyntax, error.Code);
        Assert.Contains("line 3, column 67", error.Message); // the 65th '[': 'x: ' is three columns, then 64 levels
        Assert.Contains("nest deeper than 64 levels", error.Message);
        Assert.Equal(CatalogEntryState.Valid, entries.Single(e => e.Source == good).State);
    }

    [Fact]
    public void AFolderInKubeconfig_IsAnInvalidEntrySayingSo_AndTheOtherFilesLoad()
    {
        using var dir = new TempDir();
        var folder = Directory.CreateDirectory(dir.Combine("configs")).FullName;
        Fixture.CopyTo(folder, "valid-token.yaml");
        var good = Fixture.CopyTo(dir.Path, "valid-token.yaml", "good.yaml");

        var entries = ValidationTests.Scan(dir, [], kubeconfigVariable: $"{folder}:{good}");

        var error = entries.Single(e => e.Source == folder).Error!; // was: no entry and no error (issue 11 item 12)
        Assert.Equal(KubeconfigProblem.UnreadableFile, error.Code);
        Assert.Contains("This is a folder, not a kubeconfig file", error.Message);
        Assert.Contains(entries, e => e.Source == good && e.State == CatalogEntryState.Valid);
    }

    [Fact]
    public void DeeplyNestedBlockYaml_IsAnInvalidEntry()
    {
        using var dir = new TempDir();
        var deep = dir.Combine("deep-block.yaml");
        File.WriteAllText(deep, "apiVersion: v1\nkind: Config\n" + string.Concat(Enumerable.Range(0, 1000).Select(i => new string(' ', i) + "k:\n")));

        var error = Assert.Single(ValidationTests.Scan(dir, [deep])).Error!;

        Assert.Equal(KubeconfigProblem.YamlSyntax, error.Code);
        Assert.Contains("nest deeper than 64 levels", error.Message);
    }

    [Fact]
    public void KeyThatIsAnAliasOfItsOwnList_IsAnInvalidEntry_NotAStackOverflow()
    {
        using var dir = new TempDir();
        var file = dir.Combine("self-key.yaml");
        File.WriteAllText(file, HostileFiles.SelfKeyYaml);

        var error = Assert.Single(ValidationTests.Scan(dir, [file])).Error!;

        Assert.Equal(KubeconfigProblem.YamlSyntax, error.Code);
        Assert.Contains("line 3", error.Message);
        Assert.Contains("kubeconfig keys are plain names", error.Message);
    }

    [Fact]
    public void AliasesInValues_StillLoad()
    {
        using var dir = new TempDir();
        var file = dir.Combine("anchors.yaml");
        File.WriteAllText(file, File.ReadAllText(Fixture.Path("valid-token.yaml")).Replace("namespace: payments", "namespace: &ns payments\n    extensions: [*ns, {a: [*ns]}]", StringComparison.Ordinal));

        var entry = Assert.Single(ValidationTests.Scan(dir, [file]));

        Assert.Equal(CatalogEntryState.Valid, entry.State);
        Assert.Equal("payments", entry.Namespace);
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/urandom")]
    public void CharacterDevice_AsKubeconfigOrSyncPath_IsAnInvalidEntry_NeverRead(string device)
    {
        using var dir = new TempDir();
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var viaVariable = ValidationTests.Scan(dir, [], kubeconfigVariable: device);
        var viaSyncPath = ValidationTests.Scan(dir, [device]);

        foreach (var entries in new[] { viaVariable, viaSyncPath })
        {
            var entry = Assert.Single(entries);
            Assert.Equal(device, entry.Source);
            Assert.Equal(KubeconfigProblem.UnreadableFile, entry.Error!.Code);
            Assert.Contains("a character device, not a regular file", entry.Error.Message);
        }

        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 20L * 1024 * 1024, "the device must not be read");
    }

    [Fact]
    public async Task Fifo_AsKubeconfig_IsAnInvalidEntry_WithoutWaitingForAWriter()
    {
        using var dir = new TempDir();
        var fifo = HostileFiles.Fifo(dir.Combine("kubeconfig.fifo"));

        var entries = await Wait.For(Task.Run(() => ValidationTests.Scan(dir, [], kubeconfigVariable: fifo)), "a scan of a FIFO");

        var entry = Assert.Single(entries);
        Assert.Equal(KubeconfigProblem.UnreadableFile, entry.Error!.Code);
        Assert.Contains("a named pipe (FIFO), not a regular file", entry.Error.Message);
    }

    [Theory]
    [InlineData("tokenFile")]
    [InlineData("certificate-authority")]
    [InlineData("client-certificate")]
    [InlineData("client-key")]
    public async Task CredentialFileThatIsAFifoOrADevice_IsAnInvalidEntryNamingTheFile(string field)
    {
        using var dir = new TempDir();
        var fifo = HostileFiles.Fifo(dir.Combine("credential.fifo"));
        foreach (var target in new[] { fifo, "/dev/zero" })
        {
            var file = dir.Combine($"{field}.yaml");
            File.WriteAllText(file, field switch
            {
                "tokenFile" => HostileFiles.KubeconfigWithFiles("ctx", tokenFile: target),
                "certificate-authority" => HostileFiles.KubeconfigWithFiles("ctx", ca: target),
                "client-certificate" => HostileFiles.KubeconfigWithFiles("ctx", cert: target, key: target),
                _ => HostileFiles.KubeconfigWithFiles("ctx", key: target),
            });

            var entry = Assert.Single(await Wait.For(Task.Run(() => ValidationTests.Scan(dir, [file])), $"a scan with a {field} at {target}"));

            Assert.Equal(CatalogEntryState.Invalid, entry.State);
            Assert.Equal(KubeconfigProblem.UnreadableCredentialFile, entry.Error!.Code);
            Assert.Contains($"{field} '{target}'", entry.Error.Message);
            Assert.Contains("not a regular file", entry.Error.Message);
        }
    }

    [Fact]
    public void ProcFile_ReportingLengthZero_IsReadByWhatItHolds()
    {
        using var dir = new TempDir();

        var entry = Assert.Single(ValidationTests.Scan(dir, ["/proc/self/maps"]));

        // The kernel reports a length of 0; what it holds is read (one long YAML string) and rejected as no kubeconfig.
        Assert.Equal(KubeconfigProblem.NotAKubeconfig, entry.Error!.Code);
    }

    [Fact]
    public void CredentialsInTheServerUrl_AreRefused_AndNeverShown()
    {
        using var dir = new TempDir();
        var file = dir.Combine("userinfo.yaml");
        File.WriteAllText(file, HostileFiles.KubeconfigWithFiles("ctx", server: "https://alice:s3cr3t-pw@prod.example.com:6443/"));
        var unparsable = dir.Combine("userinfo-bad.yaml");
        File.WriteAllText(unparsable, HostileFiles.KubeconfigWithFiles("ctx2", server: "https://alice:s3/cr3t-pw@prod.example.com:6443/"));

        var entries = ValidationTests.Scan(dir, [file, unparsable]);

        var entry = entries.Single(e => e.Source == file);
        Assert.Equal(KubeconfigProblem.InvalidServerUrl, entry.Error!.Code);
        Assert.Equal("https://***@prod.example.com:6443/", entry.Server);
        Assert.Contains("user name or password in its server URL", entry.Error.Message);
        Assert.All(entries, e => Assert.DoesNotContain("cr3t-pw", System.Text.Json.JsonSerializer.Serialize(e)));
    }
}
