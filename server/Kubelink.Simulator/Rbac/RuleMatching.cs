namespace Kubelink.Simulator.Rbac;

/// <summary>RBAC rule matching with the upstream semantics (wildcards, <c>*/subresource</c>, URL prefixes).</summary>
internal static class RuleMatching
{
    public static bool Allows(PolicyRule rule, AccessRequest request) =>
        request.IsResourceRequest
            ? VerbMatches(rule, request.Verb)
                && GroupMatches(rule, request.ApiGroup)
                && ResourceMatches(rule, request.CombinedResource, request.Subresource)
                && NameMatches(rule, request.Name)
            : VerbMatches(rule, request.Verb) && UrlMatches(rule, request.Path!);

    private static bool VerbMatches(PolicyRule rule, string verb) => rule.Verbs.Any(v => v == "*" || v == verb);

    private static bool GroupMatches(PolicyRule rule, string group) => rule.ApiGroups.Any(g => g == "*" || g == group);

    private static bool ResourceMatches(PolicyRule rule, string combined, string subresource)
    {
        foreach (var resource in rule.Resources)
        {
            if (resource == "*" || resource == combined)
            {
                return true;
            }
            if (subresource.Length > 0 && resource == "*/" + subresource)
            {
                return true;
            }
        }
        return false;
    }

    private static bool NameMatches(PolicyRule rule, string name) => rule.ResourceNames.Length == 0 || rule.ResourceNames.Contains(name);

    private static bool UrlMatches(PolicyRule rule, string path)
    {
        foreach (var url in rule.NonResourceUrls)
        {
            if (url == "*" || url == path || (url.EndsWith('*') && path.StartsWith(url[..^1], StringComparison.Ordinal)))
            {
                return true;
            }
        }
        return false;
    }
}
