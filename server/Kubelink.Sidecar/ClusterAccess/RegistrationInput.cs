using System.Text;
using Kubelink.Sidecar.Clusters.Upstream;
using Kubelink.Sidecar.Kubeconfig;

namespace Kubelink.Sidecar.ClusterAccess;

/// <summary>
/// What a ClusterAccess registration stores about the target: its server, CA and exactly one credential (a token, a client
/// certificate, or a whole kubeconfig for anything else). Two producers: a kubeconfig context (the <c>clusteraccess create</c>
/// verb) and a catalog target (the editor's <c>graphql/register</c>), so both write the same objects.
/// </summary>
internal sealed record RegistrationInput(string DefaultName, string Server, string? CaPem, string? Token, string? CertificatePem, string? KeyPem, string? KubeconfigText)
{
    public static RegistrationInput FromContext(ResolvedContext target, string kubeconfigText)
    {
        var cluster = target.Cluster.Value;
        var user = target.User?.Value;
        var ca = cluster.CertificateAuthorityData is { } data ? Decode(data)
            : cluster.CertificateAuthority is { } file ? File.ReadAllText(Path.IsPathRooted(file) ? file : Path.Combine(Path.GetDirectoryName(target.Cluster.File) ?? "/", file))
            : null;
        if (user?.Token is { Length: > 0 } token)
        {
            return new(target.Cluster.Name, cluster.Server!, ca, token, null, null, null);
        }
        if (user?.ClientCertificateData is { } certData && user.ClientKeyData is { } keyData)
        {
            return new(target.Cluster.Name, cluster.Server!, ca, null, Decode(certData), Decode(keyData), null);
        }
        // Token files, exec plugins: the kubeconfig goes whole (exec plugins need their binary where the listener runs), with the
        // chosen context made current, since the listener reads the stored file's current context.
        return new(target.Cluster.Name, cluster.Server!, ca, null, null, null, StoredKubeconfig.WithCurrentContext(kubeconfigText, target.Context.Name));
    }

    /// <summary>
    /// From a catalog target. A token file is read now (the ClusterAccess holds a copy, as kubectl's <c>create secret</c>
    /// would); a credential that only works on this machine (an exec plugin, basic auth) cannot be stored and is refused.
    /// </summary>
    public static RegistrationInput FromTarget(string name, ConnectionTarget target)
    {
        var server = target.Server.ToString().TrimEnd('/');
        var ca = target.Tls.CertificateAuthority?.Load();
        if (target.Tls.ClientCertificate is { } pair)
        {
            return new(name, server, ca, null, pair.Certificate.Load(), pair.Key.Load(), null);
        }
        return target.Credentials switch
        {
            BearerTokenCredentials bearer => new(name, server, ca, bearer.Token, null, null, null),
            TokenFileCredentials file => new(name, server, ca, File.ReadAllText(file.AbsolutePath).Trim(), null, null, null),
            _ => throw new ClusterAccessProblem("UnsupportedCredential",
                $"This cluster signs in with {target.Credentials} here, which a listener elsewhere cannot repeat. Register it with kubelink-sidecar clusteraccess create --target-kubeconfig (the kubeconfig is stored, so the listener needs the same plugin)."),
        };
    }

    private static string Decode(string base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64.Trim()));
}
