namespace Kubelink.Sidecar.IO;

/// <summary>
/// The bounds on what users and their tools hand the sidecar, in one place (docs/limits.md, decisions 10 and 12). Each is
/// far above what a real kubeconfig, credential or plugin needs, and far below what could stop or fill the sidecar.
/// </summary>
internal static class InputLimits
{
    /// <summary>A kubeconfig file: real ones with embedded certificates for dozens of clusters stay under 1 MB.</summary>
    public const int KubeconfigMaxBytes = 8 * 1024 * 1024;

    /// <summary>A token file, CA, client certificate or key: a bundle of every public root CA is about 220 KB.</summary>
    public const int CredentialFileMaxBytes = 1024 * 1024;

    /// <summary>What an exec plugin may print on stdout: an ExecCredential, even with a certificate and key, is a few KB.</summary>
    public const int PluginStdoutMaxBytes = 1024 * 1024;

    /// <summary>What is kept of a plugin's stderr for the error message (the rest is read and dropped so it cannot block).</summary>
    public const int PluginStderrMaxBytes = 64 * 1024;

    /// <summary>
    /// How long an exec plugin may run: enough for a browser login (kubelogin) or a slow SSO round trip, short enough that a
    /// hung plugin is reported while the user still watches the connect.
    /// </summary>
    public static readonly TimeSpan PluginTimeLimit = TimeSpan.FromSeconds(60);

    /// <summary>Nesting of YAML and JSON collections: System.Text.Json's default, while a kubeconfig nests fewer than 10 levels.</summary>
    public const int MaxNestingDepth = 64;
}
