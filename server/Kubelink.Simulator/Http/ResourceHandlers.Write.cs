using System.Text.Json.Nodes;
using Kubelink.Simulator.Discovery;
using Kubelink.Simulator.Storage;
using Microsoft.AspNetCore.Http;

namespace Kubelink.Simulator.Http;

/// <summary>The writing verbs: create, update, patch, delete and deletecollection.</summary>
internal sealed partial class ResourceHandlers
{
    public async Task CreateAsync(HttpContext context, ApiRequest request, ResourceType type)
    {
        if (request.Name.Length > 0)
        {
            throw ApiException.MethodNotAllowed();
        }
        var body = await RequestBody.ReadObjectAsync(context);
        if (type.Virtual)
        {
            var review = core.Reviews.Answer(type.Kind, Caller(context), body);
            await Responses.Json(context, 201, review);
            return;
        }
        CheckKind(body, type);
        MatchNamespace(body, request, type);
        if (type.HasStatus)
        {
            // As upstream's create strategies do: status is the system's to write, through the status subresource.
            body.Remove("status");
        }
        var stored = core.Store.Create(type, body, DryRun(context));
        await Responses.Object(context, 201, stored, type);
    }

    public async Task UpdateAsync(HttpContext context, ApiRequest request, ResourceType type)
    {
        var body = await RequestBody.ReadObjectAsync(context);
        CheckKind(body, type);
        MatchNamespace(body, request, type);
        var name = body["metadata"]?["name"]?.ToString();
        if (name != request.Name)
        {
            throw ApiException.BadRequest($"the name of the object ({name}) does not match the name on the URL ({request.Name})");
        }
        var stored = core.Store.Update(type, body, Subresource(request, type), DryRun(context));
        await Responses.Object(context, 200, stored, type);
    }

    public async Task PatchAsync(HttpContext context, ApiRequest request, ResourceType type)
    {
        var contentType = (context.Request.ContentType ?? "").Split(';')[0].Trim();
        var patch = await RequestBody.ReadAsync(context) ?? throw ApiException.BadRequest("the body of the request was empty");
        var apply = PatchFunction(contentType, patch);
        var subresource = Subresource(request, type);
        var ns = Scope(request, type);
        if (contentType.StartsWith("application/apply-patch", StringComparison.Ordinal)
            && core.Store.Get(type.StorageKey, ns, request.Name) is null && subresource is null)
        {
            // Server-side apply creates what does not exist yet.
            var created = (JsonObject)patch.DeepClone();
            MatchNamespace(created, request, type);
            await Responses.Object(context, 201, core.Store.Create(type, created, DryRun(context)), type);
            return;
        }
        var stored = core.Store.Mutate(type, ns, request.Name, subresource, DryRun(context), apply);
        await Responses.Object(context, 200, stored, type);
    }

    public async Task DeleteAsync(HttpContext context, ApiRequest request, ResourceType type)
    {
        var options = await RequestBody.ReadAsync(context) as JsonObject;
        var preconditions = options?["preconditions"];
        var dryRun = DryRun(context) || options?["dryRun"] is JsonArray { Count: > 0 };
        var deleted = core.Store.Delete(type, Scope(request, type), request.Name, dryRun,
            preconditions?["uid"]?.ToString(), preconditions?["resourceVersion"]?.ToString());
        await Responses.Object(context, 200, deleted, type);
    }

    public async Task DeleteCollectionAsync(HttpContext context, ApiRequest request, ResourceType type)
    {
        var ns = request.Namespace.Length > 0 && type.Namespaced ? request.Namespace : null;
        var page = core.Store.List(type.StorageKey, ns, Filter(context, type), 0, null);
        var deleted = new List<StoredObject>();
        foreach (var obj in page.Items)
        {
            try
            {
                deleted.Add(core.Store.Delete(type, obj.Namespace, obj.Name, DryRun(context)));
            }
            catch (ApiException ex) when (ex.Code == 404)
            {
                // Deleted concurrently: the outcome the caller wanted.
            }
        }
        await Responses.List(context, type, deleted, core.Store.ResourceVersion, null, null);
    }
}
