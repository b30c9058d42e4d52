using Kubelink.Protocol;
using Kubelink.Protocol.Clusters;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Tests.Clusters;

/// <summary>Upstream credentials other than the simulator's own kubeconfigs: token files and exec plugins.</summary>
public sealed class AuthKindTests
{
    [Fact]
    public async Task TokenFile_IsReadAndUsed()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var tokenFile = Path.Combine(bed.Kubeconfigs, "..", "token");
        await File.WriteAllTextAsync(tokenFile, bed.RestrictedToken + "\n");
        await WriteVariantAsync(bed, "token-file", $"tokenFile: {Path.GetFullPath(tokenFile)}");

        var info = await bed.ActivateAsync("token-file");

        Assert.Equal(ClusterStatus.Ready, info.Status);
    }

    [Fact]
    public async Task ExecPlugin_IsRunOnce_AndItsTokenCachedUntilExpiry()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var counter = Path.GetFullPath(Path.Combine(bed.Kubeconfigs, "..", "runs"));
        var plugin = await WritePluginAsync(bed, counter, exitCode: 0, expires: DateTimeOffset.UtcNow.AddHours(1));
        await WriteVariantAsync(bed, "exec", Exec(plugin));

        var first = await bed.ActivateAsync("exec");
        var again = await bed.Sidecar.Client.InvokeWithParameterObjectAsync<ClusterInfo>(Methods.ClusterRefresh, new ClusterIdParams { ClusterId = first.Id });

        Assert.Equal(ClusterStatus.Ready, again.Status);
        Assert.Single(await File.ReadAllLinesAsync(counter));
    }

    [Fact]
    public async Task FailingExecPlugin_FailsWithItsOwnError_AndIsNotRerunAtOnce()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var counter = Path.GetFullPath(Path.Combine(bed.Kubeconfigs, "..", "runs"));
        var plugin = await WritePluginAsync(bed, counter, exitCode: 3, expires: null);
        await WriteVariantAsync(bed, "exec-broken", Exec(plugin));

        var first = await Assert.ThrowsAsync<RemoteInvocationException>(() => bed.ActivateAsync("exec-broken"));
        var second = await Assert.ThrowsAsync<RemoteInvocationException>(() => bed.ActivateAsync("exec-broken"));

        Assert.Equal(ErrorCodes.CredentialPluginFailed, first.ErrorCode);
        Assert.Contains("SSO session expired", first.Message);
        Assert.Equal(ErrorCodes.CredentialPluginFailed, second.ErrorCode);
        Assert.Single(await File.ReadAllLinesAsync(counter)); // back-off: the second connect did not run it again
    }

    private static string Exec(string plugin) => $"exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: {plugin}\n      interactiveMode: Never";

    private static async Task<string> WritePluginAsync(ClusterTestBed bed, string counter, int exitCode, DateTimeOffset? expires)
    {
        var path = Path.GetFullPath(Path.Combine(bed.Kubeconfigs, "..", $"plugin-{exitCode}.sh"));
        var expiry = expires is { } e ? $",\"expirationTimestamp\":\"{e:yyyy-MM-ddTHH:mm:ssZ}\"" : "";
        var body = exitCode == 0
            ? $"echo '{{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{{\"token\":\"{bed.RestrictedToken}\"{expiry}}}}}'"
            : $"echo 'error: SSO session expired, run aws sso login' >&2; exit {exitCode}";
        await File.WriteAllTextAsync(path, $"#!/bin/sh\necho run >> '{counter}'\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>A copy of the restricted kubeconfig whose user authenticates another way.</summary>
    internal static async Task WriteVariantAsync(ClusterTestBed bed, string contextName, string userBody)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(bed.Kubeconfigs, "restricted.yaml"));
        var lines = text.Split('\n').ToList();
        var tokenLine = lines.FindIndex(l => l.TrimStart().StartsWith("token:", StringComparison.Ordinal));
        lines[tokenLine] = "    " + userBody;
        var variant = string.Join('\n', lines).Replace("sim-restricted", contextName, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(bed.Kubeconfigs, contextName + ".yaml"), variant);
        await bed.SyncAsync();
    }
}
