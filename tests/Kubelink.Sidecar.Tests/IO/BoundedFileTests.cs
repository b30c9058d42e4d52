using Kubelink.Sidecar.IO;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.IO;

/// <summary>The one reader of user-named files: pipes and devices refused before they are opened, every read capped by bytes read.</summary>
public sealed class BoundedFileTests
{
    [Theory]
    [InlineData("/dev/zero", "CharacterDevice")]
    [InlineData("/dev/urandom", "CharacterDevice")]
    [InlineData("/proc/self/status", "Regular")]
    [InlineData("/tmp", "Directory")]
    [InlineData("/no/such/file", "Missing")]
    public void Kinds_AreTold(string path, string expected) => Assert.Equal(expected, FileKinds.Of(path).ToString());

    [Fact]
    public async Task Fifo_IsRefused_WithoutBlocking_AndNamed()
    {
        using var dir = new TempDir();
        var fifo = HostileFiles.Fifo(dir.Combine("pipe"));
        var link = dir.Combine("link-to-pipe");
        File.CreateSymbolicLink(link, fifo); // what KUBECONFIG=<(cmd) gives: /dev/fd/63 links to a pipe

        foreach (var path in new[] { fifo, link })
        {
            var refused = await Wait.For(Task.Run(() => Assert.Throws<FileRefusedException>(() => BoundedFile.ReadAllBytes(path, 1024, "The tokenFile"))), "the refusal");

            Assert.Equal(FileRefusal.NotRegular, refused.Reason);
            Assert.Equal(FileKind.Fifo, refused.Kind);
            Assert.StartsWith($"The tokenFile '{path}' is a named pipe (FIFO), not a regular file", refused.Message);
        }
    }

    [Fact]
    public void CharacterDevice_IsRefused_NotRead()
    {
        var refused = Assert.Throws<FileRefusedException>(() => BoundedFile.ReadAllBytes("/dev/zero", 1024 * 1024, "The certificate-authority"));

        Assert.Equal(FileRefusal.NotRegular, refused.Reason);
        Assert.Contains("'/dev/zero' is a character device", refused.Message);
    }

    [Fact]
    public void FileReportingLengthZero_IsCappedByTheBytesActuallyRead()
    {
        Assert.Equal(0, new FileInfo("/proc/self/maps").Length); // the kernel reports 0 for a file of many KB

        var refused = Assert.Throws<FileRefusedException>(() => BoundedFile.ReadAllBytes("/proc/self/maps", 256, "The kubeconfig"));

        Assert.Equal(FileRefusal.TooLarge, refused.Reason);
        Assert.Contains("holds more than 256 bytes", refused.Message);
        Assert.NotEmpty(BoundedFile.ReadAllBytes("/proc/self/maps", 16 * 1024 * 1024, "The kubeconfig"));
    }

    [Fact]
    public void RegularFile_AtTheCap_IsRead_OneByteMore_IsNot()
    {
        using var dir = new TempDir();
        var file = dir.Combine("f");
        File.WriteAllBytes(file, new byte[4096]);

        Assert.Equal(4096, BoundedFile.ReadAllBytes(file, 4096, "f").Length);
        Assert.Equal(FileRefusal.TooLarge, Assert.Throws<FileRefusedException>(() => BoundedFile.ReadAllBytes(file, 4095, "f")).Reason);
    }
}
