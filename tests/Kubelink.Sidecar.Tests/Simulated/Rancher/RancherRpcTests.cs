using Kubelink.Protocol;
using Kubelink.Protocol.Catalog;
using Kubelink.Protocol.Simulated;
using Kubelink.Sidecar.Simulated;
using Kubelink.Sidecar.Tests.TestSupport;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Tests.Simulated.Rancher;

/// <summary>
/// The editor's way in: <c>simulated/configureRancher</c> on the in-sidecar agent against the fake Rancher. What the user
/// sees is asserted: the answer's check, and each cluster's Rancher state in its catalog entry (the tree row).
/// </summary>
public sealed class RancherRpcTests
{
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ConfigureOverRpc_WrongKeyRefusedPerCluster_RightKeyConnectsExistingAndNew_OffClosesTunnelsKeepsClusters()
    {
        await using var rancher = await FakeRancher.StartAsync();
        await using var sidecar = await InMemorySidecar.StartAsync();
        await sidecar.InitializeAsync();
        await CreateAsync(sidecar, "first");

        // A wrong key: one answer naming the cause and the next step; the cluster's row says the same; the key shows nowhere.
        var refused = await ConfigureAsync(sidecar, rancher.Url.ToString(), "token-wrong:n0pe-secret");
        Assert.Equal(RancherCheck.KeyRefused, refused.Check);
        Assert.StartsWith("Rancher refused the API key (401 Unauthorized)", refused.Problem, StringComparison.Ordinal);
        Assert.EndsWith("set a new one with Kubelink: Set Rancher API Key…", refused.Problem, StringComparison.Ordinal);
        var failed = await EntryAsync(sidecar, "first", s => s.StartsWith("simulated, ready · Rancher failed: Rancher refused the API key (401", StringComparison.Ordinal));
        Assert.Contains("Kubelink: Set Rancher API Key…", failed.Source, StringComparison.Ordinal);
        Assert.DoesNotContain("n0pe-secret", failed.Source, StringComparison.Ordinal);
        Assert.Empty(rancher.Live);

        // The right key, no restart: the existing cluster is imported, both tunnels up and Rancher's own checks pass.
        var ok = await ConfigureAsync(sidecar, rancher.Url.ToString(), FakeRancher.ApiKey);
        Assert.Equal((RancherCheck.Ok, null), (ok.Check, ok.Problem));
        await EntryAsync(sidecar, "first", s => s == "simulated, ready · Rancher connected");
        var first = rancher.Named("first")!;
        Assert.Equal((200, "ok"), await first.ReadyzAsync());
        Assert.Equal((200, "pong"), await first.PingAsync());

        // A cluster created now is imported on create.
        await CreateAsync(sidecar, "second");
        await EntryAsync(sidecar, "second", s => s == "simulated, ready · Rancher connected");
        Assert.Equal((200, "ok"), await rancher.Named("second")!.ReadyzAsync());

        // The same settings again change nothing: the same Rancher clusters, the same sessions.
        var (agentSession, steveSession) = (first.Agent, first.Steve);
        Assert.Equal(RancherCheck.Ok, (await ConfigureAsync(sidecar, rancher.Url.ToString(), FakeRancher.ApiKey)).Check);
        Assert.Same(agentSession, first.Agent);
        Assert.Same(steveSession, first.Steve);

        // Off: the tunnels close, the clusters stay (here and in Rancher), the rows lose their Rancher part.
        var off = await ConfigureAsync(sidecar, null, null);
        Assert.Equal(RancherCheck.Off, off.Check);
        await Wait.For(first.Agent!.Ended, "the cluster-agent tunnel closed");
        await Wait.For(first.Steve!.Ended, "the stv-cluster tunnel closed");
        await EntryAsync(sidecar, "first", s => s == "simulated, ready");
        var list = await sidecar.Client.InvokeAsync<SimulatedListResult>(Methods.SimulatedList);
        Assert.Equal(["first", "second"], list.Clusters.Select(c => c.Name).Order());
        Assert.All(list.Clusters, c => Assert.Equal("disabled", c.RancherState));
        Assert.Equal(2, rancher.Live.Count());

        // On again: the same Rancher clusters (the ids were kept), no second copy.
        await ConfigureAsync(sidecar, rancher.Url.ToString(), FakeRancher.ApiKey);
        await EntryAsync(sidecar, "first", s => s == "simulated, ready · Rancher connected");
        Assert.Equal(2, rancher.Live.Count());
    }

    [Fact]
    public async Task UnusableSettings_TurnTheImportOffWithTheSettingToFix_UnreachableRancherNamesTheUrl()
    {
        await using var rancher = await FakeRancher.StartAsync();
        await using var sidecar = await InMemorySidecar.StartAsync();
        await sidecar.InitializeAsync();
        await CreateAsync(sidecar, "kept");
        await ConfigureAsync(sidecar, rancher.Url.ToString(), FakeRancher.ApiKey);
        await EntryAsync(sidecar, "kept", s => s == "simulated, ready · Rancher connected");
        var session = rancher.Named("kept")!.Agent!;

        // A URL but no key (the key was cleared): the import stops, and the error says how to set one.
        var noKey = await RefusedAsync(sidecar, rancher.Url.ToString(), null);
        Assert.Equal("The Rancher import is off: no Rancher API key is set: set one with Kubelink: Set Rancher API Key…", noKey);
        await Wait.For(session.Ended, "the tunnel closed");
        await EntryAsync(sidecar, "kept", s => s == "simulated, ready");

        Assert.Contains("the setting kubelink.simulated.rancherUrl 'ftp://rancher' is not an http(s) URL", await RefusedAsync(sidecar, "ftp://rancher", FakeRancher.ApiKey), StringComparison.Ordinal);
        Assert.Contains("remove it; the API key goes in Kubelink: Set Rancher API Key…", await RefusedAsync(sidecar, "https://admin:pw@rancher.example.com", FakeRancher.ApiKey), StringComparison.Ordinal);
        Assert.DoesNotContain("pw@", await RefusedAsync(sidecar, "https://admin:pw@rancher.example.com", FakeRancher.ApiKey), StringComparison.Ordinal);
        Assert.Contains("which is not an absolute path", await RefusedAsync(sidecar, rancher.Url.ToString(), FakeRancher.ApiKey, "ca.pem"), StringComparison.Ordinal);
        var missing = Path.Combine(sidecar.StateDir, "no-such-ca.pem");
        Assert.Contains($"the setting kubelink.simulated.rancherCaFile names '{missing}', which cannot be read", await RefusedAsync(sidecar, rancher.Url.ToString(), FakeRancher.ApiKey, missing), StringComparison.Ordinal);

        // Nothing listens there: the answer names the URL setting; the cluster's row says why its import failed.
        var closedPort = new Uri($"http://127.0.0.1:{FreePort()}/");
        var unreachable = await ConfigureAsync(sidecar, closedPort.ToString(), FakeRancher.ApiKey);
        Assert.Equal(RancherCheck.Unreachable, unreachable.Check);
        Assert.StartsWith($"Rancher at {closedPort} is not reachable: ", unreachable.Problem, StringComparison.Ordinal);
        Assert.EndsWith("check the setting kubelink.simulated.rancherUrl", unreachable.Problem, StringComparison.Ordinal);
        await EntryAsync(sidecar, "kept", s => s.StartsWith($"simulated, ready · Rancher failed: Rancher at {closedPort} is not reachable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PrivateCa_RefusedWithoutTheCaFile_ConnectsWithIt_OverHttpsAndWss()
    {
        using var dir = new TempDir();
        using var identity = EndpointCertificate.LoadOrCreate(dir.Path); // a CA of our own and a loopback certificate from it
        var caFile = Path.Combine(dir.Path, "rancher-ca.pem");
        await File.WriteAllTextAsync(caFile, identity.CaPem);
        await using var rancher = await FakeRancher.StartAsync(identity.Server);
        Assert.Equal("https", rancher.Url.Scheme);
        await using var sidecar = await InMemorySidecar.StartAsync();
        await sidecar.InitializeAsync();
        await CreateAsync(sidecar, "private");

        // The system store does not trust that CA: no TLS check is ever skipped, the answer points at the CA setting.
        var untrusted = await ConfigureAsync(sidecar, rancher.Url.ToString(), FakeRancher.ApiKey);
        Assert.Equal(RancherCheck.Unreachable, untrusted.Check);
        Assert.Contains("the setting kubelink.simulated.rancherCaFile", untrusted.Problem, StringComparison.Ordinal);
        await EntryAsync(sidecar, "private", s => s.StartsWith("simulated, ready · Rancher failed: ", StringComparison.Ordinal));
        Assert.Empty(rancher.Live);

        var trusted = await ConfigureAsync(sidecar, rancher.Url.ToString(), FakeRancher.ApiKey, caFile);
        Assert.Equal(RancherCheck.Ok, trusted.Check);
        await EntryAsync(sidecar, "private", s => s == "simulated, ready · Rancher connected");
        Assert.Equal((200, "ok"), await rancher.Named("private")!.ReadyzAsync());
    }

    private static Task<SimulatedRancherResult> ConfigureAsync(InMemorySidecar sidecar, string? url, string? token, string? caFile = null) =>
        sidecar.Client.InvokeWithParameterObjectAsync<SimulatedRancherResult>(Methods.SimulatedConfigureRancher, new SimulatedRancherParams { Url = url, Token = token, CaFile = caFile });

    private static async Task<string> RefusedAsync(InMemorySidecar sidecar, string url, string? token, string? caFile = null)
    {
        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => ConfigureAsync(sidecar, url, token, caFile));
        Assert.Equal(ErrorCodes.RancherSettingsInvalid, error.ErrorCode);
        return error.Message;
    }

    private static async Task CreateAsync(InMemorySidecar sidecar, string name)
    {
        await sidecar.Client.InvokeWithParameterObjectAsync<SimulatedClusterInfo>(Methods.SimulatedCreate, new SimulatedCreateParams { Name = name });
        await EntryAsync(sidecar, name, s => s.StartsWith("simulated, ready", StringComparison.Ordinal));
    }

    /// <summary>
    /// The catalog entry once its row text matches: as the catalog stands now, else the first later <c>catalog/changed</c>
    /// that makes it match (counted from before the look, so a change between the two is not missed, nor an older one taken).
    /// </summary>
    private static async Task<CatalogEntry> EntryAsync(InMemorySidecar sidecar, string name, Func<string, bool> source)
    {
        var id = SimulatedSource.EntryId(name);
        var from = sidecar.Seen<CatalogChangedParams>(Methods.CatalogChanged).Count;
        var now = (await sidecar.Client.InvokeAsync<CatalogListResult>(Methods.CatalogList)).Clusters.SingleOrDefault(c => c.Id == id);
        if (now is not null && source(now.Source))
        {
            return now;
        }
        CatalogEntry? found = null;
        var index = 0;
        try
        {
            await sidecar.SeenAsync<CatalogChangedParams>(Methods.CatalogChanged, c =>
            {
                found = index++ >= from ? c.Added.Concat(c.Updated).FirstOrDefault(e => e.Id == id && source(e.Source)) : null;
                return found is not null;
            }, Slow);
        }
        catch (TimeoutException)
        {
            var rows = sidecar.Seen<CatalogChangedParams>(Methods.CatalogChanged).SelectMany(c => c.Added.Concat(c.Updated)).Where(e => e.Id == id).Select(e => e.Source);
            throw new TimeoutException($"{name}'s row never matched; it was: {string.Join(" | ", rows)}");
        }
        return found!;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
