using Kubelink.Simulator.Auth;

namespace Kubelink.Simulator.Rbac;

/// <summary>An authorization verdict and the reason the real authorizer would give.</summary>
internal readonly record struct Decision(bool Allowed, string Reason);

/// <summary>The rules that apply to a user in a namespace, plus errors met while collecting them.</summary>
internal sealed record RuleSet(List<PolicyRule> ResourceRules, List<PolicyRule> NonResourceRules, List<string> Errors);

/// <summary>
/// The RBAC authorizer: <c>system:masters</c> bypasses it; everyone else is allowed only by a rule of a role
/// bound to them through a ClusterRoleBinding, or a RoleBinding in the request's namespace.
/// </summary>
internal sealed class RbacAuthorizer(RbacCache cache)
{
    public Decision Authorize(UserInfo user, AccessRequest request)
    {
        if (user.IsMaster)
        {
            return new Decision(true, "");
        }
        var snapshot = cache.Current;
        foreach (var binding in Applicable(snapshot, user, request.IsResourceRequest ? request.Namespace : ""))
        {
            var rules = snapshot.RulesOf(binding.Binding);
            if (rules is not null && rules.Any(rule => RuleMatching.Allows(rule, request)))
            {
                var roleKind = binding.Binding.RoleKind == "ClusterRole" ? "ClusterRole" : "Role";
                return new Decision(true,
                    $"RBAC: allowed by {binding.Binding.Describe()} of {roleKind} \"{binding.Binding.RoleName}\" to {binding.Subject.Kind} \"{binding.Subject.Name}\"");
            }
        }
        return new Decision(false, "");
    }

    /// <summary>Everything the user may do in the namespace, as SelfSubjectRulesReview reports it.</summary>
    public RuleSet RulesFor(UserInfo user, string ns)
    {
        var result = new RuleSet([], [], []);
        var snapshot = cache.Current;
        var seen = new HashSet<Binding>();
        foreach (var (binding, _) in Applicable(snapshot, user, ns))
        {
            if (!seen.Add(binding))
            {
                continue;
            }
            var rules = snapshot.RulesOf(binding);
            if (rules is null)
            {
                var kind = binding.RoleKind == "ClusterRole" ? "clusterrole" : "role";
                result.Errors.Add($"{kind}.rbac.authorization.k8s.io \"{binding.RoleName}\" not found");
                continue;
            }
            foreach (var rule in rules)
            {
                var target = rule.NonResourceUrls.Length > 0 && !rule.IsResourceRule ? result.NonResourceRules : result.ResourceRules;
                target.Add(rule);
            }
        }
        return result;
    }

    private static IEnumerable<(Binding Binding, Subject Subject)> Applicable(RbacSnapshot snapshot, UserInfo user, string ns)
    {
        foreach (var binding in snapshot.ClusterBindings)
        {
            if (Match(binding, user) is { } subject)
            {
                yield return (binding, subject);
            }
        }
        if (ns.Length > 0 && snapshot.NamespaceBindings.TryGetValue(ns, out var bindings))
        {
            foreach (var binding in bindings)
            {
                if (Match(binding, user) is { } subject)
                {
                    yield return (binding, subject);
                }
            }
        }
    }

    private static Subject? Match(Binding binding, UserInfo user)
    {
        foreach (var subject in binding.Subjects)
        {
            var applies = subject.Kind switch
            {
                "User" => subject.Name == user.Name,
                "Group" => user.Groups.Contains(subject.Name),
                "ServiceAccount" => user.Name == $"system:serviceaccount:{subject.Namespace ?? binding.Namespace}:{subject.Name}",
                _ => false,
            };
            if (applies)
            {
                return subject;
            }
        }
        return null;
    }
}
