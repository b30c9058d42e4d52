using System.Security.Cryptography;
using System.Text;
using Kubelink.Protocol.Catalog;
using Kubelink.Sidecar.IO;

namespace Kubelink.Sidecar.Kubeconfig;

/// <summary>A file as read: its content hash and parse result, or the reason it could not be read. Null content = absent.</summary>
internal sealed record FileRead(string Path, string? Hash, ParseResult? Parsed, KubeconfigProblem? Problem, string? Message)
{
    public bool Exists => Hash is not null || Problem is not null;
}

/// <summary>
/// Reads one kubeconfig defensively: bounded size, text only, never throws. Big, binary, vanished or forbidden files
/// become a <see cref="FileRead"/> with a problem, so the sidecar stays up and its memory stays bounded.
/// </summary>
internal static class FileReader
{
    /// <summary>Real kubeconfigs with embedded certificates stay far below this; anything larger is not read into memory.</summary>
    public const int MaxBytes = InputLimits.KubeconfigMaxBytes;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="path">The file.</param>
    /// <param name="previous">The last read of the same file; reused when the content is unchanged (no re-parse).</param>
    public static FileRead Read(string path, FileRead? previous)
    {
        byte[] bytes;
        try
        {
            if (Directory.Exists(path))
            {
                // Only KUBECONFIG brings a folder here (a sync folder is listed, not read). kubectl fails on one; saying
                // nothing would leave the user wondering where their clusters went.
                return Problem(path, KubeconfigProblem.UnreadableFile,
                    "This is a folder, not a kubeconfig file; KUBECONFIG lists files, as kubectl reads it. Name the files in KUBECONFIG, or add the folder as a sync path (Kubelink: Add Kubeconfig File or Folder) to read every file in it.");
            }

            if (!File.Exists(path))
            {
                return new FileRead(path, null, null, null, null);
            }

            // Capped by bytes read, not by the reported length: /proc files and devices report 0 (decision 10).
            bytes = BoundedFile.ReadAllBytes(path, MaxBytes, "The kubeconfig");
        }
        catch (FileRefusedException e) when (e.Reason == FileRefusal.TooLarge)
        {
            return Problem(path, KubeconfigProblem.FileTooLarge, $"The file holds more than {BoundedFile.Size(MaxBytes)}; kubeconfig files that large are not read. Point KUBECONFIG or the sync path at the real kubeconfig.");
        }
        catch (FileRefusedException e)
        {
            return Problem(path, KubeconfigProblem.UnreadableFile,
                $"The file is {FileKinds.Describe(e.Kind)}, not a regular file. Kubelink reads kubeconfigs again after every change and every 30 s, which a pipe or device cannot serve, and opening one can wait forever. " +
                "Write the kubeconfig to a file (kubectl config view --raw > FILE) and point KUBECONFIG or the sync path at it.");
        }
        catch (FileNotFoundException)
        {
            return new FileRead(path, null, null, null, null); // Deleted between the listing and the read: it is simply gone.
        }
        catch (DirectoryNotFoundException)
        {
            return new FileRead(path, null, null, null, null);
        }
        catch (UnauthorizedAccessException)
        {
            return Problem(path, KubeconfigProblem.UnreadableFile, "The file cannot be read: permission denied. Fix its permissions (chmod 600) or remove it from the sync paths.");
        }
        catch (IOException e)
        {
            return Problem(path, KubeconfigProblem.UnreadableFile, $"The file cannot be read: {e.Message}. Check for a broken or looping symlink.");
        }

        var hash = Convert.ToHexString(SHA256.HashData(bytes));
        if (previous is { Hash: { } oldHash } && oldHash == hash)
        {
            return previous;
        }

        if (bytes.AsSpan().Contains((byte)0))
        {
            return Problem(path, KubeconfigProblem.NotText, "The file is binary, not a YAML kubeconfig. Remove it from the sync paths.") with { Hash = hash };
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Problem(path, KubeconfigProblem.NotText, "The file is not UTF-8 text. Save it as UTF-8.") with { Hash = hash };
        }

        return new FileRead(path, hash, KubeconfigParser.Parse(path, text), null, null);
    }

    private static FileRead Problem(string path, KubeconfigProblem problem, string message) => new(path, null, null, problem, message);
}
