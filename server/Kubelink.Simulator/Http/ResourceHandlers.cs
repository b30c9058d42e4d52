using System.Text.Json.Nodes;
using Kubelink.Simulator.Discovery;
using Kubelink.Simulator.Http.Patching;
using Kubelink.Simulator.Http.Selectors;
using Kubelink.Simulator.Http.Tables;
using Kubelink.Simulator.Storage;
using Microsoft.AspNetCore.Http;

namespace Kubelink.Simulator.Http;

/// <summary>The REST verbs on stored resources: get, list, create, update, patch, delete, deletecollection.</summary>
internal sealed partial class ResourceHandlers(SimulatorCore core)
{
    public async Task GetAsync(HttpContext context, ApiRequest request, ResourceType type)
    {
        var obj = core.Store.Get(type.StorageKey, Scope(request, type), request.Name)
            ?? throw ApiException.NotFound(type.Plural, request.Name, type.Group);
        if (ContentNegotiation.Preferred(context.Request) == "table")
        {
            var table = TableWriter.Build(type, [obj], context.Request.Query["includeObject"], true,
                new JsonObject { ["resourceVersion"] = obj.ResourceVersion.ToString() });
            await Responses.Json(context, 200, table);
            return;
        }
        await Responses.Object(context, 200, obj, type);
    }

    public async Task ListAsync(HttpContext context, ApiRequest request, ResourceType type)
    {
        var query = context.Request.Query;
        var filter = Filter(context, type);
        var limit = int.TryParse(query["limit"], out var parsed) && parsed > 0 ? parsed : 0;
        string? after = null;
        long? snapshotVersion = null;
        if (query["continue"].ToString() is { Length: > 0 } token)
        {
            var (rv, start) = ContinueToken.Decode(token);
            if (rv < core.Store.CompactedResourceVersion(type.StorageKey))
            {
                throw ApiException.Expired(
                    "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.");
            }
            (after, snapshotVersion) = (start, rv);
        }
        var ns = request.Namespace.Length > 0 && type.Namespaced ? request.Namespace : null;
        var page = core.Store.List(type.StorageKey, ns, filter, limit, after);
        var listVersion = snapshotVersion ?? page.ResourceVersion;
        var next = page.NextKey is null ? null : ContinueToken.Encode(listVersion, page.NextKey);
        var selectors = query.ContainsKey("labelSelector") || query.ContainsKey("fieldSelector");
        long? remaining = next is null || selectors ? null : page.Remaining;
        if (ContentNegotiation.Preferred(context.Request) == "table")
        {
            var metadata = new JsonObject { ["resourceVersion"] = listVersion.ToString() };
            if (next is not null)
            {
                metadata["continue"] = next;
            }
            if (remaining is > 0)
            {
                metadata["remainingItemCount"] = remaining;
            }
            var table = TableWriter.Build(type, page.Items, query["includeObject"], true, metadata);
            await Responses.Json(context, 200, table);
            return;
        }
        await Responses.List(context, type, page.Items, listVersion, next, remaining);
    }

    /// <summary>The transformation a PATCH body of the given content type applies to the current object.</summary>
    public static Func<JsonObject, JsonObject> PatchFunction(string contentType, JsonNode patch) => contentType switch
    {
        "application/json-patch+json" => current => JsonPatch.Apply(current, patch as JsonArray
            ?? throw ApiException.BadRequest("a JSON patch must be an array of operations")) as JsonObject
            ?? throw ApiException.BadRequest("the patched document is not an object"),
        "application/merge-patch+json" => current => (JsonObject)MergePatch.Apply(current, patch, strategic: false)!,
        "application/strategic-merge-patch+json" or "application/apply-patch+yaml" or "application/apply-patch+json" =>
            current => (JsonObject)MergePatch.Apply(current, patch, strategic: true)!,
        _ => throw ApiException.UnsupportedMediaType(contentType, patch: true),
    };

    public static Func<StoredObject, bool>? Filter(HttpContext context, ResourceType type) =>
        FieldSelector.And(
            LabelSelector.Parse(context.Request.Query["labelSelector"]),
            FieldSelector.Parse(context.Request.Query["fieldSelector"], type));

    private static string Scope(ApiRequest request, ResourceType type) => type.Namespaced ? request.Namespace : "";

    private static string? Subresource(ApiRequest request, ResourceType type) =>
        request.Subresource.Length == 0 ? null
        : type.Subresources.Contains(request.Subresource) && request.Subresource == "status" ? "status"
        : throw ApiException.NotFound(type.Plural + "/" + request.Subresource, request.Name, type.Group);

    private static bool DryRun(HttpContext context) => context.Request.Query["dryRun"].ToString() == "All";

    private Auth.UserInfo Caller(HttpContext context) => (Auth.UserInfo)context.Items[ApiPipeline.UserKey]!;

    private static void CheckKind(JsonObject body, ResourceType type)
    {
        var kind = body["kind"]?.ToString();
        var apiVersion = body["apiVersion"]?.ToString();
        if ((kind is { Length: > 0 } && kind != type.Kind) || (apiVersion is { Length: > 0 } && apiVersion != type.ApiVersion))
        {
            throw ApiException.BadRequest(
                $"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        }
    }

    private static void MatchNamespace(JsonObject body, ApiRequest request, ResourceType type)
    {
        if (!type.Namespaced)
        {
            return;
        }
        if (body["metadata"] is not JsonObject meta)
        {
            meta = [];
            body["metadata"] = meta;
        }
        var declared = meta["namespace"]?.ToString();
        if (string.IsNullOrEmpty(declared))
        {
            meta["namespace"] = request.Namespace;
        }
        else if (declared != request.Namespace)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }
}
