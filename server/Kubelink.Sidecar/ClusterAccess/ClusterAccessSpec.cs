using System.Text.Json.Nodes;

namespace Kubelink.Sidecar.ClusterAccess;

/// <summary>A reference to a key of a Secret or ConfigMap; namespace <c>default</c> when not given, as the original.</summary>
internal sealed record KeyRef(string Name, string Namespace, string? Key)
{
    public static KeyRef? From(JsonNode? node) => node is JsonObject obj && obj["name"]?.ToString() is { Length: > 0 } name
        ? new KeyRef(name, obj["namespace"]?.ToString() is { Length: > 0 } ns ? ns : "default", obj["key"]?.ToString())
        : null;
}

/// <summary>The spec of a ClusterAccess (<c>gateway.platform-mesh.io/v1alpha1</c>), as deploy/crd-clusteraccess.yaml declares it.</summary>
internal sealed record ClusterAccessSpec(string Name, string Path, string Host, KeyRef? CaSecret, KeyRef? CaConfigMap, JsonObject? Auth, long Generation)
{
    public const string Group = "gateway.platform-mesh.io";
    public const string Version = "v1alpha1";
    public const string Collection = "/apis/gateway.platform-mesh.io/v1alpha1/clusteraccesses";
    public const string Finalizer = "gateway.platform-mesh.io/clusteraccess-finalizer";

    public static ClusterAccessSpec Parse(JsonObject obj)
    {
        var name = obj["metadata"]?["name"]?.ToString() ?? "";
        var spec = obj["spec"] as JsonObject ?? throw new ClusterAccessProblem("InvalidSpec", "spec is missing.");
        var path = spec["path"]?.ToString() is { Length: > 0 } p ? p : name;
        if (path.Contains('/', StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal) || path is "." or ".." || path.StartsWith('.'))
        {
            throw new ClusterAccessProblem("InvalidSpec", $"spec.path '{path}' must be a plain file name (no slashes, not starting with a dot): it names the schema file and the URL path.");
        }
        var host = spec["host"]?.ToString();
        if (string.IsNullOrEmpty(host) || !Uri.TryCreate(host, UriKind.Absolute, out _))
        {
            throw new ClusterAccessProblem("InvalidSpec", $"spec.host '{host}' is not an absolute URL such as https://api.example:6443.");
        }
        return new ClusterAccessSpec(name, path, host, KeyRef.From(spec["ca"]?["secretRef"]), KeyRef.From(spec["ca"]?["configMapRef"]),
            spec["auth"] as JsonObject, obj["metadata"]?["generation"]?.GetValue<long>() ?? 0);
    }
}
