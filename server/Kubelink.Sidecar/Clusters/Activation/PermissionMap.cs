using System.Text.Json.Nodes;
using Kubelink.Protocol.Clusters;

namespace Kubelink.Sidecar.Clusters.Activation;

/// <summary>
/// Which kinds the user may LIST, and where, built from <c>SelfSubjectRulesReview</c> answers one namespace at a time.
/// Thread-safe: reviews complete concurrently and the map is read while it grows.
/// </summary>
internal sealed class PermissionMap(IReadOnlyList<ApiResource> resources)
{
    private readonly object _gate = new();
    private readonly Dictionary<ApiResource, HashSet<string>> _namespaces = [];
    private readonly HashSet<ApiResource> _everywhere = [];

    public bool IsEmpty
    {
        get
        {
            lock (_gate)
            {
                return _everywhere.Count == 0 && _namespaces.Count == 0;
            }
        }
    }

    /// <summary>Everything is LIST-able everywhere (admin, or a cluster-wide list-all rule).</summary>
    public void GrantAll()
    {
        lock (_gate)
        {
            _everywhere.UnionWith(resources);
        }
    }

    /// <summary>Applies one namespace's review. An <c>incomplete</c> review is taken as allowing everything there, as Lens does: better a view that may answer 403 than a kind hidden that the user can see.</summary>
    public void Apply(string ns, JsonNode review)
    {
        var status = review["status"];
        var incomplete = status?["incomplete"]?.GetValue<bool>() == true;
        var rules = (status?["resourceRules"]?.AsArray() ?? []).OfType<JsonNode>().Select(Rule.From).ToList();
        lock (_gate)
        {
            foreach (var resource in resources)
            {
                // Cluster-scoped kinds are not decided here: a RoleBinding's rules show up in its namespace's review even
                // for cluster-scoped resources it cannot grant; GrantClusterScoped settles those with an access review.
                if (resource.Namespaced && (incomplete || rules.Any(r => r.AllowsList(resource))))
                {
                    Add(resource, ns);
                }
            }
        }
    }

    /// <summary>A cluster-scoped kind the user may LIST (from a SelfSubjectAccessReview without a namespace).</summary>
    public void GrantClusterScoped(ApiResource resource)
    {
        lock (_gate)
        {
            _everywhere.Add(resource);
        }
    }

    public IReadOnlyList<ListableResource> Snapshot()
    {
        lock (_gate)
        {
            return resources
                .Where(r => _everywhere.Contains(r) || _namespaces.ContainsKey(r))
                .Select(r => new ListableResource
                {
                    Group = r.Group,
                    Version = r.Version,
                    Resource = r.Resource,
                    Kind = r.Kind,
                    Namespaced = r.Namespaced,
                    AllNamespaces = _everywhere.Contains(r),
                    Namespaces = _everywhere.Contains(r) ? [] : _namespaces[r].Order(StringComparer.Ordinal).ToList(),
                })
                .ToList();
        }
    }

    private void Add(ApiResource resource, string ns)
    {
        if (!_namespaces.TryGetValue(resource, out var set))
        {
            _namespaces[resource] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        set.Add(ns);
    }

    private sealed record Rule(IReadOnlyList<string> Verbs, IReadOnlyList<string> Groups, IReadOnlyList<string> Resources, bool Named)
    {
        public static Rule From(JsonNode node) => new(Strings(node["verbs"]), Strings(node["apiGroups"]), Strings(node["resources"]), Strings(node["resourceNames"]).Count > 0);

        // A rule limited to resourceNames cannot grant LIST of the collection.
        public bool AllowsList(ApiResource r) =>
            !Named
            && (Verbs.Contains("list") || Verbs.Contains("*"))
            && (Groups.Contains(r.Group) || Groups.Contains("*"))
            && (Resources.Contains(r.Resource) || Resources.Contains("*"));

        private static List<string> Strings(JsonNode? node) => (node?.AsArray() ?? []).Select(n => n?.GetValue<string>() ?? "").ToList();
    }
}
