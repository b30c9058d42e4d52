using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.GraphQL.Gateway;

/// <summary>
/// The served clusters, one per <c>*.json</c> file in the definitions folder, kept in step with the folder: a created, changed
/// or renamed-in file is (re)loaded, a deleted or renamed-away one stops being served. A file that cannot be loaded is
/// reported with its reason and leaves every other cluster serving; the previous good version of that path keeps serving.
/// </summary>
internal sealed partial class DefinitionsFolder : IDisposable
{
    private readonly string _folder;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, ClusterEndpoint> _byPath = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _pathOfFile = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _problems = new(StringComparer.Ordinal);
    private readonly FileSystemWatcher _watcher;
    private readonly Lock _gate = new();

    public DefinitionsFolder(string folder, ILogger logger)
    {
        _folder = Path.GetFullPath(folder);
        _logger = logger;
        Directory.CreateDirectory(_folder);
        _watcher = new FileSystemWatcher(_folder, "*.json") { NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size };
        _watcher.Created += (_, e) => Load(e.FullPath);
        _watcher.Changed += (_, e) => Load(e.FullPath);
        _watcher.Deleted += (_, e) => Unload(e.FullPath);
        _watcher.Renamed += (_, e) =>
        {
            Unload(e.OldFullPath);
            Load(e.FullPath);
        };
        _watcher.EnableRaisingEvents = true;
        foreach (var file in Directory.EnumerateFiles(_folder, "*.json"))
        {
            Load(file);
        }
    }

    /// <summary>Raised after any change to what is served (tests and the status page await it).</summary>
    public event Action? Changed;

    public ClusterEndpoint? Find(string path) => _byPath.GetValueOrDefault(path);

    public IReadOnlyCollection<string> Paths => [.. _byPath.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Files that could not be loaded, with the reason (file name → message).</summary>
    public IReadOnlyDictionary<string, string> Problems => _problems;

    private void Load(string file)
    {
        var name = Path.GetFileName(file);
        if (name.StartsWith('.') || !File.Exists(file))
        {
            return; // a writer's temp file, or gone already (its Deleted event follows)
        }
        ClusterEndpoint endpoint;
        try
        {
            endpoint = ClusterEndpoint.Load(file);
        }
        catch (Exception e)
        {
            // Whatever the reason (bad JSON, a schema the builder refuses, a CA that is no certificate), a file that does
            // not load is a reported problem: this runs on the watcher's thread, where an escaping exception is lost at
            // best and ends the process at worst.
            _problems[name] = e.Message;
            LogBadFile(_logger, name, e.Message);
            Changed?.Invoke();
            return;
        }
        lock (_gate)
        {
            _problems.TryRemove(name, out _);
            // A replaced endpoint is not disposed: queries and subscriptions running on it finish on its connection, which the
            // pool closes once idle. Only the schema is swapped for new requests.
            if (_pathOfFile.TryGetValue(file, out var oldPath) && oldPath != endpoint.Path)
            {
                _byPath.TryRemove(oldPath, out _);
            }
            _pathOfFile[file] = endpoint.Path;
            _byPath[endpoint.Path] = endpoint;
        }
        LogServing(_logger, endpoint.Path, name);
        Changed?.Invoke();
    }

    private void Unload(string file)
    {
        lock (_gate)
        {
            _problems.TryRemove(Path.GetFileName(file), out _);
            if (_pathOfFile.TryRemove(file, out var path) && _byPath.TryRemove(path, out _))
            {
                LogRemoved(_logger, path);
            }
        }
        Changed?.Invoke();
    }

    public void Dispose()
    {
        _watcher.Dispose();
        foreach (var endpoint in _byPath.Values)
        {
            endpoint.Dispose();
        }
    }

    [LoggerMessage(1301, LogLevel.Warning, "Schema file {File} is not served: {Reason}. The other clusters keep serving; fix or remove the file.")]
    private static partial void LogBadFile(ILogger logger, string file, string reason);

    [LoggerMessage(1302, LogLevel.Information, "Serving /{Path}/graphql from {File}")]
    private static partial void LogServing(ILogger logger, string path, string file);

    [LoggerMessage(1303, LogLevel.Information, "Stopped serving /{Path}/graphql: its file is gone")]
    private static partial void LogRemoved(ILogger logger, string path);
}
