using GraphQL.Types;

namespace Kubelink.Sidecar.GraphQL.Schema;

/// <summary>The arguments the gateway's fields take, named as the original gateway's clients send them.</summary>
internal static class Args
{
    public static QueryArgument String(string name, string description) => new(new StringGraphType()) { Name = name, Description = description };

    public static QueryArgument RequiredString(string name, string description) => new(new NonNullGraphType(new StringGraphType())) { Name = name, Description = description };

    public static QueryArgument Int(string name, string description) => new(new IntGraphType()) { Name = name, Description = description };

    public static QueryArgument Bool(string name, string description) => new(new BooleanGraphType()) { Name = name, Description = description };

    public static QueryArgument Namespace() => String("namespace", "The namespace; all namespaces for a list when omitted, \"default\" otherwise.");

    public static QueryArgument DryRun() => Bool("dryRun", "Validate and admit on the server without persisting (dryRun=All).");

    public static QueryArgument[] Selectors() =>
    [
        String("labelselector", "A label selector, as kubectl -l takes it."),
        String("fieldselector", "A field selector, as kubectl --field-selector takes it."),
    ];
}
