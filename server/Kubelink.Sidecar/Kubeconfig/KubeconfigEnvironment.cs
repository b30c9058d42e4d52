namespace Kubelink.Sidecar.Kubeconfig;

/// <summary>
/// What kubeconfig discovery reads from the process environment, injected so tests point it at a temp folder and never
/// touch the real home folder or the real KUBECONFIG.
/// </summary>
internal sealed record KubeconfigEnvironment(string Home, string? KubeconfigVariable, string? PathVariable)
{
    public static KubeconfigEnvironment FromProcess() => new(
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        Environment.GetEnvironmentVariable("KUBECONFIG"),
        Environment.GetEnvironmentVariable("PATH"));

    /// <summary>Expands a leading <c>~</c> and makes the path absolute.</summary>
    public string Expand(string path)
    {
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            path = Home + path[1..];
        }

        return Path.GetFullPath(path);
    }
}
