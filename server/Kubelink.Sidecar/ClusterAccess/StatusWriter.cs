using System.Text.Json.Nodes;
using Kubelink.Sidecar.GraphQL.Execution;

namespace Kubelink.Sidecar.ClusterAccess;

/// <summary>Writes a ClusterAccess's status (the <c>Ready</c> condition and <c>observedPath</c>) through the status subresource.</summary>
internal static class StatusWriter
{
    public static Task WriteAsync(KubeRest management, ClusterAccessSpec spec, bool ready, string reason, string message, string? observedPath, CancellationToken cancellationToken)
    {
        var condition = new JsonObject
        {
            ["type"] = "Ready",
            ["status"] = ready ? "True" : "False",
            ["reason"] = reason,
            ["message"] = message,
            ["lastTransitionTime"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["observedGeneration"] = spec.Generation,
        };
        var status = new JsonObject { ["conditions"] = new JsonArray(condition) };
        if (observedPath is not null)
        {
            status["observedPath"] = observedPath;
        }
        return management.SendAsync(HttpMethod.Patch, $"{ClusterAccessSpec.Collection}/{Uri.EscapeDataString(spec.Name)}/status",
            new JsonObject { ["status"] = status }, "application/merge-patch+json", cancellationToken);
    }

    /// <summary>Adds or removes the listener's finalizer (a merge patch replaces the list, so the whole new list is sent).</summary>
    public static Task SetFinalizerAsync(KubeRest management, JsonObject obj, bool present, CancellationToken cancellationToken)
    {
        var finalizers = (obj["metadata"]?["finalizers"] as JsonArray ?? []).Select(f => f?.ToString() ?? "").Where(f => f != ClusterAccessSpec.Finalizer).ToList();
        if (present)
        {
            finalizers.Add(ClusterAccessSpec.Finalizer);
        }
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode?)f).ToArray()) } };
        return management.SendAsync(HttpMethod.Patch, $"{ClusterAccessSpec.Collection}/{Uri.EscapeDataString(obj["metadata"]?["name"]?.ToString() ?? "")}",
            patch, "application/merge-patch+json", cancellationToken);
    }

    public static bool HasFinalizer(JsonObject obj) =>
        (obj["metadata"]?["finalizers"] as JsonArray ?? []).Any(f => f?.ToString() == ClusterAccessSpec.Finalizer);

    /// <summary>Whether the object's status already reflects this generation (our own status write must not trigger another round).</summary>
    public static bool Observed(JsonObject obj) =>
        (obj["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>().Any(c =>
            c["type"]?.ToString() == "Ready" && c["observedGeneration"]?.GetValue<long>() == (obj["metadata"]?["generation"]?.GetValue<long>() ?? 0));
}
