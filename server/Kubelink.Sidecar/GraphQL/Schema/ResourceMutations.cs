using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;

namespace Kubelink.Sidecar.GraphQL.Schema;

/// <summary>
/// The write fields of one resource: <c>createPod</c>, <c>updatePod</c> (a JSON merge patch, so the caller sends only what
/// changes) and <c>deletePod</c>, each with <c>dryRun</c>.
/// </summary>
internal static class ResourceMutations
{
    public static void Add(ObjectGraphType version, GraphNames fieldNames, ApiResource resource, IGraphType output, IGraphType input)
    {
        var objectArgument = new QueryArgument(new NonNullGraphType(input)) { Name = "object", Description = $"The {resource.Kind}." };
        var scope = resource.Namespaced ? new[] { Args.Namespace() } : [];
        version.AddField(new FieldType
        {
            Name = fieldNames.Unique("create" + resource.Kind),
            Description = $"Creates a {resource.Kind}; apiVersion and kind are filled in.",
            ResolvedType = output,
            Arguments = new QueryArguments([.. scope, objectArgument, Args.DryRun()]),
            Resolver = new FuncFieldResolver<object?>(async c =>
            {
                var body = Body(c, resource);
                var ns = ResourceQueries.NamespaceOrDefault(resource, c);
                if (resource.Namespaced)
                {
                    ((JsonObject)body["metadata"]!)["namespace"] = ns;
                }
                return await ResourceQueries.Api(c).SendForElementAsync(HttpMethod.Post, resource.CollectionPath(ns) + DryRun(c, "?"), body, null, c.CancellationToken).ConfigureAwait(false);
            }),
        });
        version.AddField(new FieldType
        {
            Name = fieldNames.Unique("update" + resource.Kind),
            Description = $"Changes a {resource.Kind} by a JSON merge patch: fields sent replace, null removes, the rest stays.",
            ResolvedType = output,
            Arguments = new QueryArguments([.. ResourceQueries.NameArguments(resource), objectArgument, Args.DryRun()]),
            Resolver = new FuncFieldResolver<object?>(async c =>
                await ResourceQueries.Api(c).SendForElementAsync(HttpMethod.Patch, ResourceQueries.ItemPath(resource, c) + DryRun(c, "?"),
                    c.GetArgument<JsonObject>("object"), "application/merge-patch+json", c.CancellationToken).ConfigureAwait(false)),
        });
        version.AddField(new FieldType
        {
            Name = fieldNames.Unique("delete" + resource.Kind),
            Description = $"Deletes a {resource.Kind}; true once the API server accepted the deletion.",
            ResolvedType = new BooleanGraphType(),
            Arguments = new QueryArguments([.. ResourceQueries.NameArguments(resource), Args.DryRun()]),
            Resolver = new FuncFieldResolver<object?>(async c =>
            {
                await ResourceQueries.Api(c).SendAsync(HttpMethod.Delete, ResourceQueries.ItemPath(resource, c) + DryRun(c, "?"), null, null, c.CancellationToken).ConfigureAwait(false);
                return true;
            }),
        });
    }

    private static JsonObject Body(IResolveFieldContext context, ApiResource resource)
    {
        var body = (JsonObject)context.GetArgument<JsonObject>("object").DeepClone();
        body["apiVersion"] = resource.ApiVersion;
        body["kind"] = resource.Kind;
        if (body["metadata"] is not JsonObject)
        {
            body["metadata"] = new JsonObject();
        }
        return body;
    }

    private static string DryRun(IResolveFieldContext context, string separator) =>
        context.GetArgument<bool?>("dryRun") == true ? separator + "dryRun=All" : "";
}
