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

    /// <summary>
    /// <see cref="Write(string, ReadOnlySpan{byte})"/>, then the folder's entry synced too: for state whose loss after a
    /// power cut would break what was handed out (the simulated clusters' state and CA), not for caches.
    /// </summary>
    public static void WriteDurably(string path, ReadOnlySpan<byte> bytes)
    {
        Write(path, bytes);
        SyncDirectory(Path.GetDirectoryName(path)!);
    }

    /// <summary>Folders holding such files: 0700.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>
    /// A rename is only durable once its folder's entry is on disk; without this a power cut can bring back the old file.
    /// Opening a folder for fsync is not possible on Windows, where the rename is already journaled.
    /// </summary>
    private static void SyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            using var handle = File.OpenHandle(directory, FileMode.Open, FileAccess.Read);
            RandomAccess.FlushToDisk(handle);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Some file systems refuse to open folders: the rename alone still protects against a kill -9.
        }
    }
}
