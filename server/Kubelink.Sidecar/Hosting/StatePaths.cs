namespace Kubelink.Sidecar.Hosting;

/// <summary>Where Kubelink keeps its files: logs, caches, proxy kubeconfigs.</summary>
internal sealed class StatePaths
{
    /// <summary>Tests and side-by-side installs point this at their own folder.</summary>
    public const string OverrideVariable = "KUBELINK_STATE_DIR";

    public StatePaths(string root)
    {
        Root = root;
        Logs = Path.Combine(root, "logs");
    }

    public string Root { get; }

    public string Logs { get; }

    /// <summary>A cluster's files: its proxy kubeconfig and its discovery cache.</summary>
    public string ClusterFile(string clusterId, string name) => Path.Combine(Root, "clusters", clusterId, name);

    public string ProxyKubeconfig(string clusterId) => ClusterFile(clusterId, "proxy.kubeconfig");

    /// <summary><c>$KUBELINK_STATE_DIR</c>, else <c>$XDG_STATE_HOME/kubelink</c>, else <c>~/.kubelink</c>.</summary>
    public static StatePaths FromEnvironment(Func<string, string?> getVariable)
    {
        var root = getVariable(OverrideVariable) is { Length: > 0 } explicitRoot
            ? explicitRoot
            : getVariable("XDG_STATE_HOME") is { Length: > 0 } xdg
                ? Path.Combine(xdg, "kubelink")
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kubelink");
        return new StatePaths(Path.GetFullPath(root));
    }

    /// <summary>Creates the folders, private to the user: they will hold proxy tokens and cached cluster data.</summary>
    public void Ensure()
    {
        foreach (var dir in new[] { Root, Logs })
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(dir);
            }
            else
            {
                Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }
}
