using Kubelink.Protocol.Catalog;

namespace Kubelink.Sidecar.Kubeconfig;

internal sealed record CatalogScanResult(
    List<CatalogEntry> Entries,
    Dictionary<string, ResolvedContext> Resolved,
    Dictionary<string, FileRead> Reads,
    Dictionary<string, FolderListing> Folders,
    IReadOnlyList<string> WatchedFiles,
    IReadOnlyList<string> WatchedFolders);

/// <summary>
/// One pass over the sources: list sync folders, read the files that may have changed (all of them on a full scan,
/// in parallel), reuse the rest, and build the entries. Unchanged content is detected by hash and never re-parsed.
/// </summary>
internal static class CatalogScan
{
    public static CatalogScanResult Run(
        KubeconfigEnvironment environment,
        IReadOnlyList<string> syncPaths,
        IReadOnlyDictionary<string, FileRead> previousReads,
        IReadOnlyDictionary<string, FolderListing> previousFolders,
        IReadOnlySet<string>? dirty)
    {
        var sources = KubeconfigSources.Resolve(environment, syncPaths);
        var folders = new Dictionary<string, FolderListing>(StringComparer.Ordinal);
        var syncFiles = new List<string>();
        foreach (var path in sources.SyncPaths)
        {
            var relist = dirty is null || dirty.Contains(path) || dirty.Any(d => Path.GetDirectoryName(d) == path) || !previousFolders.ContainsKey(path);
            var listing = relist ? FolderListing.List(path) : previousFolders[path];
            if (listing is not null)
            {
                folders[path] = listing;
            }
            else
            {
                syncFiles.Add(path);
            }
        }

        var files = sources.MergedFiles.Concat(syncFiles).Concat(folders.Values.SelectMany(f => f.Files)).Distinct(StringComparer.Ordinal).ToList();
        var reads = new System.Collections.Concurrent.ConcurrentDictionary<string, FileRead>(StringComparer.Ordinal);
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
        {
            var previous = previousReads.GetValueOrDefault(file);
            reads[file] = dirty is null || previous is null || dirty.Contains(file) ? FileReader.Read(file, previous) : previous;
        });

        var validator = new ContextValidator(new ExecutableLocator(environment.PathVariable));
        var readMap = new Dictionary<string, FileRead>(reads, StringComparer.Ordinal);
        var (entries, resolved) = CatalogBuilder.Build(sources, readMap, folders, validator);
        return new CatalogScanResult(entries, resolved, readMap, folders, sources.MergedFiles.Concat(syncFiles).ToList(), folders.Keys.ToList());
    }
}
