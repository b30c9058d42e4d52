using System.Globalization;
using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using Kubelink.Sidecar.GraphQL.Execution;
using Kubelink.Sidecar.Resources.Yaml;

namespace Kubelink.Sidecar.GraphQL.Schema;

/// <summary>The read fields of one resource: the list (<c>Pods</c>), the get (<c>Pod</c>) and the YAML (<c>PodYaml</c>).</summary>
internal static class ResourceQueries
{
    public static void Add(ObjectGraphType version, GraphNames fieldNames, ApiResource resource, IGraphType type, GraphNames typeNames)
    {
        var prefix = GraphNames.Prefix(resource.Group, resource.Version);
        var list = new ObjectGraphType { Name = typeNames.Unique(prefix + resource.Kind + "List"), Description = $"A page of {resource.Plural}." };
        list.AddField(Field("resourceVersion", new StringGraphType(), c => Meta(c, "resourceVersion")));
        list.AddField(Field("continue", new StringGraphType(), c => Meta(c, "continue")));
        var count = new IntGraphType();
        list.AddField(Field("remainingItemCount", count, c => JsonProjection.Project(JsonProjection.Property(JsonProjection.Property(c.Source, "metadata"), "remainingItemCount"), count)));
        var items = new ListGraphType(type);
        list.AddField(Field("items", items, c => JsonProjection.Project(JsonProjection.Property(c.Source, "items"), items)));

        version.AddField(new FieldType
        {
            Name = fieldNames.Unique(ListFieldName(resource)),
            Description = $"Lists {resource.Plural} ({resource.ApiVersion}).",
            ResolvedType = list,
            Arguments = new QueryArguments([.. resource.Namespaced ? [Args.Namespace()] : Array.Empty<QueryArgument>(), .. Args.Selectors(),
                Args.Int("limit", "At most this many items; continue with the returned token."), Args.String("continue", "The token of the previous page.")]),
            Resolver = new FuncFieldResolver<object?>(async c => await Api(c).GetElementAsync(resource.CollectionPath(c.GetArgument<string?>("namespace")) + ListQuery(c), c.CancellationToken).ConfigureAwait(false)),
        });
        version.AddField(new FieldType
        {
            Name = fieldNames.Unique(resource.Kind),
            Description = $"Gets one {resource.Kind} by name.",
            ResolvedType = type,
            Arguments = NameArguments(resource),
            Resolver = new FuncFieldResolver<object?>(async c => await Api(c).GetElementAsync(ItemPath(resource, c), c.CancellationToken).ConfigureAwait(false)),
        });
        version.AddField(new FieldType
        {
            Name = fieldNames.Unique(resource.Kind + "Yaml"),
            Description = $"One {resource.Kind} as YAML, as kubectl get -o yaml prints it.",
            ResolvedType = new StringGraphType(),
            Arguments = NameArguments(resource),
            Resolver = new FuncFieldResolver<object?>(async c =>
                YamlText.FromJson(await Api(c).GetElementAsync(ItemPath(resource, c), c.CancellationToken).ConfigureAwait(false))),
        });
    }

    /// <summary>The list field's name: the plural spelled with the kind's capitals (Pods, NetworkPolicies, ClusterAccesses).</summary>
    public static string ListFieldName(ApiResource resource)
    {
        var kind = resource.Kind;
        if (resource.Plural.StartsWith(kind.ToLowerInvariant(), StringComparison.Ordinal))
        {
            return GraphNames.Sanitize(kind + resource.Plural[kind.Length..]);
        }
        if (kind.EndsWith('y') && resource.Plural == kind[..^1].ToLowerInvariant() + "ies")
        {
            return GraphNames.Sanitize(kind[..^1] + "ies");
        }
        return GraphNames.Pascal(resource.Plural);
    }

    public static QueryArguments NameArguments(ApiResource resource) =>
        new([Args.RequiredString("name", "The object's name."), .. resource.Namespaced ? [Args.Namespace()] : Array.Empty<QueryArgument>()]);

    public static KubeRest Api(IResolveFieldContext context) => ((GatewayRequest)context.UserContext).Api;

    public static string ItemPath(ApiResource resource, IResolveFieldContext context) =>
        resource.CollectionPath(NamespaceOrDefault(resource, context)) + "/" + Uri.EscapeDataString(context.GetArgument<string>("name"));

    public static string NamespaceOrDefault(ApiResource resource, IResolveFieldContext context) =>
        resource.Namespaced ? context.GetArgument<string?>("namespace") ?? "default" : "";

    /// <summary>The query string of a list or watch from the selector and paging arguments ("" or "?…").</summary>
    public static string ListQuery(IResolveFieldContext context)
    {
        var query = new StringBuilder();
        Append(query, "labelSelector", context.GetArgument<string?>("labelselector"));
        Append(query, "fieldSelector", context.GetArgument<string?>("fieldselector"));
        if (context.HasArgument("limit"))
        {
            Append(query, "limit", context.GetArgument<int?>("limit")?.ToString(CultureInfo.InvariantCulture));
        }
        if (context.HasArgument("continue"))
        {
            Append(query, "continue", context.GetArgument<string?>("continue"));
        }
        return query.ToString();
    }

    public static void Append(StringBuilder query, string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }
        query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }

    private static object? Meta(IResolveFieldContext context, string name) =>
        JsonProjection.Property(JsonProjection.Property(context.Source, "metadata"), name) is { ValueKind: JsonValueKind.String } value && value.GetString() is { Length: > 0 } text ? text : null;

    private static FieldType Field(string name, IGraphType type, Func<IResolveFieldContext, object?> resolve) =>
        new() { Name = name, ResolvedType = type, Resolver = new FuncFieldResolver<object?>(resolve) };
}
