using Kubelink.Protocol.Catalog;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Kubeconfig;

/// <summary>KUBECONFIG path lists merge by kubectl's rules; checked against the real kubectl on the same files.</summary>
public sealed class MergeTests
{
    [Fact]
    public void KubeconfigList_FirstDefinitionWins_AndCurrentContextComesFromTheFirstFileThatSetsIt()
    {
        using var dir = new TempDir();
        var a = Fixture.CopyTo(dir.Path, "merge-a.yaml");
        var b = Fixture.CopyTo(dir.Path, "merge-b.yaml");

        var entries = ValidationTests.Scan(dir, [], kubeconfigVariable: $"{a}:{b}");

        // A context in b that names cluster 'shared' gets a's definition, as kubectl would.
        Assert.Equal("https://shared-from-a.example.com", entries.Single(e => e.ContextName == "uses-a-cluster").Server);
        Assert.Equal("dev", Assert.Single(entries, e => e.IsCurrentContext).ContextName);
        // 'both' is defined in both files: both appear, told apart by source, and the shadowed one keeps its own cluster.
        var both = entries.Where(e => e.ContextName == "both").ToList();
        Assert.Equal([a, b], both.Select(e => e.Source));
        Assert.Equal("https://only-b.example.com", both[1].Server);
        Assert.NotEqual(both[0].Id, both[1].Id);
        Assert.All(entries, e => Assert.Equal(CatalogEntryState.Valid, e.State));
    }

    [Fact]
    public async Task KubeconfigList_ContextNamesAndCurrentContext_MatchRealKubectl()
    {
        using var dir = new TempDir();
        var a = Fixture.CopyTo(dir.Path, "merge-a.yaml");
        var b = Fixture.CopyTo(dir.Path, "merge-b.yaml");
        var kubeconfig = $"{a}:{b}";

        var entries = ValidationTests.Scan(dir, [], kubeconfigVariable: kubeconfig);
        var names = await Kubectl.OutputAsync(kubeconfig, "config", "get-contexts", "-o", "name");
        var current = await Kubectl.OutputAsync(kubeconfig, "config", "current-context");

        // kubectl lists each name once (the first definition); we list shadowed duplicates too, after it.
        Assert.Equal(names.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(), entries.Select(e => e.ContextName).Distinct().Order());
        Assert.Equal(current.Trim(), entries.Single(e => e.IsCurrentContext).ContextName);
    }

    [Fact]
    public void SameFileInKubeconfigAndSyncPaths_AppearsOnce()
    {
        using var dir = new TempDir();
        var a = Fixture.CopyTo(dir.Path, "merge-a.yaml");

        var entries = ValidationTests.Scan(dir, [a], kubeconfigVariable: a);

        Assert.Equal(2, entries.Count);
    }

    [Fact]
    public void Ids_AreStableAcrossScans_AndAcrossEditsOfTheContext()
    {
        using var dir = new TempDir();
        var file = Fixture.CopyTo(dir.Path, "valid-token.yaml");
        var before = Assert.Single(ValidationTests.Scan(dir, [file]));

        File.WriteAllText(file, File.ReadAllText(file).Replace("namespace: payments", "namespace: billing", StringComparison.Ordinal));
        var after = Assert.Single(ValidationTests.Scan(dir, [file]));

        Assert.Equal(before.Id, after.Id);
        Assert.Equal("billing", after.Namespace);
    }
}
