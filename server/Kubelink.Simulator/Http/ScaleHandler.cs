using System.Text.Json.Nodes;
using Kubelink.Simulator.Discovery;
using Microsoft.AspNetCore.Http;

namespace Kubelink.Simulator.Http;

/// <summary>
/// The <c>scale</c> subresource (<c>autoscaling/v1 Scale</c>) of deployments, replicasets and statefulsets, what
/// <c>kubectl scale</c> uses. Writing it sets <c>spec.replicas</c>; with no controllers, status does not follow.
/// </summary>
internal sealed class ScaleHandler(SimulatorCore core)
{
    public async Task HandleAsync(HttpContext context, ApiRequest request, ResourceType type)
    {
        var dryRun = context.Request.Query["dryRun"].ToString() == "All";
        switch (request.Verb)
        {
            case "get":
                var current = core.Store.Get(type.StorageKey, request.Namespace, request.Name)
                    ?? throw ApiException.NotFound(type.Plural, request.Name, type.Group);
                await Responses.Json(context, 200, Scale(current.ToJsonObject()));
                return;
            case "update":
                var body = await RequestBody.ReadObjectAsync(context);
                await Responses.Json(context, 200, Write(type, request, dryRun, _ => body));
                return;
            case "patch":
                var contentType = (context.Request.ContentType ?? "").Split(';')[0].Trim();
                var patch = await RequestBody.ReadAsync(context) ?? throw ApiException.BadRequest("the body of the request was empty");
                await Responses.Json(context, 200, Write(type, request, dryRun, ResourceHandlers.PatchFunction(contentType, patch)));
                return;
            default:
                throw ApiException.MethodNotAllowed();
        }
    }

    private JsonObject Write(ResourceType type, ApiRequest request, bool dryRun, Func<JsonObject, JsonObject> change)
    {
        var stored = core.Store.Mutate(type, request.Namespace, request.Name, null, dryRun, owner =>
        {
            var scale = change(Scale(owner));
            var replicas = scale["spec"]?["replicas"]?.GetValue<int>()
                ?? throw ApiException.Invalid("Scale", request.Name, "spec.replicas: Required value", "autoscaling");
            if (replicas < 0)
            {
                throw ApiException.Invalid("Scale", request.Name, $"spec.replicas: Invalid value: {replicas}: must be greater than or equal to 0", "autoscaling");
            }
            var expected = scale["metadata"]?["resourceVersion"]?.ToString();
            if (!string.IsNullOrEmpty(expected) && expected != owner["metadata"]?["resourceVersion"]?.ToString())
            {
                throw ApiException.Conflict(type.Plural, request.Name, type.Group);
            }
            owner["spec"] ??= new JsonObject();
            owner["spec"]!["replicas"] = replicas;
            ((JsonObject)owner["metadata"]!).Remove("resourceVersion");
            return owner;
        });
        return Scale(stored.ToJsonObject());
    }

    private static JsonObject Scale(JsonObject owner)
    {
        var meta = owner["metadata"]!;
        var selector = owner["spec"]?["selector"]?["matchLabels"] as JsonObject ?? [];
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = meta["name"]?.DeepClone(),
                ["namespace"] = meta["namespace"]?.DeepClone(),
                ["uid"] = meta["uid"]?.DeepClone(),
                ["resourceVersion"] = meta["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = meta["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = owner["spec"]?["replicas"]?.DeepClone() ?? 1 },
            ["status"] = new JsonObject
            {
                ["replicas"] = owner["status"]?["replicas"]?.DeepClone() ?? 0,
                ["selector"] = string.Join(",", selector.Select(p => $"{p.Key}={p.Value}")),
            },
        };
    }
}
