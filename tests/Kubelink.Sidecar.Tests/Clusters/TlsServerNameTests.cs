using System.Net;
using Kubelink.Protocol;
using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Tests.TestSupport;
using Kubelink.Simulator.Network;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Tests.Clusters;

/// <summary>
/// A kubeconfig's <c>tls-server-name</c>: the server is reached at an address its certificate does not name (here
/// 127.0.0.2, through a relay; the simulator's certificate names 127.0.0.1, ::1, localhost and kubernetes.default.svc),
/// and the certificate is checked against the configured name instead, as kubectl does.
/// </summary>
public sealed class TlsServerNameTests
{
    [Fact]
    public async Task AServerReachedByAnUnnamedAddress_ConnectsWithTheConfiguredName_AndKubectlWorksThroughTheProxy()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        await using var relay = await WriteContextAsync(bed, "sim-by-ip", "kubernetes.default.svc");

        var info = await bed.ActivateAsync("sim-by-ip");
        var kubectl = await Kubectl.OutputAsync(info.ProxyKubeconfigPath!, "get", "ns", "default", "-o", "name");

        Assert.Equal(ClusterStatus.Ready, info.Status);
        Assert.Equal("namespace/default", kubectl.Trim());
    }

    [Fact]
    public async Task ANameTheCertificateDoesNotHold_IsATlsFailure()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        await using var relay = await WriteContextAsync(bed, "sim-wrong-name", "not-this-server.example");

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => bed.ActivateAsync("sim-wrong-name"));

        Assert.Equal(ErrorCodes.ClusterUnreachable, error.ErrorCode);
        Assert.Contains("TLS failed", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A context (the admin) whose server is a relay on 127.0.0.2 in front of the simulator, with <paramref name="serverName"/>.</summary>
    private static async Task<DelayRelay> WriteContextAsync(ClusterTestBed bed, string context, string serverName)
    {
        var relay = new DelayRelay(new IPEndPoint(IPAddress.Loopback, bed.Simulator.BaseAddress.Port), TimeSpan.Zero, IPAddress.Parse("127.0.0.2"));
        relay.Start();
        var path = Path.Combine(bed.Kubeconfigs, context + ".yaml");
        bed.Simulator.WriteKubeconfig(path, "admin", context, "default");
        var text = (await File.ReadAllTextAsync(path)).Replace(bed.Simulator.BaseAddress.Authority, relay.BaseAddress.Authority, StringComparison.Ordinal);
        var server = text.Split('\n').Single(l => l.TrimStart().StartsWith("server:", StringComparison.Ordinal));
        var indent = server[..(server.Length - server.TrimStart().Length)];
        await File.WriteAllTextAsync(path, text.Replace(server, $"{server}\n{indent}tls-server-name: {serverName}", StringComparison.Ordinal));
        await bed.SyncAsync();
        return relay;
    }
}
