using Kubelink.Protocol.Catalog;
using Kubelink.Sidecar.Kubeconfig;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Kubeconfig;

public sealed class ValidationTests
{
    [Theory]
    [InlineData("missing-cluster.yaml", "orphan", KubeconfigProblem.MissingCluster, 8, "'nowhere'")]
    [InlineData("missing-user.yaml", "no-user", KubeconfigProblem.MissingUser, 8, "'ghost'")]
    [InlineData("missing-server.yaml", "ctx", KubeconfigProblem.MissingServer, 4, "no 'server'")]
    [InlineData("invalid-server-url.yaml", "ctx", KubeconfigProblem.InvalidServerUrl, 4, "https://host:port")]
    [InlineData("invalid-base64.yaml", "ctx", KubeconfigProblem.InvalidBase64, 4, "certificate-authority-data")]
    [InlineData("missing-cert-file.yaml", "ctx", KubeconfigProblem.UnreadableCredentialFile, 8, "does-not-exist.crt")]
    [InlineData("unknown-auth-provider.yaml", "gke", KubeconfigProblem.UnknownAuthProvider, 8, "gke-gcloud-auth-plugin")]
    [InlineData("exec-not-on-path.yaml", "eks", KubeconfigProblem.ExecCommandNotFound, 8, "'kubelink-no-such-plugin', which is not on PATH (/usr/bin")]
    public void BrokenContext_IsListedWithTheExactReasonAndLine(string fixture, string context, KubeconfigProblem code, int line, string mentions)
    {
        using var dir = new TempDir();
        var file = Fixture.CopyTo(dir.Path, fixture);

        var entries = Scan(dir, [file]);

        var entry = Assert.Single(entries);
        Assert.Equal(context, entry.ContextName);
        Assert.Equal(CatalogEntryState.Invalid, entry.State);
        Assert.Equal(code, entry.Error!.Code);
        Assert.Equal(line, entry.Error.Line);
        Assert.Equal(file, entry.Error.File);
        Assert.Contains(mentions, entry.Error.Message);
    }

    [Fact]
    public void ValidContext_IsListedWithServerUserAndNamespace()
    {
        using var dir = new TempDir();
        var file = Fixture.CopyTo(dir.Path, "valid-token.yaml");

        var entry = Assert.Single(Scan(dir, [file]));

        Assert.Equal(CatalogEntryState.Valid, entry.State);
        Assert.Null(entry.Error);
        Assert.Equal("prod-alice", entry.Name);
        Assert.Equal("https://prod.example.com:6443", entry.Server);
        Assert.Equal("alice", entry.User);
        Assert.Equal("payments", entry.Namespace);
        Assert.Equal(file, entry.Source);
        Assert.Equal(13, entry.Line);
    }

    [Fact]
    public void YamlSyntaxError_GivesLineAndColumn_AndDoesNotHideOtherFiles()
    {
        using var dir = new TempDir();
        var broken = Fixture.CopyTo(dir.Path, "yaml-syntax-error.yaml");
        var good = Fixture.CopyTo(dir.Path, "valid-token.yaml");

        var entries = Scan(dir, [broken, good]);

        var error = Assert.Single(entries, e => e.Source == broken);
        Assert.Equal(KubeconfigProblem.YamlSyntax, error.Error!.Code);
        Assert.Matches(@"line 7, column \d+", error.Error.Message);
        Assert.Equal(7, error.Error.Line);
        Assert.Contains(entries, e => e.Source == good && e.State == CatalogEntryState.Valid);
    }

    [Fact]
    public void NonKubeconfigManifest_IsAnErrorEntry()
    {
        using var dir = new TempDir();
        var file = Fixture.CopyTo(dir.Path, "not-a-kubeconfig.yaml");

        var entry = Assert.Single(Scan(dir, [file]));

        Assert.Equal(KubeconfigProblem.NotAKubeconfig, entry.Error!.Code);
        Assert.Contains("'Pod'", entry.Error.Message);
    }

    [Fact]
    public void ExecPluginOnPath_IsValid()
    {
        using var dir = new TempDir();
        var bin = Directory.CreateDirectory(dir.Combine("bin")).FullName;
        var plugin = Path.Combine(bin, "kubelink-no-such-plugin");
        File.WriteAllText(plugin, "#!/bin/sh\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        var file = Fixture.CopyTo(dir.Path, "exec-not-on-path.yaml");

        var entry = Assert.Single(Scan(dir, [file], pathVariable: bin));

        Assert.Equal(CatalogEntryState.Valid, entry.State);
    }

    internal static List<CatalogEntry> Scan(TempDir dir, IReadOnlyList<string> syncPaths, string? kubeconfigVariable = null, string pathVariable = "/usr/bin:/bin")
    {
        var env = new KubeconfigEnvironment(dir.Combine("home"), kubeconfigVariable, pathVariable);
        return CatalogScan.Run(env, syncPaths, new Dictionary<string, FileRead>(), new Dictionary<string, FolderListing>(), dirty: null).Entries;
    }
}
