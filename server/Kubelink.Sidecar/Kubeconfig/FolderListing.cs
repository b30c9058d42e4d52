using Kubelink.Protocol.Catalog;

namespace Kubelink.Sidecar.Kubeconfig;

/// <summary>The files of a sync folder, or why it could not be listed. Null files and no problem = the folder does not exist.</summary>
internal sealed record FolderListing(string Folder, IReadOnlyList<string> Files, KubeconfigProblem? Problem, string? Message)
{
    /// <summary>More than this many files in one folder is a mistake (a home folder added as a sync path); the rest are skipped.</summary>
    public const int MaxFiles = 10_000;

    public static FolderListing? List(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return null;
        }

        try
        {
            var files = Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.None })
                .Where(IsCandidate)
                .Order(StringComparer.Ordinal)
                .Take(MaxFiles + 1)
                .ToList();
            if (files.Count > MaxFiles)
            {
                return new FolderListing(folder, files.Take(MaxFiles).ToList(), null,
                    $"The folder holds more than {MaxFiles} files; only the first {MaxFiles} are read. Point the sync path at a folder of kubeconfigs.");
            }

            return new FolderListing(folder, files, null, null);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return new FolderListing(folder, [], KubeconfigProblem.UnreadableFile,
                $"The folder cannot be listed: {(e is UnauthorizedAccessException ? "permission denied" : e.Message)}. Fix its permissions or remove it from the sync paths.");
        }
    }

    /// <summary>Hidden files and editor leftovers (swap files, backups, atomic-save temporaries) are not kubeconfigs.</summary>
    public static bool IsCandidate(string path)
    {
        var name = Path.GetFileName(path);
        return !name.StartsWith('.') && !name.EndsWith('~') && !name.EndsWith(".swp", StringComparison.Ordinal)
            && !name.EndsWith(".swx", StringComparison.Ordinal) && !name.EndsWith(".tmp", StringComparison.Ordinal);
    }
}
