using Kubelink.Simulator.Discovery;
using Kubelink.Simulator.Storage;

namespace Kubelink.Simulator.Http.Selectors;

/// <summary>
/// <c>?fieldSelector=</c> for the fields the simulator indexes: metadata.name, metadata.namespace, and for pods
/// status.phase and spec.nodeName. Operators <c>=</c>, <c>==</c>, <c>!=</c>, comma-joined.
/// </summary>
internal static class FieldSelector
{
    public static Func<StoredObject, bool>? Parse(string? selector, ResourceType type)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return null;
        }
        var terms = new List<Func<StoredObject, bool>>();
        foreach (var raw in selector.Split(','))
        {
            var term = raw.Trim();
            var negate = term.Contains("!=", StringComparison.Ordinal);
            var parts = term.Split(negate ? "!=" : term.Contains("==", StringComparison.Ordinal) ? "==" : "=", 2);
            if (parts.Length != 2)
            {
                throw ApiException.BadRequest($"invalid selector: '{selector}'; can't understand '{term}'");
            }
            var field = parts[0].Trim();
            var expected = parts[1].Trim();
            Func<StoredObject, string?> read = field switch
            {
                "metadata.name" => o => o.Name,
                "metadata.namespace" => o => o.Namespace,
                "status.phase" when type.Plural == "pods" => o => o.Phase ?? "",
                "spec.nodeName" when type.Plural == "pods" => o => o.NodeName ?? "",
                _ => throw ApiException.BadRequest($"field label not supported: {field}"),
            };
            terms.Add(negate ? o => read(o) != expected : o => read(o) == expected);
        }
        return obj => terms.All(t => t(obj));
    }

    /// <summary>Both selectors together; null when neither filters.</summary>
    public static Func<StoredObject, bool>? And(Func<StoredObject, bool>? a, Func<StoredObject, bool>? b) =>
        a is null ? b : b is null ? a : o => a(o) && b(o);
}
