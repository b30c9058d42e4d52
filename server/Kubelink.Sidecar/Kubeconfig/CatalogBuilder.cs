using Kubelink.Protocol.Catalog;
using Kubelink.Sidecar.IO;

namespace Kubelink.Sidecar.Kubeconfig;

/// <summary>
/// Turns what was read into catalog entries. Pure: no I/O but the validator's credential-file checks.
/// KUBECONFIG files merge by kubectl's rules (first definition of a name wins; current-context from the first file that
/// sets it); sync-path files stand alone. A context defined twice appears twice, told apart by its source.
/// </summary>
internal sealed class CatalogBuilder(ContextValidator validator)
{
    private readonly List<CatalogEntry> _entries = [];
    private readonly Dictionary<string, ResolvedContext> _resolved = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public static (List<CatalogEntry> Entries, Dictionary<string, ResolvedContext> Resolved) Build(
        KubeconfigSources sources, IReadOnlyDictionary<string, FileRead> reads, IReadOnlyDictionary<string, FolderListing> folders, ContextValidator validator)
    {
        var builder = new CatalogBuilder(validator);
        builder.AddMerged(sources.MergedFiles.Select(p => reads.GetValueOrDefault(p)).OfType<FileRead>().Where(r => r.Exists).ToList());
        var merged = sources.MergedFiles.ToHashSet(StringComparer.Ordinal);
        foreach (var syncPath in sources.SyncPaths)
        {
            if (folders.TryGetValue(syncPath, out var listing))
            {
                if (listing.Problem is { } problem)
                {
                    builder.AddFileError(syncPath, syncPath, problem, listing.Message!, null);
                }

                foreach (var file in listing.Files.Where(f => !merged.Contains(f)))
                {
                    builder.AddStandalone(reads.GetValueOrDefault(file), syncPath);
                }
            }
            else if (!merged.Contains(syncPath))
            {
                builder.AddStandalone(reads.GetValueOrDefault(syncPath), syncPath);
            }
        }

        return (builder._entries, builder._resolved);
    }

    private void AddMerged(IReadOnlyList<FileRead> files)
    {
        var parsed = files.Select(f => f.Parsed?.File).OfType<KubeconfigFile>().ToList();
        var clusters = FirstWins(parsed.SelectMany(f => f.Clusters));
        var users = FirstWins(parsed.SelectMany(f => f.Users));
        var contexts = FirstWins(parsed.SelectMany(f => f.Contexts));
        var current = parsed.Select(f => f.CurrentContext).FirstOrDefault(c => !string.IsNullOrEmpty(c));

        foreach (var read in files)
        {
            if (!AddIfUnreadable(read, read.Path))
            {
                continue;
            }

            var file = read.Parsed!.File!;
            foreach (var context in file.Contexts)
            {
                var winner = ReferenceEquals(contexts[context.Name], context);
                // The winning context resolves names in the merged maps, as kubectl does; a shadowed one (which kubectl
                // cannot reach) resolves in its own file first, which is what its author meant.
                var cluster = winner ? Lookup(clusters, context.Value.Cluster) : Own(file.Clusters, context.Value.Cluster) ?? Lookup(clusters, context.Value.Cluster);
                var user = winner ? Lookup(users, context.Value.User) : Own(file.Users, context.Value.User) ?? Lookup(users, context.Value.User);
                AddContext(context, cluster, user, read.Path, winner && context.Name == current);
            }
        }
    }

    private void AddStandalone(FileRead? read, string group)
    {
        if (read is null || !read.Exists || !AddIfUnreadable(read, group))
        {
            return;
        }

        var file = read.Parsed!.File!;
        var clusters = FirstWins(file.Clusters);
        var users = FirstWins(file.Users);
        foreach (var context in file.Contexts)
        {
            AddContext(context, Lookup(clusters, context.Value.Cluster), Lookup(users, context.Value.User), group, isCurrent: false);
        }
    }

    /// <summary>Adds an error entry for a file that cannot be used at all; returns true when the file is usable.</summary>
    private bool AddIfUnreadable(FileRead read, string group)
    {
        if (read.Problem is { } problem)
        {
            AddFileError(read.Path, group, problem, read.Message!, null);
            return false;
        }

        if (read.Parsed is { Problem: { } parseProblem } parsed)
        {
            AddFileError(read.Path, group, parseProblem, parsed.Message!, parsed.Line);
            return false;
        }

        return read.Parsed?.File is not null;
    }

    private void AddFileError(string path, string group, KubeconfigProblem problem, string message, int? line)
    {
        var id = CatalogIds.For(path, "");
        if (!_ids.Add(id))
        {
            return;
        }

        _entries.Add(new CatalogEntry
        {
            Id = id,
            SourceKind = ClusterSourceKind.Kubeconfig,
            Name = Path.GetFileName(path),
            ContextName = "",
            Source = path,
            SourceGroup = group,
            Server = null,
            User = null,
            Namespace = null,
            State = CatalogEntryState.Invalid,
            Error = new CatalogError { Code = problem, Message = message, File = path, Line = line },
            IsCurrentContext = false,
            Line = line,
        });
    }

    private void AddContext(Named<ContextConfig> context, Named<ClusterConfig>? cluster, Named<UserConfig>? user, string group, bool isCurrent)
    {
        var id = CatalogIds.For(context.File, context.Name);
        if (!_ids.Add(id))
        {
            return; // The same name twice in one file: kubectl keeps the first.
        }

        var error = validator.Validate(context, cluster, user);
        _entries.Add(new CatalogEntry
        {
            Id = id,
            SourceKind = ClusterSourceKind.Kubeconfig,
            Name = context.Name,
            ContextName = context.Name,
            Source = context.File,
            SourceGroup = group,
            Server = ServerUrls.Redact(cluster?.Value.Server),
            User = context.Value.User,
            Namespace = context.Value.Namespace,
            State = error is null ? CatalogEntryState.Valid : CatalogEntryState.Invalid,
            Error = error,
            IsCurrentContext = isCurrent,
            Line = context.Line,
        });
        if (error is null)
        {
            _resolved[id] = new ResolvedContext(id, context, cluster!, user);
        }
    }

    private static Dictionary<string, Named<T>> FirstWins<T>(IEnumerable<Named<T>> items)
    {
        var map = new Dictionary<string, Named<T>>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            map.TryAdd(item.Name, item);
        }

        return map;
    }

    private static Named<T>? Lookup<T>(Dictionary<string, Named<T>> map, string? name) =>
        name is not null && map.TryGetValue(name, out var found) ? found : null;

    private static Named<T>? Own<T>(IEnumerable<Named<T>> items, string? name) => items.FirstOrDefault(i => i.Name == name);
}
