using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using Kubelink.Sidecar.GraphQL.Execution;

namespace Kubelink.Sidecar.GraphQL.Schema;

/// <summary>
/// The subscriptions of one resource, flat and lower case as the original gateway names them: <c>v1_pod</c> for one object and
/// <c>v1_pods</c> for a list (<c>apps_v1_deployments</c>), each event <c>{type: ADDED|MODIFIED|DELETED, object}</c>.
/// </summary>
internal static class ResourceSubscriptions
{
    public static void Add(ObjectGraphType subscription, GraphNames fieldNames, GraphNames typeNames, ApiResource resource, IGraphType type)
    {
        var prefix = GraphNames.Prefix(resource.Group, resource.Version);
        var eventType = new ObjectGraphType { Name = typeNames.Unique(prefix + resource.Kind + "Event"), Description = $"A change to a {resource.Kind}." };
        eventType.AddField(new FieldType
        {
            Name = "type",
            Description = "ADDED, MODIFIED or DELETED.",
            ResolvedType = new NonNullGraphType(new StringGraphType()),
            Resolver = new FuncFieldResolver<object?>(c => ((JsonObject)c.Source!)["type"]?.ToString()),
        });
        eventType.AddField(new FieldType
        {
            Name = "object",
            ResolvedType = type,
            // The object's fields read JSON elements, as a query's do.
            Resolver = new FuncFieldResolver<object?>(c => ((JsonObject)c.Source!)["object"] is { } obj ? JsonSerializer.SerializeToElement(obj) : null),
        });
        var root = (resource.Group.Length == 0 ? "" : GraphNames.GroupField(resource.Group) + "_") + GraphNames.Sanitize(resource.Version) + "_";
        var common = new[]
        {
            Args.String("resourceVersion", "Watch from this resource version instead of listing first."),
            Args.Bool("subscribeToAll", "Accepted for compatibility: every event is always sent."),
        };
        subscription.AddField(new FieldType
        {
            Name = fieldNames.Unique(root + resource.Kind.ToLowerInvariant()),
            Description = $"Changes to one {resource.Kind}.",
            ResolvedType = eventType,
            Arguments = new QueryArguments([.. ResourceQueries.NameArguments(resource), .. common]),
            StreamResolver = new SourceStreamResolver<object?>(c =>
            {
                var query = new StringBuilder();
                ResourceQueries.Append(query, "fieldSelector", "metadata.name=" + c.GetArgument<string>("name"));
                return Stream(c, resource.CollectionPath(ResourceQueries.NamespaceOrDefault(resource, c)), query.ToString());
            }),
        });
        subscription.AddField(new FieldType
        {
            Name = fieldNames.Unique(root + GraphNames.Sanitize(resource.Plural)),
            Description = $"Changes to {resource.Plural}: the current ones as ADDED, then every change.",
            ResolvedType = eventType,
            Arguments = new QueryArguments([.. resource.Namespaced ? [Args.Namespace()] : Array.Empty<QueryArgument>(), .. Args.Selectors(), .. common]),
            StreamResolver = new SourceStreamResolver<object?>(c =>
                Stream(c, resource.CollectionPath(c.GetArgument<string?>("namespace")), ResourceQueries.ListQuery(c))),
        });
    }

    private static WatchStream Stream(IResolveFieldContext context, string path, string query)
    {
        var request = (GatewayRequest)context.UserContext;
        return new WatchStream(request.Api, path, query, context.GetArgument<string?>("resourceVersion"), request.Time);
    }
}
