using Kubelink.Protocol.Catalog;
using Kubelink.Protocol.Clusters;
using Kubelink.Protocol.Lifecycle;
using Kubelink.Sidecar.Eks;
using Kubelink.Sidecar.Kubeconfig;
using Kubelink.Simulator.Aws;

namespace Kubelink.Sidecar.Tests.Eks;

/// <summary>
/// Kubeconfigs that <c>aws eks update-kubeconfig</c> writes (the real CLI writes them here): recognised and served with
/// the in-process token, so they connect even with no <c>aws</c> on PATH; with the setting off, or with anything the
/// in-process path cannot reproduce, the real <c>aws</c> runs as a normal exec plugin and connects too.
/// </summary>
public sealed class EksExecKubeconfigTests
{
    [Fact]
    public void TheExecUpdateKubeconfigWrites_IsRecognised_AndRoleArnIsNot()
    {
        var written = new ExecConfig("aws", ["--region", "eu-west-1", "eks", "get-token", "--cluster-name", "prod", "--output", "json"], [new("AWS_PROFILE", "dev")], "client.authentication.k8s.io/v1beta1", null, false);

        var spec = AwsEksExec.TryRecognize(written);

        Assert.Equal(new EksTokenCredentials(new Protocol.Eks.EksCredentials { Profile = "dev" }, "eu-west-1", "prod"), spec);
        Assert.Null(AwsEksExec.TryRecognize(written with { Args = [.. written.Args, "--role-arn", "arn:aws:iam::1:role/x"] }));
        Assert.Null(AwsEksExec.TryRecognize(written with { Command = "aws-iam-authenticator" }));
        Assert.Null(AwsEksExec.TryRecognize(written with { Env = [new("AWS_ACCESS_KEY_ID", "AKIA")] }));
    }

    [Fact]
    public async Task AnUpdateKubeconfigKubeconfig_ConnectsInProcess_WithNoAwsOnPath()
    {
        await using var bed = await EksTestBed.StartAsync(pathVariable: "");
        await WriteUpdateKubeconfigAsync(bed, Path.Combine(bed.Bed.Kubeconfigs, "eks.yaml"), withFiles: false);
        var list = await bed.Bed.SyncAsync();
        var entry = list.Clusters.Single(c => c.ContextName.EndsWith(":cluster/" + AwsSimulator.ClusterName, StringComparison.Ordinal));

        var info = await bed.ActivateAsync(entry.Id);

        Assert.Equal(CatalogEntryState.Valid, entry.State);
        Assert.Equal(ClusterStatus.Ready, info.Status);
        Assert.True(info.IsAdmin);
    }

    [Fact]
    public async Task WithTheSettingOff_TheRealAwsRunsAsAnExecPlugin_AndConnects()
    {
        await using var bed = await EksTestBed.StartAsync(settings: new SidecarSettings { EksInProcessToken = false });
        await WriteUpdateKubeconfigAsync(bed, Path.Combine(bed.Bed.Kubeconfigs, "eks.yaml"), withFiles: true);
        var list = await bed.Bed.SyncAsync();
        var entry = list.Clusters.Single(c => c.ContextName.EndsWith(":cluster/" + AwsSimulator.ClusterName, StringComparison.Ordinal));

        var info = await bed.ActivateAsync(entry.Id);

        Assert.Equal(ClusterStatus.Ready, info.Status);
        Assert.Null(AwsEksExec.TryRecognize(Bed(bed, entry.Id)));
    }

    private static ExecConfig Bed(EksTestBed bed, string id) =>
        ((ExecCredentials)bed.Bed.Session(id).Target.Credentials).Exec;

    /// <summary>The real CLI writes the kubeconfig; with <paramref name="withFiles"/> its exec also names the simulator's profile files (what a plugin run needs).</summary>
    private static async Task WriteUpdateKubeconfigAsync(EksTestBed bed, string path, bool withFiles)
    {
        var files = new Dictionary<string, string> { ["AWS_CONFIG_FILE"] = Path.Combine(bed.AwsDirectory, "config"), ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(bed.AwsDirectory, "credentials") };
        await AwsCliProcess.OutputAsync(files, "--profile", AwsFiles.AdminProfile, "eks", "update-kubeconfig", "--name", AwsSimulator.ClusterName, "--kubeconfig", path);
        if (withFiles)
        {
            var text = await File.ReadAllTextAsync(path);
            var env = "      - name: AWS_PROFILE\n        value: " + AwsFiles.AdminProfile;
            Assert.Contains(env, text, StringComparison.Ordinal);
            var extra = string.Concat(files.Select(f => $"\n      - name: {f.Key}\n        value: {f.Value}"));
            await File.WriteAllTextAsync(path, text.Replace(env, env + extra, StringComparison.Ordinal));
        }
    }
}
