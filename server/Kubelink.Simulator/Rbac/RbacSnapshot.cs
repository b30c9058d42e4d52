using System.Text.Json.Nodes;
using Kubelink.Simulator.Discovery;
using Kubelink.Simulator.Storage;

namespace Kubelink.Simulator.Rbac;

/// <summary>
/// Parsed roles and bindings at one point in time. Rebuilt lazily after any RBAC object changes, so every
/// request is evaluated against current RBAC without parsing JSON per request.
/// </summary>
internal sealed class RbacSnapshot
{
    public const string Group = "rbac.authorization.k8s.io";
    public static readonly StorageKey Roles = new(Group, "roles");
    public static readonly StorageKey ClusterRoles = new(Group, "clusterroles");
    public static readonly StorageKey RoleBindings = new(Group, "rolebindings");
    public static readonly StorageKey ClusterRoleBindings = new(Group, "clusterrolebindings");

    public Dictionary<string, PolicyRule[]> ClusterRoleRules { get; } = new(StringComparer.Ordinal);

    public Dictionary<(string Namespace, string Name), PolicyRule[]> RoleRules { get; } = [];

    public List<Binding> ClusterBindings { get; } = [];

    public Dictionary<string, List<Binding>> NamespaceBindings { get; } = new(StringComparer.Ordinal);

    public static RbacSnapshot Build(ObjectStore store)
    {
        var snapshot = new RbacSnapshot();
        var clusterRoles = Objects(store, ClusterRoles);
        var labelsByRole = new Dictionary<string, KeyValuePair<string, string>[]>(StringComparer.Ordinal);
        foreach (var (stored, json) in clusterRoles)
        {
            snapshot.ClusterRoleRules[stored.Name] = Rules(json);
            labelsByRole[stored.Name] = stored.Labels;
        }
        // Aggregates may select other aggregates (admin <- edit <- view); a few passes reach the fixed point.
        for (var pass = 0; pass < 3; pass++)
        {
            foreach (var (stored, json) in clusterRoles)
            {
                if (json["aggregationRule"]?["clusterRoleSelectors"] is JsonArray selectors)
                {
                    snapshot.ClusterRoleRules[stored.Name] = Aggregate(snapshot, stored.Name, selectors, labelsByRole);
                }
            }
        }
        foreach (var (stored, json) in Objects(store, Roles))
        {
            snapshot.RoleRules[(stored.Namespace, stored.Name)] = Rules(json);
        }
        foreach (var (_, json) in Objects(store, ClusterRoleBindings))
        {
            snapshot.ClusterBindings.Add(Binding.Parse(json, null));
        }
        foreach (var (stored, json) in Objects(store, RoleBindings))
        {
            if (!snapshot.NamespaceBindings.TryGetValue(stored.Namespace, out var list))
            {
                list = [];
                snapshot.NamespaceBindings[stored.Namespace] = list;
            }
            list.Add(Binding.Parse(json, stored.Namespace));
        }
        return snapshot;
    }

    /// <summary>The rules a binding grants, or null when its role does not exist.</summary>
    public PolicyRule[]? RulesOf(Binding binding) =>
        binding.RoleKind == "ClusterRole"
            ? ClusterRoleRules.GetValueOrDefault(binding.RoleName)
            : binding.Namespace is null ? null : RoleRules.GetValueOrDefault((binding.Namespace, binding.RoleName));

    // The aggregation controller unions the rules of every ClusterRole matching a selector into the aggregate.
    private static PolicyRule[] Aggregate(RbacSnapshot snapshot, string name, JsonArray selectors,
        Dictionary<string, KeyValuePair<string, string>[]> labelsByRole)
    {
        var rules = new List<PolicyRule>(snapshot.ClusterRoleRules[name]);
        foreach (var selector in selectors.OfType<JsonObject>())
        {
            var required = (selector["matchLabels"] as JsonObject ?? []).Select(p => (p.Key, Value: p.Value?.ToString())).ToList();
            foreach (var (role, labels) in labelsByRole)
            {
                if (role != name && required.Count > 0 && required.All(r => labels.Any(l => l.Key == r.Key && l.Value == r.Value)))
                {
                    rules.AddRange(snapshot.ClusterRoleRules[role].Where(r => !rules.Contains(r)));
                }
            }
        }
        return [.. rules];
    }

    private static PolicyRule[] Rules(JsonObject json) =>
        (json["rules"] as JsonArray ?? []).Select(PolicyRule.Parse).ToArray();

    private static IEnumerable<(StoredObject Stored, JsonObject Json)> Objects(ObjectStore store, StorageKey key) =>
        store.List(key, null, null, 0, null).Items.Select(o => (o, o.ToJsonObject()));
}
