namespace Kubelink.Sidecar.Kubeconfig;

/// <summary>A named entry of a kubeconfig list, with where it was written (1-based line) so errors can point at it.</summary>
internal sealed record Named<T>(string Name, T Value, string File, int Line);

/// <summary>One parsed kubeconfig file. Relative paths inside it resolve against <see cref="Directory"/>, as kubectl does.</summary>
internal sealed record KubeconfigFile(
    string Path,
    IReadOnlyList<Named<ClusterConfig>> Clusters,
    IReadOnlyList<Named<UserConfig>> Users,
    IReadOnlyList<Named<ContextConfig>> Contexts,
    string? CurrentContext)
{
    public string Directory => System.IO.Path.GetDirectoryName(Path) ?? "/";
}

internal sealed record ClusterConfig(
    string? Server,
    string? CertificateAuthority,
    string? CertificateAuthorityData,
    bool InsecureSkipTlsVerify,
    string? TlsServerName,
    string? ProxyUrl);

internal sealed record UserConfig(
    string? Token,
    string? TokenFile,
    string? ClientCertificate,
    string? ClientCertificateData,
    string? ClientKey,
    string? ClientKeyData,
    string? Username,
    string? Password,
    ExecConfig? Exec,
    AuthProviderConfig? AuthProvider);

/// <summary>An exec credential plugin (<c>client.authentication.k8s.io</c>).</summary>
internal sealed record ExecConfig(
    string? Command,
    IReadOnlyList<string> Args,
    IReadOnlyList<KeyValuePair<string, string>> Env,
    string? ApiVersion,
    string? InteractiveMode,
    bool ProvideClusterInfo);

internal sealed record AuthProviderConfig(string? Name, IReadOnlyDictionary<string, string> Config);

internal sealed record ContextConfig(string? Cluster, string? User, string? Namespace);
