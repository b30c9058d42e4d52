using Kubelink.Protocol.Catalog;
using Kubelink.Sidecar.IO;

namespace Kubelink.Sidecar.Kubeconfig;

/// <summary>
/// Decides whether a context can be connected to and, when not, says exactly why and where. The anchors log this at debug
/// level or not at all; here it is the text the user reads in the tree, so every message names the cause and a next step.
/// </summary>
internal sealed class ContextValidator(ExecutableLocator executables)
{
    private static readonly HashSet<string> KnownAuthProviders = ["oidc"];

    public CatalogError? Validate(Named<ContextConfig> context, Named<ClusterConfig>? cluster, Named<UserConfig>? user)
    {
        var c = context.Value;
        if (string.IsNullOrEmpty(c.Cluster))
        {
            return Error(KubeconfigProblem.MissingCluster, $"Context '{context.Name}' names no cluster. Add 'cluster: <name>' to the context.", context);
        }

        if (cluster is null)
        {
            return Error(KubeconfigProblem.MissingCluster, $"Context '{context.Name}' names cluster '{c.Cluster}', which no kubeconfig file defines. Add the cluster or fix the name.", context);
        }

        if (!string.IsNullOrEmpty(c.User) && user is null)
        {
            return Error(KubeconfigProblem.MissingUser, $"Context '{context.Name}' names user '{c.User}', which no kubeconfig file defines. Add the user or fix the name.", context);
        }

        return ValidateCluster(cluster) ?? (user is null ? null : ValidateUser(user));
    }

    private static CatalogError? ValidateCluster(Named<ClusterConfig> cluster)
    {
        var c = cluster.Value;
        if (string.IsNullOrWhiteSpace(c.Server))
        {
            return Error(KubeconfigProblem.MissingServer, $"Cluster '{cluster.Name}' has no 'server'. Add the API server URL, e.g. https://host:6443.", cluster);
        }

        if (!Uri.TryCreate(c.Server, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Host.Length == 0)
        {
            return Error(KubeconfigProblem.InvalidServerUrl, $"Cluster '{cluster.Name}' has server '{ServerUrls.Redact(c.Server)}', which is not an http(s) URL. Use the form https://host:port.", cluster);
        }

        if (uri.UserInfo.Length > 0)
        {
            return Error(KubeconfigProblem.InvalidServerUrl,
                $"Cluster '{cluster.Name}' has a user name or password in its server URL ({ServerUrls.Redact(c.Server)}). Kubelink does not send credentials from a URL, and would show them wherever the server is shown: " +
                "remove them from the URL and give the user a token, a client certificate or username and password instead.", cluster);
        }

        return CheckFile(c.CertificateAuthority, "certificate-authority", cluster)
            ?? CheckData(c.CertificateAuthorityData, "certificate-authority-data", cluster, expectPem: true);
    }

    private CatalogError? ValidateUser(Named<UserConfig> user)
    {
        var u = user.Value;
        var fileProblem = CheckFile(u.ClientCertificate, "client-certificate", user)
            ?? CheckFile(u.ClientKey, "client-key", user)
            ?? CheckFile(u.TokenFile, "tokenFile", user)
            ?? CheckData(u.ClientCertificateData, "client-certificate-data", user, expectPem: true)
            ?? CheckData(u.ClientKeyData, "client-key-data", user, expectPem: true);
        if (fileProblem is not null)
        {
            return fileProblem;
        }

        if (u.AuthProvider is { } provider && !KnownAuthProviders.Contains(provider.Name ?? ""))
        {
            var hint = provider.Name switch
            {
                "gcp" => "Install gke-gcloud-auth-plugin and run 'gcloud container clusters get-credentials' again to switch this user to the exec plugin.",
                "azure" => "Run 'kubelogin convert-kubeconfig' to switch this user to the kubelogin exec plugin.",
                _ => "Use an exec credential plugin instead.",
            };
            return Error(KubeconfigProblem.UnknownAuthProvider, $"User '{user.Name}' uses auth provider '{provider.Name}', which kubectl and Kubelink no longer run. {hint}", user);
        }

        if (u.Exec is { } exec)
        {
            if (string.IsNullOrWhiteSpace(exec.Command))
            {
                return Error(KubeconfigProblem.ExecCommandNotFound, $"User '{user.Name}' has an exec plugin without a 'command'. Add the plugin's command.", user);
            }

            var directory = Path.GetDirectoryName(user.File) ?? "/";
            // aws eks get-token is made in-process (Eks/AwsEksExec), so a missing aws binary is no problem for it.
            if (executables.Find(exec.Command, directory) is null && Eks.AwsEksExec.TryRecognize(exec) is null)
            {
                return Error(KubeconfigProblem.ExecCommandNotFound,
                    $"User '{user.Name}' needs the exec plugin '{exec.Command}', which is not on PATH ({executables.PathVariable}). " +
                    "Install it, or put its full path in users[].user.exec.command. VS Code may have been started with a different PATH than your shell.", user);
            }
        }

        return null;
    }

    private static CatalogError? CheckFile<T>(string? path, string field, Named<T> entry)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        var full = Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(entry.File) ?? "/", path));
        try
        {
            // Never opens a pipe or device (it could block the scan), and never reads: activation reads it, capped.
            BoundedFile.Check(full, InputLimits.CredentialFileMaxBytes, field);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var why = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "does not exist",
                UnauthorizedAccessException => "is not readable (permission denied)",
                FileRefusedException { Reason: FileRefusal.NotRegular } refused => $"is {FileKinds.Describe(refused.Kind)}, not a regular file; credentials are read only from regular files, because a pipe or device can block or never end",
                FileRefusedException => $"is larger than {BoundedFile.Size(InputLimits.CredentialFileMaxBytes)}, far more than any {field}",
                _ => $"cannot be read ({e.Message})",
            };
            return Error(KubeconfigProblem.UnreadableCredentialFile, $"'{entry.Name}' refers to {field} '{full}', which {why}. Fix the path or restore the file.", entry);
        }
    }

    private static CatalogError? CheckData<T>(string? data, string field, Named<T> entry, bool expectPem)
    {
        if (string.IsNullOrEmpty(data))
        {
            return null;
        }

        var buffer = new byte[data.Length];
        if (!Convert.TryFromBase64String(data.Trim(), buffer, out var length))
        {
            return Error(KubeconfigProblem.InvalidBase64, $"'{entry.Name}' has {field} that is not valid base64. Paste the value again, without line breaks or quotes.", entry);
        }

        if (expectPem && !System.Text.Encoding.ASCII.GetString(buffer, 0, length).Contains("-----BEGIN", StringComparison.Ordinal))
        {
            return Error(KubeconfigProblem.InvalidBase64, $"'{entry.Name}' has {field} that decodes to something other than PEM. It must be the base64 of a PEM file.", entry);
        }

        return null;
    }

    private static CatalogError Error<T>(KubeconfigProblem code, string message, Named<T> at) =>
        new() { Code = code, Message = message, File = at.File, Line = at.Line };
}
