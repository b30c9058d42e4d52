using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Kubeconfig;

/// <summary>
/// Watches the folders that hold kubeconfig sources and reports changed paths. Folders, not files, are watched: editors
/// save by writing a temporary file and renaming it over the original (atomic replace), which a watch on the file itself
/// would lose. A symlinked source is also watched at its target. A folder that does not exist yet is watched through its
/// nearest existing ancestor, and any event there asks for a full rescan.
/// </summary>
internal sealed partial class SourceWatcher(Action<string?> onChange, ILogger logger) : IDisposable
{
    private readonly Dictionary<string, FileSystemWatcher> _watchers = new(StringComparer.Ordinal);
    private volatile Dictionary<string, string> _linkTargets = new(StringComparer.Ordinal); // target → source that links to it

    /// <summary>Replaces the watched set. <paramref name="files"/> are source files; <paramref name="folders"/> are sync folders.</summary>
    public void Watch(IEnumerable<string> files, IEnumerable<string> folders)
    {
        var wanted = new Dictionary<string, bool>(StringComparer.Ordinal); // folder → exists (false: watched as an ancestor)
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            AddFolderOf(file, wanted);
            if (ResolveLink(file) is { } target && target != file)
            {
                links[target] = file;
                AddFolderOf(target, wanted);
            }
        }

        _linkTargets = links;

        foreach (var folder in folders)
        {
            Add(folder, wanted);
            AddFolderOf(folder, wanted); // the folder itself being created, removed or renamed
        }

        foreach (var stale in _watchers.Keys.Except(wanted.Keys).ToList())
        {
            _watchers[stale].Dispose();
            _watchers.Remove(stale);
        }

        foreach (var (folder, exact) in wanted)
        {
            if (!_watchers.ContainsKey(folder))
            {
                Start(folder, exact);
            }
        }
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers.Values)
        {
            watcher.Dispose();
        }

        _watchers.Clear();
    }

    private void Start(string folder, bool exact)
    {
        try
        {
            var watcher = new FileSystemWatcher(folder)
            {
                IncludeSubdirectories = false,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.Attributes,
            };
            FileSystemEventHandler changed = (_, e) => Report(exact ? e.FullPath : null);
            watcher.Changed += changed;
            watcher.Created += changed;
            watcher.Deleted += changed;
            watcher.Renamed += (_, e) =>
            {
                Report(exact ? e.OldFullPath : null);
                Report(exact ? e.FullPath : null);
            };
            watcher.Error += (_, e) =>
            {
                // Overflow or a lost watch: nothing precise can be said, so rescan everything.
                LogWatchError(logger, folder, e.GetException().Message);
                onChange(null);
            };
            watcher.EnableRaisingEvents = true;
            _watchers[folder] = watcher;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            LogCannotWatch(logger, folder, e.Message);
        }
    }

    /// <summary>A change at a symlink's target is a change of the source that links to it.</summary>
    private void Report(string? path) => onChange(path is not null && _linkTargets.TryGetValue(path, out var source) ? source : path);

    private static void AddFolderOf(string path, Dictionary<string, bool> wanted)
    {
        if (Path.GetDirectoryName(path) is { } parent)
        {
            Add(parent, wanted);
        }
    }

    private static void Add(string folder, Dictionary<string, bool> wanted)
    {
        if (Directory.Exists(folder))
        {
            wanted[folder] = true;
            return;
        }

        for (var ancestor = Path.GetDirectoryName(folder); ancestor is not null; ancestor = Path.GetDirectoryName(ancestor))
        {
            if (Directory.Exists(ancestor))
            {
                wanted.TryAdd(ancestor, false);
                return;
            }
        }
    }

    private static string? ResolveLink(string path)
    {
        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName;
        }
        catch (IOException)
        {
            return null; // A loop or a dangling link: the reader reports it.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the watch on {Folder} ({Reason}); rescanning all kubeconfig sources")]
    private static partial void LogWatchError(ILogger logger, string folder, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot watch {Folder} ({Reason}); changes there are picked up by the periodic rescan")]
    private static partial void LogCannotWatch(ILogger logger, string folder, string reason);
}
