using System.Text;
using System.Text.Json.Nodes;

namespace Kubelink.Sidecar.Simulated.Rancher;

/// <summary>A Rancher import YAML the agent cannot use; the message says what is wrong with it.</summary>
internal sealed class ImportManifestException(string message) : Exception(message);

/// <summary>One object to create on the main cluster: the collection it goes to and the scoped object.</summary>
internal sealed record ImportObject(string CollectionPath, string Kind, JsonObject Body);

/// <summary>
/// Rancher's import YAML, scoped to one tenant of the main cluster (decision 51): Namespace objects are dropped and every
/// namespaced object goes into the tenant namespace <c>cluster-&lt;name&gt;</c>; cluster-scoped objects are renamed
/// <c>&lt;name&gt;-&lt;original&gt;</c> (and bindings' references to them follow); everything is labelled
/// <c>cluster-id=&lt;name&gt;</c> so deletion finds the cluster-scoped ones. Workloads are kept at zero replicas: the
/// cluster agent runs inside Kubelink, and a real main cluster must not start a second one. Kinds the agent does not know
/// are skipped (and named), so an extra object in a newer Rancher's YAML does not stop an import.
/// </summary>
internal sealed class ImportManifest
{
    private static readonly Dictionary<string, (string Prefix, string Plural, bool Namespaced)> Kinds = new(StringComparer.Ordinal)
    {
        ["v1/ServiceAccount"] = ("api/v1", "serviceaccounts", true),
        ["v1/Secret"] = ("api/v1", "secrets", true),
        ["v1/Service"] = ("api/v1", "services", true),
        ["v1/ConfigMap"] = ("api/v1", "configmaps", true),
        ["apps/v1/Deployment"] = ("apis/apps/v1", "deployments", true),
        ["apps/v1/DaemonSet"] = ("apis/apps/v1", "daemonsets", true),
        ["rbac.authorization.k8s.io/v1/Role"] = ("apis/rbac.authorization.k8s.io/v1", "roles", true),
        ["rbac.authorization.k8s.io/v1/RoleBinding"] = ("apis/rbac.authorization.k8s.io/v1", "rolebindings", true),
        ["rbac.authorization.k8s.io/v1/ClusterRole"] = ("apis/rbac.authorization.k8s.io/v1", "clusterroles", false),
        ["rbac.authorization.k8s.io/v1/ClusterRoleBinding"] = ("apis/rbac.authorization.k8s.io/v1", "clusterrolebindings", false),
    };

    /// <summary>The cluster-scoped collections scoped objects can land in (what deletion cleans by label).</summary>
    public static IReadOnlyList<string> ClusterScopedCollections { get; } =
        Kinds.Values.Where(k => !k.Namespaced).Select(k => $"{k.Prefix}/{k.Plural}").ToList();

    private ImportManifest(List<ImportObject> objects, List<string> skipped, string credentialsSecret)
    {
        Objects = objects;
        Skipped = skipped;
        CredentialsSecret = credentialsSecret;
    }

    public IReadOnlyList<ImportObject> Objects { get; }

    /// <summary>Kinds skipped as unknown, as <c>Kind/name</c>.</summary>
    public IReadOnlyList<string> Skipped { get; }

    /// <summary>The name of the <c>cattle-credentials-*</c> Secret (in the tenant namespace) that holds the agent's token.</summary>
    public string CredentialsSecret { get; }

    public static ImportManifest Parse(string yaml, string cluster)
    {
        List<JsonObject> documents;
        try
        {
            documents = YamlDocuments.Parse(yaml);
        }
        catch (FormatException e)
        {
            throw new ImportManifestException($"Rancher's import YAML does not parse ({e.Message}); is --rancher-url a Rancher server of version 2.6 or later?");
        }
        var tenant = ClusterName.Namespace(cluster);
        var clusterRoles = documents.Where(d => d["kind"]?.ToString() == "ClusterRole").Select(d => d["metadata"]?["name"]?.ToString()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var objects = new List<ImportObject>();
        var skipped = new List<string>();
        foreach (var document in documents)
        {
            var kind = document["kind"]?.ToString();
            var name = document["metadata"]?["name"]?.ToString();
            if (kind is null || name is null || document["metadata"] is not JsonObject metadata)
            {
                throw new ImportManifestException("Rancher's import YAML has an object without kind or metadata.name; the agent only applies whole Kubernetes objects");
            }
            if (kind == "Namespace")
            {
                continue; // the tenant namespace stands in for every namespace the YAML names
            }
            if (!Kinds.TryGetValue($"{document["apiVersion"]}/{kind}", out var type))
            {
                skipped.Add($"{kind}/{name}");
                continue;
            }
            var labels = metadata["labels"] as JsonObject ?? [];
            labels[TenantObjects.ClusterLabel] = cluster;
            labels["logical-cluster"] = cluster;
            metadata["labels"] = labels;
            string collection;
            if (type.Namespaced)
            {
                metadata["namespace"] = tenant;
                collection = $"{type.Prefix}/namespaces/{tenant}/{type.Plural}";
            }
            else
            {
                metadata["name"] = $"{cluster}-{name}";
                collection = $"{type.Prefix}/{type.Plural}";
            }
            ScopeReferences(document, kind, cluster, tenant, clusterRoles);
            objects.Add(new ImportObject(collection, kind, document));
        }
        var secret = objects.FirstOrDefault(o => o.Kind == "Secret" && o.Body["metadata"]!["name"]!.ToString().StartsWith("cattle-credentials-", StringComparison.Ordinal))
            ?? throw new ImportManifestException("Rancher's import YAML has no cattle-credentials-* Secret, so there is no token to connect with");
        return new ImportManifest(objects, skipped, secret.Body["metadata"]!["name"]!.ToString());
    }

    /// <summary>Reads the agent token out of the credentials Secret as the main cluster returned it (base64 <c>data.token</c>).</summary>
    public static string CredentialsToken(JsonObject secret)
    {
        var encoded = secret["data"]?["token"]?.ToString() ?? throw new ImportManifestException($"Secret {secret["metadata"]?["name"]} has no data.token");
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            throw new ImportManifestException($"Secret {secret["metadata"]?["name"]} has a data.token that is not base64");
        }
    }

    private static void ScopeReferences(JsonObject document, string kind, string cluster, string tenant, HashSet<string> clusterRoles)
    {
        if (kind is "ClusterRoleBinding" or "RoleBinding")
        {
            if (document["roleRef"] is JsonObject roleRef && roleRef["kind"]?.ToString() == "ClusterRole" && roleRef["name"]?.ToString() is { } role && clusterRoles.Contains(role))
            {
                roleRef["name"] = $"{cluster}-{role}";
            }
            foreach (var subject in (document["subjects"] as JsonArray ?? []).OfType<JsonObject>().Where(s => s["namespace"] is not null))
            {
                subject["namespace"] = tenant;
            }
        }
        else if (kind == "Deployment" && document["spec"] is JsonObject deployment)
        {
            deployment["replicas"] = 0;
        }
        else if (kind == "DaemonSet" && document["spec"]?["template"]?["spec"] is JsonObject pod)
        {
            pod["nodeSelector"] = new JsonObject { ["kubelink.dev/in-process-agent"] = "no-node-has-this" };
        }
    }
}
