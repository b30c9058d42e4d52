namespace Kubelink.Sidecar.IO;

/// <summary>Why a file the user named was not read.</summary>
internal enum FileRefusal
{
    /// <summary>More bytes than the cap were read (whatever size the file reported).</summary>
    TooLarge,

    /// <summary>A pipe, device or socket: never opened, because it can block or never end.</summary>
    NotRegular,
}

/// <summary>A file that was deliberately not read; the message names the file and the reason.</summary>
internal sealed class FileRefusedException(string path, FileRefusal reason, FileKind kind, string message) : IOException(message)
{
    public string Path { get; } = path;

    public FileRefusal Reason { get; } = reason;

    public FileKind Kind { get; } = kind;
}

/// <summary>
/// Reads files that users name (kubeconfigs, token files, CAs, client certificates and keys) so that no such file can
/// block the sidecar or fill its memory: pipes, devices and sockets are refused before they are opened, and the read
/// stops at a cap counted in bytes actually read, since /proc files and devices report a length of 0 (decision 10).
/// </summary>
internal static class BoundedFile
{
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">Reading more than this fails with <see cref="FileRefusal.TooLarge"/>.</param>
    /// <param name="what">What the file is for, for the message ("certificate-authority", "the kubeconfig").</param>
    /// <exception cref="FileRefusedException">A pipe or device, or more than <paramref name="maxBytes"/>.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static byte[] ReadAllBytes(string path, int maxBytes, string what)
    {
        EnsureRegular(path, what);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
        if (SafeLength(stream) > maxBytes)
        {
            throw TooLarge(path, maxBytes, what); // known without reading it
        }

        var buffer = new byte[Math.Clamp(SafeLength(stream) + 1, 1, (long)maxBytes + 1)];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (total > maxBytes)
                {
                    throw TooLarge(path, maxBytes, what);
                }

                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, (long)maxBytes + 1));
            }

            var read = stream.Read(buffer, total, buffer.Length - total);
            if (read == 0)
            {
                return total == buffer.Length ? buffer : buffer[..total];
            }

            total += read;
        }
    }

    public static string ReadAllText(string path, int maxBytes, string what) => System.Text.Encoding.UTF8.GetString(ReadAllBytes(path, maxBytes, what));

    /// <summary>Checks without reading: exists, is a regular file, is not over the cap by its reported size, can be opened.</summary>
    public static void Check(string path, int maxBytes, string what)
    {
        EnsureRegular(path, what);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        if (SafeLength(stream) > maxBytes)
        {
            throw TooLarge(path, maxBytes, what);
        }
    }

    /// <summary>The message fragment for a size: "8 MB", "64 KB", "256 bytes".</summary>
    public static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024 * 1024)} MB" : bytes >= 1024 ? $"{bytes / 1024} KB" : $"{bytes} bytes";

    private static void EnsureRegular(string path, string what)
    {
        var kind = FileKinds.Of(path);
        switch (kind)
        {
            case FileKind.Missing:
                throw new FileNotFoundException($"{what} '{path}' does not exist.", path);
            case FileKind.Regular or FileKind.Unknown:
                return; // Unknown: the open below says what is wrong (permission denied, a symlink loop).
            default:
                throw new FileRefusedException(path, FileRefusal.NotRegular, kind,
                    $"{what} '{path}' is {FileKinds.Describe(kind)}, not a regular file; Kubelink does not read it, because reading it could wait forever or never end.");
        }
    }

    private static long SafeLength(FileStream stream)
    {
        try
        {
            return stream.Length;
        }
        catch (NotSupportedException)
        {
            return 0;
        }
    }

    private static FileRefusedException TooLarge(string path, int maxBytes, string what) =>
        new(path, FileRefusal.TooLarge, FileKind.Regular, $"{what} '{path}' holds more than {Size(maxBytes)}, which is not read.");
}
