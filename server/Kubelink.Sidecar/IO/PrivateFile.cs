using System.Text;

namespace Kubelink.Sidecar.IO;

/// <summary>
/// How the sidecar writes its own files (proxy kubeconfigs, the discovery cache, the chosen namespace): mode 0600 from
/// birth, since a proxy token opens the cluster and cached lists describe it (issue 11 item 12); and atomically, so a
/// <c>kill -9</c> at any moment leaves the old file or the new one, never half of one. The temp name is unique, so two
/// writers of the same file never share a temp file.
/// </summary>
internal static class PrivateFile
{
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Write(string path, string text) => Write(path, Encoding.UTF8.GetBytes(text));

    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = Mode;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(bytes);
                // On disk before the rename: after a power cut the name points at complete contents, not at an empty file.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
