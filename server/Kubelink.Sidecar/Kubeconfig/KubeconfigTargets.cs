using Kubelink.Sidecar.Clusters.Upstream;
using Kubelink.Sidecar.IO;

namespace Kubelink.Sidecar.Kubeconfig;

/// <summary>
/// The kubeconfig source's half of the seam: a resolved context becomes a <see cref="ConnectionTarget"/>. Relative
/// paths resolve here (against the file that names them, as kubectl does), so the target is a plain value.
/// </summary>
internal static class KubeconfigTargets
{
    public static ConnectionTarget From(ResolvedContext context)
    {
        var cluster = context.Cluster.Value;
        var clusterFolder = Path.GetDirectoryName(context.Cluster.File) ?? "/";
        var user = context.User?.Value;
        var userFolder = context.User is { } u ? Path.GetDirectoryName(u.File) ?? "/" : clusterFolder;
        return new ConnectionTarget
        {
            // Without user-info: never sent, and this URL reaches the forwarder's log lines (decision 13).
            Server = ServerUrls.WithoutUserInfo(new Uri(cluster.Server!.TrimEnd('/'))),
            ProxyUrl = cluster.ProxyUrl,
            Tls = new TlsOptions
            {
                CertificateAuthority = Pem(cluster.CertificateAuthorityData, cluster.CertificateAuthority, clusterFolder),
                InsecureSkipVerify = cluster.InsecureSkipTlsVerify,
                ServerName = cluster.TlsServerName,
                ClientCertificate = user is not null
                    && Pem(user.ClientCertificateData, user.ClientCertificate, userFolder) is { } certificate
                    && Pem(user.ClientKeyData, user.ClientKey, userFolder) is { } key
                    ? new ClientCertificateSource(certificate, key)
                    : null,
            },
            Credentials = Credentials(user, userFolder, cluster),
        };
    }

    private static CredentialSpec Credentials(UserConfig? user, string folder, ClusterConfig cluster) => user switch
    {
        null => NoCredentials.Instance,
        { Token: { Length: > 0 } token } => new BearerTokenCredentials(token),
        { TokenFile: { Length: > 0 } file } => new TokenFileCredentials(UpstreamTransport.Resolve(file, folder)),
        { Exec: { } exec } => new ExecCredentials(exec, folder, cluster),
        { AuthProvider: { Name: "oidc" } provider } when provider.Config.TryGetValue("id-token", out var idToken) => new BearerTokenCredentials(idToken),
        { Username: { } name, Password: { } password } => new BasicCredentials(name, password),
        _ => NoCredentials.Instance, // client certificate only: authentication happens in TLS
    };

    private static PemSource? Pem(string? data, string? file, string folder) =>
        data is { Length: > 0 } ? PemSource.FromBase64(data)
        : file is { Length: > 0 } ? PemSource.FromFile(UpstreamTransport.Resolve(file, folder))
        : null;
}

/// <summary>
/// An exec credential plugin (<c>client.authentication.k8s.io</c>) by value: command, arguments, environment, API
/// version and, with <c>provideClusterInfo</c>, the cluster it is told about. Lists compare element by element.
/// </summary>
internal sealed record ExecCredentials(ExecConfig Exec, string Folder, ClusterConfig Cluster) : CredentialSpec
{
    public override CredentialSource CreateSource(CredentialContext context)
    {
        // What aws eks update-kubeconfig writes is made in-process (no aws binary, no 0.7 s per token), unless turned off.
        if (context.Services.GetService(typeof(Eks.EksExecSettings)) is Eks.EksExecSettings { Enabled: true } && Eks.AwsEksExec.TryRecognize(Exec) is { } eks)
        {
            return eks.CreateSource(context);
        }
        var environment = (KubeconfigEnvironment?)context.Services.GetService(typeof(KubeconfigEnvironment));
        return new ExecCredentialPlugin(Exec, Folder, Cluster, new ExecutableLocator(environment?.PathVariable), context.Time);
    }

    public bool Equals(ExecCredentials? other) =>
        other is not null
        && Folder == other.Folder
        && Cluster == other.Cluster
        && Exec with { Args = NoArgs, Env = NoEnv } == other.Exec with { Args = NoArgs, Env = NoEnv }
        && Exec.Args.SequenceEqual(other.Exec.Args)
        && Exec.Env.SequenceEqual(other.Exec.Env);

    // One shared instance each: records compare their lists by reference, so the lists are blanked before the record
    // comparison and compared element by element after it.
    private static readonly IReadOnlyList<string> NoArgs = [];
    private static readonly IReadOnlyList<KeyValuePair<string, string>> NoEnv = [];

    public override int GetHashCode() => HashCode.Combine(Folder, Exec.Command, Cluster.Server);
}
