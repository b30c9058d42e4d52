using System.Text.Json.Nodes;
using GraphQL.Conversion;
using GraphQL.Resolvers;
using GraphQL.Types;

namespace Kubelink.Sidecar.GraphQL.Schema;

/// <summary>
/// A cluster's GraphQL schema from its OpenAPI document, nested as the original gateway's clients query it:
/// <c>Query → group → version → fields</c>, the core group at the root as its version (<c>{ v1 { Pods { … } } }</c>),
/// other groups by name (<c>{ apps { v1 { Deployments { … } } } }</c>); mutations nested the same way; subscriptions flat.
/// </summary>
internal static class SchemaBuilder
{
    // Nesting fields resolve to a marker so their children run; the data comes from the leaves' own calls.
    private static readonly object Nest = new();

    public static ISchema Build(JsonObject document) => Build(ApiDocument.Parse(document));

    public static ISchema Build(ApiDocument document)
    {
        var typeNames = new GraphNames();
        foreach (var reserved in new[] { "Query", "Mutation", "Subscription", "JSON", "StringMap" })
        {
            typeNames.Unique(reserved);
        }
        var types = new TypeFactory(document, typeNames);
        var query = new ObjectGraphType { Name = "Query", Description = "The cluster's resources by group and version." };
        var mutation = new ObjectGraphType { Name = "Mutation", Description = "Create, update (merge patch) and delete, by group and version." };
        var subscription = new ObjectGraphType { Name = "Subscription", Description = "Watches: one object or a list, events ADDED, MODIFIED, DELETED." };
        var subscriptionNames = new GraphNames();
        var rootQueryNames = new GraphNames();
        var rootMutationNames = new GraphNames();
        foreach (var group in document.Resources.GroupBy(r => r.Group))
        {
            var queryParent = group.Key.Length == 0 ? query : Nested(query, rootQueryNames, GraphNames.GroupField(group.Key), typeNames, GraphNames.Pascal(group.Key) + "_Query");
            var mutationParent = group.Key.Length == 0 ? mutation : Nested(mutation, rootMutationNames, GraphNames.GroupField(group.Key), typeNames, GraphNames.Pascal(group.Key) + "_Mutation");
            var queryParentNames = group.Key.Length == 0 ? rootQueryNames : new GraphNames();
            var mutationParentNames = group.Key.Length == 0 ? rootMutationNames : new GraphNames();
            foreach (var version in group.GroupBy(r => r.Version))
            {
                var prefix = GraphNames.Prefix(group.Key, version.Key);
                var versionQuery = Nested(queryParent, queryParentNames, GraphNames.Sanitize(version.Key), typeNames, prefix + "_Query");
                var versionMutation = Nested(mutationParent, mutationParentNames, GraphNames.Sanitize(version.Key), typeNames, prefix + "_Mutation");
                var queryFields = new GraphNames();
                var mutationFields = new GraphNames();
                foreach (var resource in version)
                {
                    var output = types.OutputOf(resource.Definition, prefix + GraphNames.Sanitize(resource.Kind));
                    var input = types.InputOf(resource.Definition, prefix + GraphNames.Sanitize(resource.Kind));
                    ResourceQueries.Add(versionQuery, queryFields, resource, output, typeNames);
                    ResourceMutations.Add(versionMutation, mutationFields, resource, output, input);
                    ResourceSubscriptions.Add(subscription, subscriptionNames, typeNames, resource, output);
                }
            }
        }
        var schema = new global::GraphQL.Types.Schema
        {
            Query = query,
            NameConverter = DefaultNameConverter.Instance, // Kubernetes names as they are: Pods, createPod, v1_pods
        };
        if (document.Resources.Count > 0)
        {
            schema.Mutation = mutation;
            schema.Subscription = subscription;
        }
        else
        {
            query.AddField(new FieldType { Name = "empty", Description = "The cluster serves no resources this schema could describe.", ResolvedType = new BooleanGraphType(), Resolver = new FuncFieldResolver<object?>(_ => true) });
        }
        schema.RegisterType(types.Json);
        schema.RegisterType(types.StringMap);
        schema.Initialize();
        return schema;
    }

    private static ObjectGraphType Nested(ObjectGraphType parent, GraphNames parentFields, string field, GraphNames typeNames, string typeName)
    {
        if (parent.GetField(field)?.ResolvedType is ObjectGraphType existing)
        {
            return existing;
        }
        var nested = new ObjectGraphType { Name = typeNames.Unique(typeName) };
        parent.AddField(new FieldType { Name = parentFields.Unique(field), ResolvedType = nested, Resolver = new FuncFieldResolver<object?>(_ => Nest) });
        return nested;
    }
}
