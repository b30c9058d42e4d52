using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;

namespace Kubelink.Sidecar.GraphQL.Execution;

/// <summary>
/// Runs one GraphQL request against a cluster's schema with the caller's identity, under depth and complexity limits: a
/// query is validated before any call reaches the API server, so an abusive one costs the cluster nothing.
/// </summary>
internal static class GraphQLExecutor
{
    /// <summary>Deeper than any Kubernetes object needs (introspection reaches 13), shallow enough to stop a runaway fragment.</summary>
    public const int MaxDepth = 25;

    public const int MaxComplexity = 1_000_000;

    private static readonly DocumentExecuter Executer = new ProjectingExecuter();

    private static readonly IValidationRule[] Rules = [.. DocumentValidator.CoreRules, new ComplexityValidationRule(Limits())];

    // Introspection costs the cluster nothing (it never leaves the gateway), and a client's standard introspection query of a
    // 500-kind schema would otherwise exceed any limit that still stops a costly query: it counts zero, its depth still counts.
    private static ComplexityOptions Limits()
    {
        var options = new ComplexityOptions { MaxDepth = MaxDepth, MaxComplexity = MaxComplexity };
        var standard = options.DefaultComplexityImpactDelegate;
        options.DefaultComplexityImpactDelegate = context =>
            context.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal) ? new FieldComplexityResult(0, 0) : standard(context);
        return options;
    }

    public static Task<ExecutionResult> ExecuteAsync(ISchema schema, GraphQLRequest request, GatewayRequest context, CancellationToken cancellationToken) =>
        Executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = schema,
            Query = request.Query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            UserContext = context,
            ValidationRules = Rules,
            CancellationToken = cancellationToken,
        });

    /// <summary>Queries go through <see cref="JsonQueryStrategy"/>; everything else as graphql-dotnet chooses.</summary>
    private sealed class ProjectingExecuter : DocumentExecuter
    {
        protected override IExecutionStrategy SelectExecutionStrategy(global::GraphQL.Execution.ExecutionContext context) =>
            context.Operation.Operation == GraphQLParser.AST.OperationType.Query ? JsonQueryStrategy.Instance : base.SelectExecutionStrategy(context);
    }
}
