namespace Kubelink.Sidecar.Kubeconfig;

/// <summary>
/// Where kubeconfigs come from. <see cref="MergedFiles"/> behave like kubectl's KUBECONFIG list (merged, first definition
/// of a name wins); each <see cref="SyncPaths"/> entry is a file or a folder whose files stand alone, like Lens's sync.
/// </summary>
internal sealed record KubeconfigSources(IReadOnlyList<string> MergedFiles, IReadOnlyList<string> SyncPaths)
{
    public static KubeconfigSources Resolve(KubeconfigEnvironment env, IEnumerable<string> syncPaths)
    {
        IReadOnlyList<string> merged = string.IsNullOrEmpty(env.KubeconfigVariable)
            ? [Path.Combine(env.Home, ".kube", "config")]
            : env.KubeconfigVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(env.Expand)
                .Distinct(StringComparer.Ordinal)
                .ToList();
        var sync = syncPaths
            .Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(env.Expand)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new KubeconfigSources(merged, sync);
    }
}
