namespace Kubelink.Sidecar.Kubeconfig;

/// <summary>Finds an exec plugin's command the way kubectl does: a path with a separator is taken as is, anything else is searched on PATH.</summary>
internal sealed class ExecutableLocator(string? pathVariable)
{
    private readonly Dictionary<string, string?> _cache = new(StringComparer.Ordinal);

    public string? PathVariable { get; } = pathVariable;

    /// <summary>The full path of the command, or null when it cannot be found.</summary>
    public string? Find(string command, string kubeconfigDirectory)
    {
        if (command.Contains('/') || command.Contains(Path.DirectorySeparatorChar))
        {
            // kubectl resolves a relative command path against the kubeconfig's folder.
            var full = Path.IsPathRooted(command) ? command : Path.GetFullPath(Path.Combine(kubeconfigDirectory, command));
            return IsExecutable(full) ? full : null;
        }

        if (_cache.TryGetValue(command, out var cached))
        {
            return cached;
        }

        var found = (PathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => Candidates(dir, command))
            .FirstOrDefault(IsExecutable);
        _cache[command] = found;
        return found;
    }

    private static IEnumerable<string> Candidates(string dir, string command)
    {
        yield return Path.Combine(dir, command);
        if (OperatingSystem.IsWindows())
        {
            foreach (var ext in new[] { ".exe", ".cmd", ".bat" })
            {
                yield return Path.Combine(dir, command + ext);
            }
        }
    }

    private static bool IsExecutable(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        return OperatingSystem.IsWindows()
            || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }
}
