using Kubelink.Protocol;
using Kubelink.Protocol.Catalog;
using Kubelink.Sidecar.Tests.TestSupport;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Tests.Kubeconfig;

/// <summary>The sync end to end over RPC: real files in a temp folder, the real watcher, awaited notifications.</summary>
public sealed class SyncTests
{
    [Fact]
    public async Task HomeKubeconfig_IsListedWhenKubeconfigIsUnset()
    {
        await using var sidecar = await InMemorySidecar.StartAsync();
        Fixture.CopyTo(Path.Combine(sidecar.Home, ".kube"), "valid-token.yaml", "config");
        await sidecar.InitializeAsync();

        var list = await Refresh(sidecar);

        Assert.Equal("prod-alice", Assert.Single(list.Clusters).ContextName);
        Assert.True(list.Clusters[0].IsCurrentContext);
    }

    [Fact]
    public async Task EditingAFile_ReportsUpdated()
    {
        await using var sidecar = await InMemorySidecar.StartAsync();
        var folder = Directory.CreateDirectory(Path.Combine(sidecar.Home, "sync")).FullName;
        var file = Fixture.CopyTo(folder, "valid-token.yaml");
        await InitializeWithSyncPaths(sidecar, folder);

        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("payments", "billing", StringComparison.Ordinal));
        var change = await sidecar.NextNotificationAsync<CatalogChangedParams>(Methods.CatalogChanged);

        Assert.Empty(change.Added);
        Assert.Empty(change.Removed);
        Assert.Equal("billing", Assert.Single(change.Updated).Namespace);
    }

    [Fact]
    public async Task AddingAndDeletingFilesInASyncFolder_ReportsAddedAndRemoved()
    {
        await using var sidecar = await InMemorySidecar.StartAsync();
        var folder = Directory.CreateDirectory(Path.Combine(sidecar.Home, "sync")).FullName;
        await InitializeWithSyncPaths(sidecar, folder, hasContent: false);

        var file = Fixture.CopyTo(folder, "merge-a.yaml");
        var added = await sidecar.NextNotificationAsync<CatalogChangedParams>(Methods.CatalogChanged);
        File.Delete(file);
        var removed = await sidecar.NextNotificationAsync<CatalogChangedParams>(Methods.CatalogChanged);

        Assert.Equal(["both", "dev"], added.Added.Select(e => e.ContextName).Order());
        Assert.Equal(added.Added.Select(e => e.Id).Order(), removed.Removed.Order());
    }

    [Fact]
    public async Task AtomicReplaceByAnEditor_ReportsUpdated()
    {
        await using var sidecar = await InMemorySidecar.StartAsync();
        var folder = Directory.CreateDirectory(Path.Combine(sidecar.Home, "sync")).FullName;
        var file = Fixture.CopyTo(folder, "valid-token.yaml", "config.yaml");
        await InitializeWithSyncPaths(sidecar, file);

        var temp = Path.Combine(folder, ".config.yaml.tmp123");
        await File.WriteAllTextAsync(temp, (await File.ReadAllTextAsync(file)).Replace("payments", "atomic", StringComparison.Ordinal));
        File.Move(temp, file, overwrite: true);
        var change = await sidecar.NextNotificationAsync<CatalogChangedParams>(Methods.CatalogChanged);

        Assert.Equal("atomic", Assert.Single(change.Updated).Namespace);
    }

    [Fact]
    public async Task RewritingAFileWithTheSameContent_ProducesNoEvent()
    {
        await using var sidecar = await InMemorySidecar.StartAsync();
        var folder = Directory.CreateDirectory(Path.Combine(sidecar.Home, "sync")).FullName;
        var same = Fixture.CopyTo(folder, "valid-token.yaml");
        var other = Fixture.CopyTo(folder, "merge-a.yaml");
        await InitializeWithSyncPaths(sidecar, folder);

        await File.WriteAllTextAsync(same, await File.ReadAllTextAsync(same)); // same bytes, new mtime
        File.SetLastWriteTimeUtc(same, DateTime.UtcNow.AddMinutes(1));
        await File.WriteAllTextAsync(other, (await File.ReadAllTextAsync(other)).Replace("current-context: dev", "current-context: both", StringComparison.Ordinal) + "\n# edited\n");
        File.Delete(other);
        var next = await sidecar.NextNotificationAsync<CatalogChangedParams>(Methods.CatalogChanged);

        // The first event after the no-op rewrite is the deletion of the other file: the rewrite produced nothing.
        Assert.Empty(next.Added);
        Assert.Empty(next.Updated);
        Assert.Equal(2, next.Removed.Count);
    }

    [Fact]
    public async Task SymlinkedSyncPath_FollowsEditsOfTheTarget()
    {
        await using var sidecar = await InMemorySidecar.StartAsync();
        var real = Fixture.CopyTo(Directory.CreateDirectory(Path.Combine(sidecar.Home, "real")).FullName, "valid-token.yaml");
        var link = Path.Combine(Directory.CreateDirectory(Path.Combine(sidecar.Home, "links")).FullName, "config");
        File.CreateSymbolicLink(link, real);
        await InitializeWithSyncPaths(sidecar, link);

        await File.WriteAllTextAsync(real, (await File.ReadAllTextAsync(real)).Replace("payments", "via-link", StringComparison.Ordinal));
        var change = await sidecar.NextNotificationAsync<CatalogChangedParams>(Methods.CatalogChanged);

        Assert.Equal("via-link", Assert.Single(change.Updated).Namespace);
    }

    [Fact]
    public async Task InitializeSettings_CarrySyncPaths()
    {
        await using var sidecar = await InMemorySidecar.StartAsync();
        var folder = Directory.CreateDirectory(Path.Combine(sidecar.Home, "sync")).FullName;
        Fixture.CopyTo(folder, "merge-b.yaml");

        await sidecar.Client.InvokeWithParameterObjectAsync<object>(Methods.Initialize, new { clientName = "t", clientVersion = "1", protocolVersion = ProtocolInfo.Version, settings = new { kubeconfigSyncPaths = new[] { folder } } });
        var change = await sidecar.NextNotificationAsync<CatalogChangedParams>(Methods.CatalogChanged);

        Assert.Equal(3, change.Added.Count);
        Assert.All(change.Added, e => Assert.Equal(folder, e.SourceGroup));
    }

    [Fact]
    public async Task RelativeSyncPath_IsRejectedWithAnInvalidSettingsError()
    {
        await using var sidecar = await InMemorySidecar.StartAsync();
        await sidecar.InitializeAsync();

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => sidecar.Client.InvokeWithParameterObjectAsync<CatalogListResult>(
            Methods.KubeconfigSetSyncPaths, new SetSyncPathsParams { Paths = ["relative/kube"] }));

        Assert.Equal(ErrorCodes.InvalidSettings, error.ErrorCode);
        Assert.Contains("relative/kube", error.Message);
    }

    private static async Task InitializeWithSyncPaths(InMemorySidecar sidecar, string path, bool hasContent = true)
    {
        await sidecar.InitializeAsync();
        await sidecar.Client.InvokeWithParameterObjectAsync<CatalogListResult>(Methods.KubeconfigSetSyncPaths, new SetSyncPathsParams { Paths = [path] });
        // Drain the event the initial read of the new path caused, so each test sees only its own change.
        if (hasContent)
        {
            await sidecar.NextNotificationAsync<CatalogChangedParams>(Methods.CatalogChanged).ConfigureAwait(false);
        }
    }

    private static Task<CatalogListResult> Refresh(InMemorySidecar sidecar) =>
        sidecar.Client.InvokeAsync<CatalogListResult>(Methods.CatalogRefresh);
}
