using Kubelink.Protocol.Catalog;
using Kubelink.Sidecar.Kubeconfig;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Kubeconfig;

/// <summary>Hostile or accidental input in a sync folder: each becomes an error entry or is skipped; good files still load.</summary>
public sealed class BadInputTests
{
    [Fact]
    public void FiftyMegabyteFile_IsAnErrorEntry_NotReadIntoMemory()
    {
        using var dir = new TempDir();
        var big = dir.Combine("sync", "huge");
        Directory.CreateDirectory(dir.Combine("sync"));
        using (var stream = File.Create(big))
        {
            stream.SetLength(50L * 1024 * 1024); // sparse: costs no disk
        }

        Fixture.CopyTo(dir.Combine("sync"), "valid-token.yaml");
        var before = GC.GetAllocatedBytesForCurrentThread();

        var entries = ValidationTests.Scan(dir, [dir.Combine("sync")]);

        Assert.Equal(KubeconfigProblem.FileTooLarge, entries.Single(e => e.Source == big).Error!.Code);
        Assert.Contains(entries, e => e.State == CatalogEntryState.Valid);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 20L * 1024 * 1024, "the big file must not be read");
    }

    [Fact]
    public void BinaryFile_IsAnErrorEntry()
    {
        using var dir = new TempDir();
        var binary = dir.Combine("kubectl.bin");
        File.WriteAllBytes(binary, [0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]);

        var entry = Assert.Single(ValidationTests.Scan(dir, [binary]));

        Assert.Equal(KubeconfigProblem.NotText, entry.Error!.Code);
    }

    [Fact]
    public void SymlinkLoop_IsAnErrorEntry()
    {
        using var dir = new TempDir();
        var a = dir.Combine("loop-a");
        var b = dir.Combine("loop-b");
        File.CreateSymbolicLink(a, b);
        File.CreateSymbolicLink(b, a);

        var entry = Assert.Single(ValidationTests.Scan(dir, [a]));

        Assert.Equal(KubeconfigProblem.UnreadableFile, entry.Error!.Code);
        Assert.Contains("symlink", entry.Error.Message);
    }

    [Fact]
    public void MissingSyncPath_YieldsNothing_AndDoesNotFail()
    {
        using var dir = new TempDir();

        Assert.Empty(ValidationTests.Scan(dir, [dir.Combine("not-there")]));
    }

    [Fact]
    public void EditorLeftovers_InASyncFolder_AreSkipped()
    {
        using var dir = new TempDir();
        var sync = Directory.CreateDirectory(dir.Combine("sync")).FullName;
        Fixture.CopyTo(sync, "valid-token.yaml", ".config.swp");
        Fixture.CopyTo(sync, "valid-token.yaml", "config~");
        Fixture.CopyTo(sync, "valid-token.yaml", "config");

        Assert.Single(ValidationTests.Scan(dir, [sync]));
    }

    [Fact]
    public void ThousandsOfFiles_AllLoad()
    {
        using var dir = new TempDir();
        var sync = Directory.CreateDirectory(dir.Combine("sync")).FullName;
        var template = File.ReadAllText(Fixture.Path("valid-token.yaml"));
        for (var i = 0; i < 1000; i++)
        {
            File.WriteAllText(Path.Combine(sync, $"cluster-{i:D4}.yaml"), template.Replace("prod-alice", $"ctx-{i}", StringComparison.Ordinal));
        }

        var entries = ValidationTests.Scan(dir, [sync]);

        Assert.Equal(1000, entries.Count);
        Assert.Equal(1000, entries.Select(e => e.Id).Distinct().Count());
        Assert.All(entries, e => Assert.Equal(CatalogEntryState.Valid, e.State));
    }

    [Fact]
    public void FileDeletedBetweenListingAndRead_IsSimplyAbsent()
    {
        using var dir = new TempDir();

        var read = FileReader.Read(dir.Combine("vanished"), previous: null);

        Assert.False(read.Exists);
    }
}
