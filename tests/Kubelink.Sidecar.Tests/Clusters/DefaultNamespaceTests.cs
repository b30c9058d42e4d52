using Kubelink.Protocol;
using Kubelink.Protocol.Catalog;
using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Tests.TestSupport;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Tests.Clusters;

/// <summary>
/// <c>cluster/setDefaultNamespace</c> hardened (issue 11 item 12): only DNS labels, the unknown-cluster code for an unknown
/// id, and the choice outlives a sidecar restart.
/// </summary>
public sealed class DefaultNamespaceTests
{
    [Theory]
    [InlineData("../../etc")]
    [InlineData("team-a\nnamespace: kube-system")]
    [InlineData("Team-A")]
    [InlineData("-a")]
    [InlineData("")]
    [InlineData(null)] // a 10 kB value, built below
    public async Task SetDefaultNamespace_NotADnsLabel_IsInvalidParams_AndChangesNothing(string? value)
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var info = await bed.ActivateAsync("sim-restricted");
        var before = await File.ReadAllTextAsync(info.ProxyKubeconfigPath!);

        var code = await Rpc.ErrorCodeOf(bed.Sidecar.Client.InvokeWithParameterObjectAsync<ClusterInfo>(
            Methods.ClusterSetDefaultNamespace, new SetDefaultNamespaceParams { ClusterId = info.Id, Namespace = value ?? new string('a', 10_000) }));

        Assert.Equal(ErrorCodes.InvalidParams, code);
        Assert.Equal(before, await File.ReadAllTextAsync(info.ProxyKubeconfigPath!));
    }

    [Fact]
    public async Task ReconnectAndSetDefaultNamespace_OnAnUnknownId_AnswerClusterNotFound()
    {
        await using var bed = await ClusterTestBed.StartAsync();

        var reconnect = await Rpc.ErrorCodeOf(bed.Sidecar.Client.InvokeWithParameterObjectAsync<ClusterHealth>(Methods.ClusterReconnect, new ClusterIdParams { ClusterId = "no-such-id" }));
        var setNamespace = await Rpc.ErrorCodeOf(bed.Sidecar.Client.InvokeWithParameterObjectAsync<ClusterInfo>(Methods.ClusterSetDefaultNamespace, new SetDefaultNamespaceParams { ClusterId = "no-such-id", Namespace = "team-a" }));
        var notConnected = await Rpc.ErrorCodeOf(bed.Sidecar.Client.InvokeWithParameterObjectAsync<ClusterHealth>(Methods.ClusterReconnect, new ClusterIdParams { ClusterId = await bed.IdOfAsync("sim-admin") }));

        Assert.Equal(ErrorCodes.ClusterNotFound, reconnect);
        Assert.Equal(ErrorCodes.ClusterNotFound, setNamespace);
        Assert.Equal(ErrorCodes.ClusterNotReady, notConnected);
    }

    [Fact]
    public async Task TheChosenNamespace_IsRestoredAfterASidecarRestart()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var info = await bed.ActivateAsync("sim-restricted");
        await bed.Sidecar.Client.InvokeWithParameterObjectAsync<ClusterInfo>(Methods.ClusterSetDefaultNamespace, new SetDefaultNamespaceParams { ClusterId = info.Id, Namespace = "team-b" });

        await using var restarted = await InMemorySidecar.StartAsync(restartOf: bed.Sidecar);
        await restarted.InitializeAsync();
        await restarted.Client.InvokeWithParameterObjectAsync<CatalogListResult>(Methods.KubeconfigSetSyncPaths, new SetSyncPathsParams { Paths = [bed.Kubeconfigs] });
        var again = await Wait.For(restarted.Client.InvokeWithParameterObjectAsync<ClusterInfo>(Methods.ClusterActivate, new ClusterActivateParams { ClusterId = info.Id }), "activation after the restart");

        Assert.Equal("team-b", again.DefaultNamespace);
        Assert.Equal("team-b", (await Kubectl.OutputAsync(again.ProxyKubeconfigPath!, "config", "view", "--minify", "-o", "jsonpath={.contexts[0].context.namespace}")).Trim());
        var mode = File.GetUnixFileMode(Path.Combine(Path.GetDirectoryName(again.ProxyKubeconfigPath!)!, "default-namespace"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }
}

/// <summary>The code of a JSON-RPC error, whichever exception type StreamJsonRpc chose for it (-32601/-32602 get their own).</summary>
internal static class Rpc
{
    public static async Task<int> ErrorCodeOf(Task call)
    {
        try
        {
            await Wait.For(call, "the answer");
        }
        catch (RemoteInvocationException e)
        {
            return e.ErrorCode;
        }
        catch (RemoteMethodNotFoundException e)
        {
            return (int)e.ErrorCode;
        }

        throw new Xunit.Sdk.XunitException("The call succeeded; an error was expected.");
    }
}
