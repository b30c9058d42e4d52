using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace Kubelink.Sidecar.Simulated;

/// <summary>What the endpoint does with one request: forward it (perhaps rewritten) or refuse it with a status and why.</summary>
internal readonly record struct PolicyDecision(PathString Path, QueryString Query, int RefuseStatus = 0, string? Refusal = null)
{
    public bool Refused => RefuseStatus != 0;

    public static PolicyDecision Refuse(int status, string why) => new(default, default, status, why);
}

/// <summary>
/// The per-cluster options of an endpoint, as request rewriting. Pass-through by default (the whole main cluster, as the
/// seed's proxy). Read-only: only reads and access reviews. Tenant scoping: lists of nodes carry the tenant's label
/// selector, the namespace list shows only the tenant's, an all-namespaces list of a namespaced kind becomes a list in
/// the tenant namespace, and any other namespace is forbidden. Kinds are told apart by path shape, with the built-in
/// cluster-scoped kinds named: a custom cluster-scoped kind listed through a scoped endpoint is treated as namespaced.
/// </summary>
internal static class EndpointPolicy
{
    private static readonly HashSet<string> ClusterScoped = new(StringComparer.Ordinal)
    {
        "nodes", "namespaces", "persistentvolumes", "clusterroles", "clusterrolebindings", "customresourcedefinitions", "storageclasses",
        "priorityclasses", "apiservices", "certificatesigningrequests", "mutatingwebhookconfigurations", "validatingwebhookconfigurations",
        "ingressclasses", "runtimeclasses", "csidrivers", "csinodes", "volumeattachments", "componentstatuses", "flowschemas",
        "prioritylevelconfigurations", "selfsubjectaccessreviews", "selfsubjectrulesreviews", "selfsubjectreviews", "subjectaccessreviews",
        "tokenreviews", "validatingadmissionpolicies", "validatingadmissionpolicybindings",
    };

    private static readonly HashSet<string> Reviews = new(StringComparer.Ordinal)
    {
        "selfsubjectaccessreviews", "selfsubjectrulesreviews", "selfsubjectreviews",
    };

    public static PolicyDecision Decide(string method, PathString path, QueryString query, string cluster, EndpointOptions options)
    {
        var segments = (path.Value ?? "/").Split('/', StringSplitOptions.RemoveEmptyEntries);
        // Resource paths: api/v1/<rest> or apis/<group>/<version>/<rest>; everything else (/version, /readyz, discovery) passes.
        var prefix = segments is ["api", _, ..] ? 2 : segments is ["apis", _, _, ..] ? 3 : -1;
        var rest = prefix < 0 ? [] : segments[prefix..];
        var isRead = method is "GET" or "HEAD" or "OPTIONS";
        if (options.ReadOnly && !isRead && !(method == "POST" && rest is [var review] && Reviews.Contains(review)))
        {
            return PolicyDecision.Refuse(403, $"cluster '{cluster}' is read-only: {method} is not allowed");
        }
        if (!options.TenantScoped || rest.Length == 0)
        {
            return new PolicyDecision(path, query);
        }
        var tenant = ClusterName.Namespace(cluster);
        if (rest is ["namespaces", var ns, _, ..])
        {
            return ns == tenant ? new PolicyDecision(path, query) : PolicyDecision.Refuse(403, $"cluster '{cluster}' only sees namespace {tenant}, not {ns}");
        }
        if (rest is ["namespaces"] or ["namespaces", _])
        {
            return rest.Length == 2 && rest[1] != tenant
                ? PolicyDecision.Refuse(403, $"cluster '{cluster}' only sees namespace {tenant}")
                : new PolicyDecision(path, With(query, "fieldSelector", $"metadata.name={tenant}"));
        }
        if (rest is ["nodes", ..])
        {
            if (rest.Length >= 2 && !rest[1].StartsWith(cluster + "-node", StringComparison.Ordinal))
            {
                return PolicyDecision.Refuse(403, $"node {rest[1]} is not part of cluster '{cluster}'");
            }
            return new PolicyDecision(path, rest.Length == 1 ? With(query, "labelSelector", $"{TenantObjects.ClusterLabel}={cluster}") : query);
        }
        if (rest is [var plural] && !ClusterScoped.Contains(plural))
        {
            var scoped = "/" + string.Join('/', segments[..prefix]) + $"/namespaces/{tenant}/{plural}";
            return new PolicyDecision(new PathString(scoped), query);
        }
        return new PolicyDecision(path, query);
    }

    /// <summary>Adds a selector term, keeping the caller's own terms (selectors are comma-separated conjunctions).</summary>
    private static QueryString With(QueryString query, string key, string term)
    {
        var values = QueryHelpers.ParseQuery(query.Value);
        var combined = values.TryGetValue(key, out var existing) && existing.ToString().Length > 0 ? $"{existing},{term}" : term;
        var builder = new QueryBuilder(values.Where(p => p.Key != key).SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v ?? ""))))
        {
            { key, combined },
        };
        return builder.ToQueryString();
    }
}
