using System.Text.Json;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;
using Kubelink.Sidecar.GraphQL.Schema;

namespace Kubelink.Sidecar.GraphQL.Execution;

/// <summary>
/// Queries as graphql-dotnet runs them (root fields in parallel, so a query of several lists waits for the slowest call, not
/// the sum), except that a field of a type made from OpenAPI is answered by <see cref="JsonSubtreeNode"/> in one pass.
/// Mutations and subscriptions keep the engine's own strategies: they carry one object at a time.
/// </summary>
internal sealed class JsonQueryStrategy : ParallelExecutionStrategy
{
    public static new readonly JsonQueryStrategy Instance = new();

    protected override ExecutionNode BuildExecutionNode(ExecutionNode parent, IGraphType graphType, GraphQLField field, FieldType fieldDefinition, int? indexInParentNode = null) =>
        JsonSubtreeNode.Covers(graphType)
            ? new JsonSubtreeNode(parent, graphType, field, fieldDefinition, indexInParentNode)
            : base.BuildExecutionNode(parent, graphType, field, fieldDefinition, indexInParentNode);

    protected override Task CompleteNodeAsync(global::GraphQL.Execution.ExecutionContext context, ExecutionNode node)
    {
        if (node is not JsonSubtreeNode subtree)
        {
            return base.CompleteNodeAsync(context, node);
        }
        var value = subtree.Result switch
        {
            null => (JsonElement?)null,
            JsonElement element => element,
            JsonList list => list.Array,
            var other => throw new InvalidOperationException($"The field {subtree.Name} resolved to a {other.GetType().Name}, not JSON."),
        };
        if (value is { } json)
        {
            var shape = JsonShape.Compile(subtree.GraphType!, subtree.Field.SelectionSet, (type, selection) => CollectFieldsFrom(context, type, selection, null), context.Schema.TypeNameMetaFieldType);
            subtree.Output = shape.Project(json);
        }
        return Task.CompletedTask;
    }
}
