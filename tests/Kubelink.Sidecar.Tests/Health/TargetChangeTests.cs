using System.Text.RegularExpressions;
using Kubelink.Protocol;
using Kubelink.Protocol.Catalog;
using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Clusters.Upstream;
using Kubelink.Sidecar.Tests.Clusters;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Health;

/// <summary>
/// A change of credentials or CA alone, with the same server URL, reaches a connected cluster at once (issue 11, item 7):
/// <c>catalog/changed</c> is sent although no shown field changed, the cluster reconnects with the new values, and the
/// stage log says so. Before connection targets compared by value, neither happened.
/// </summary>
public sealed partial class TargetChangeTests
{
    [Fact]
    public async Task ATokenRotatedInPlace_ReconnectsWithTheNewToken()
    {
        await using var bed = await ClusterTestBed.StartAsync(settings: HealthSettings.Fast);
        var info = await bed.ConnectAsync("sim-restricted");

        var old = bed.RestrictedToken;
        var rotated = bed.Simulator.AddTokenUser("restricted"); // same user, same server: only the token differs
        bed.Simulator.WriteKubeconfig(Path.Combine(bed.Kubeconfigs, "restricted.yaml"), "restricted", "sim-restricted", "team-a");
        await bed.SyncAsync();
        var events = await bed.NextAsync(3);
        bed.Simulator.Faults.ExpireToken(old); // whatever still used the old token would now fail

        await Wait.Until(() => bed.Sidecar.Seen<CatalogChangedParams>(Methods.CatalogChanged).Any(c => c.Updated.Any(e => e.Id == info.Id)), "catalog/changed for the rotated token");
        await Wait.Until(() => bed.Sidecar.Seen<ClusterStageParams>(Methods.ClusterStage).Any(s => s.ClusterId == info.Id && s.Stage == "connection" && s.Message == "The entry's credentials changed: reconnecting with the new values."), "the stage log line of the reconnect");
        Assert.Equal(["disconnected/kubeconfig/0/-/1", "reconnecting/kubeconfig/1/+/1", "ready/-/0/-/2"], events);
        Assert.Equal(new BearerTokenCredentials(rotated), bed.Session(info.Id).Target.Credentials);
        Assert.Contains("namespace/team-a", await Kubectl.OutputAsync(info.ProxyKubeconfigPath!, "get", "namespaces", "team-a", "-o", "name"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewCertificateAuthorityData_ReconnectsWithIt()
    {
        await using var bed = await ClusterTestBed.StartAsync(settings: HealthSettings.Fast);
        var info = await bed.ConnectAsync("sim-admin");

        // The same CA written differently (a trailing newline in the PEM): a new certificate-authority-data value that the
        // server's certificate still chains to, so the reconnect can succeed.
        var file = Path.Combine(bed.Kubeconfigs, "admin.yaml");
        var pem = bed.Simulator.CaCertificatePem + "\n";
        await File.WriteAllTextAsync(file, CaData().Replace(await File.ReadAllTextAsync(file), $"certificate-authority-data: {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(pem))}"));
        await bed.SyncAsync();
        var events = await bed.NextAsync(3);

        await Wait.Until(() => bed.Sidecar.Seen<CatalogChangedParams>(Methods.CatalogChanged).Any(c => c.Updated.Any(e => e.Id == info.Id)), "catalog/changed for the new CA");
        await Wait.Until(() => bed.Sidecar.Seen<ClusterStageParams>(Methods.ClusterStage).Any(s => s.ClusterId == info.Id && s.Stage == "connection" && s.Message == "The entry's certificate authority changed: reconnecting with the new values."), "the stage log line of the reconnect");
        Assert.Equal(["disconnected/kubeconfig/0/-/1", "reconnecting/kubeconfig/1/+/1", "ready/-/0/-/2"], events);
        Assert.Equal(PemForm.Base64, bed.Session(info.Id).Target.Tls.CertificateAuthority?.Form);
        Assert.Equal(pem, bed.Session(info.Id).Target.Tls.CertificateAuthority?.Load());
    }

    [GeneratedRegex("certificate-authority-data: \\S+")]
    private static partial Regex CaData();
}
