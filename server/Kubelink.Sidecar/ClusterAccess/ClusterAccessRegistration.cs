using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kubelink.Sidecar.GraphQL.Execution;

namespace Kubelink.Sidecar.ClusterAccess;

/// <summary>
/// Registers a target cluster in a management cluster: a Secret with the target's credential (token, client certificate, or
/// the kubeconfig itself for anything else), a Secret with its CA, and the ClusterAccess naming both. Re-running updates
/// them in place. Returns one line per object, as kubectl prints them.
/// </summary>
internal static partial class ClusterAccessRegistration
{
    public const string Namespace = "default";

    public static async Task<IReadOnlyList<string>> RegisterAsync(KubeRest management, RegistrationInput target, string? name, CancellationToken cancellationToken)
    {
        name ??= DnsName(target.DefaultName);
        var done = new List<string>();
        var spec = new JsonObject { ["path"] = name, ["host"] = target.Server };
        if (target.CaPem is { } ca)
        {
            done.Add(await ApplyAsync(management, "/api/v1/namespaces/default/secrets", Secret(name + "-ca", null, new() { ["ca.crt"] = ca }), cancellationToken).ConfigureAwait(false));
            spec["ca"] = new JsonObject { ["secretRef"] = Ref(name + "-ca", "ca.crt") };
        }
        if (target.Token is { Length: > 0 } token)
        {
            done.Add(await ApplyAsync(management, "/api/v1/namespaces/default/secrets", Secret(name + "-token", null, new() { ["token"] = token }), cancellationToken).ConfigureAwait(false));
            spec["auth"] = new JsonObject { ["secretRef"] = Ref(name + "-token", "token") };
        }
        else if (target.CertificatePem is { } cert && target.KeyPem is { } key)
        {
            var pair = new Dictionary<string, string> { ["tls.crt"] = cert, ["tls.key"] = key };
            done.Add(await ApplyAsync(management, "/api/v1/namespaces/default/secrets", Secret(name + "-tls", "kubernetes.io/tls", pair), cancellationToken).ConfigureAwait(false));
            spec["auth"] = new JsonObject { ["clientCertificateRef"] = new JsonObject { ["name"] = name + "-tls", ["namespace"] = Namespace } };
        }
        else
        {
            var text = target.KubeconfigText ?? throw new ClusterAccessProblem("InvalidSpec", "The target has no credential to store.");
            done.Add(await ApplyAsync(management, "/api/v1/namespaces/default/secrets", Secret(name + "-kubeconfig", null, new() { ["kubeconfig"] = text }), cancellationToken).ConfigureAwait(false));
            spec["auth"] = new JsonObject { ["kubeconfigSecretRef"] = new JsonObject { ["name"] = name + "-kubeconfig", ["namespace"] = Namespace } };
        }
        var access = new JsonObject
        {
            ["apiVersion"] = $"{ClusterAccessSpec.Group}/{ClusterAccessSpec.Version}",
            ["kind"] = "ClusterAccess",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = spec,
        };
        done.Add(await ApplyAsync(management, ClusterAccessSpec.Collection, access, cancellationToken).ConfigureAwait(false));
        return done;
    }

    /// <summary>Creates, or on 409 replaces the spec/data of, one object; the kubectl-style line for it.</summary>
    private static async Task<string> ApplyAsync(KubeRest api, string collection, JsonObject obj, CancellationToken cancellationToken)
    {
        var name = obj["metadata"]!["name"]!.ToString();
        var label = obj["kind"]!.ToString() == "Secret" ? $"secret/{name} (namespace {Namespace})" : $"clusteraccess.{ClusterAccessSpec.Group}/{name}";
        try
        {
            await api.SendAsync(HttpMethod.Post, collection, obj, null, cancellationToken).ConfigureAwait(false);
            return label + " created";
        }
        catch (KubeCallError e) when (e.Status == 409)
        {
            var patch = (JsonObject)obj.DeepClone();
            patch.Remove("metadata");
            await api.SendAsync(HttpMethod.Patch, $"{collection}/{name}", patch, "application/merge-patch+json", cancellationToken).ConfigureAwait(false);
            return label + " configured";
        }
    }

    private static JsonObject Secret(string name, string? type, Dictionary<string, string> data) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Namespace },
        ["type"] = type ?? "Opaque",
        ["data"] = new JsonObject(data.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)KubeConnection.Base64(p.Value)))),
    };

    private static JsonObject Ref(string name, string key) => new() { ["name"] = name, ["namespace"] = Namespace, ["key"] = key };

    /// <summary>A DNS-1123 name from a kubeconfig cluster name (which may hold ARNs, colons, capitals).</summary>
    public static string DnsName(string text)
    {
        var name = NotDns().Replace(text.ToLowerInvariant(), "-").Trim('-');
        return name.Length == 0 ? "cluster" : name[..Math.Min(name.Length, 63)].TrimEnd('-');
    }

    [GeneratedRegex("[^a-z0-9-]+")]
    private static partial Regex NotDns();
}
