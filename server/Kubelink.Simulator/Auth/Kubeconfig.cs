using System.Text;
using Kubelink.Simulator.Storage;

namespace Kubelink.Simulator.Auth;

/// <summary>Writes kubeconfig files (YAML) with the CA embedded, readable by kubectl and KubernetesClient.</summary>
internal static class Kubeconfig
{
    public static string Render(Uri server, string caPem, Credential credential, string contextName, string? defaultNamespace)
    {
        const string cluster = "kubelink-simulator";
        var yaml = new StringBuilder();
        yaml.Append("apiVersion: v1\nkind: Config\nclusters:\n");
        yaml.Append($"- name: {Quote(cluster)}\n  cluster:\n    server: {Quote(server.ToString().TrimEnd('/'))}\n");
        yaml.Append($"    certificate-authority-data: {Base64(caPem)}\n");
        yaml.Append($"contexts:\n- name: {Quote(contextName)}\n  context:\n    cluster: {Quote(cluster)}\n    user: {Quote(credential.User)}\n");
        if (!string.IsNullOrEmpty(defaultNamespace))
        {
            yaml.Append($"    namespace: {Quote(defaultNamespace)}\n");
        }
        yaml.Append($"current-context: {Quote(contextName)}\n");
        yaml.Append($"users:\n- name: {Quote(credential.User)}\n  user:\n");
        if (credential.Token is not null)
        {
            yaml.Append($"    token: {Quote(credential.Token)}\n");
        }
        else
        {
            yaml.Append($"    client-certificate-data: {Base64(credential.CertificatePem!)}\n");
            yaml.Append($"    client-key-data: {Base64(credential.KeyPem!)}\n");
        }
        yaml.Append("preferences: {}\n");
        return yaml.ToString();
    }

    /// <summary>Writes atomically with mode 0600: the file holds credentials.</summary>
    public static void Write(string path, string content)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = PrivateFile.CreateNew();
        using (var stream = new FileStream(temp, options))
        {
            stream.Write(Encoding.UTF8.GetBytes(content));
        }
        File.Move(temp, full, overwrite: true);
    }

    private static string Base64(string pem) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
