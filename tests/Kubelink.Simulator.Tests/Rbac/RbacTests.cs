using System.Text.Json.Nodes;
using Kubelink.Simulator.Auth;
using Kubelink.Simulator.Rbac;

namespace Kubelink.Simulator.Tests.Rbac;

/// <summary>RBAC evaluation against the live store: rule matching, bindings, aggregation and rules reviews.</summary>
public sealed class RbacTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private static readonly UserInfo Alice = UserInfo.Of("alice", ["devs"]);

    private RbacAuthorizer Authorizer => sim.Server.Core.Authorizer;

    private void Bind(string ns, string name, JsonObject role, string roleKind)
    {
        sim.Server.Store.Create(role);
        sim.Server.Store.Create(JsonNode.Parse($$"""
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"{{name}}","namespace":"{{ns}}"},
             "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"{{roleKind}}","name":"{{role["metadata"]!["name"]}}"},
             "subjects":[{"kind":"Group","name":"devs","apiGroup":"rbac.authorization.k8s.io"}]}
            """)!.AsObject());
    }

    [Fact]
    public void Rules_match_verbs_resource_names_subresources_and_wildcards()
    {
        Bind("team-a", "alice-logs", JsonNode.Parse("""
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"logs","namespace":"team-a"},
             "rules":[{"apiGroups":[""],"resources":["pods/log"],"verbs":["get"]},
                      {"apiGroups":[""],"resources":["configmaps"],"resourceNames":["settings"],"verbs":["get","update"]},
                      {"apiGroups":["apps"],"resources":["*/scale"],"verbs":["*"]}]}
            """)!.AsObject(), "Role");

        Assert.True(Authorizer.Authorize(Alice, new AccessRequest("get", "", "pods", "log", "team-a", "p1")).Allowed);
        Assert.False(Authorizer.Authorize(Alice, new AccessRequest("get", "", "pods", "", "team-a", "p1")).Allowed);
        Assert.True(Authorizer.Authorize(Alice, new AccessRequest("update", "", "configmaps", "", "team-a", "settings")).Allowed);
        Assert.False(Authorizer.Authorize(Alice, new AccessRequest("update", "", "configmaps", "", "team-a", "other")).Allowed);
        Assert.True(Authorizer.Authorize(Alice, new AccessRequest("patch", "apps", "deployments", "scale", "team-a", "web")).Allowed);
        Assert.False(Authorizer.Authorize(Alice, new AccessRequest("get", "", "pods", "log", "team-b", "p1")).Allowed);
    }

    [Fact]
    public void Aggregated_roles_pick_up_rules_from_labelled_cluster_roles()
    {
        var before = Authorizer.Authorize(UserInfo.Of("viewer", ["viewers"]), new AccessRequest("list", "example.dev", "widgets", "", "team-b"));
        sim.Server.Store.Create(JsonNode.Parse("""
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole",
             "metadata":{"name":"widgets-view","labels":{"rbac.authorization.k8s.io/aggregate-to-view":"true"}},
             "rules":[{"apiGroups":["example.dev"],"resources":["widgets"],"verbs":["get","list"]}]}
            """)!.AsObject());
        sim.Server.Store.Create(JsonNode.Parse("""
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"viewers","namespace":"team-b"},
             "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"edit"},
             "subjects":[{"kind":"Group","name":"viewers"}]}
            """)!.AsObject());
        Assert.False(before.Allowed);
        Assert.True(Authorizer.Authorize(UserInfo.Of("viewer", ["viewers"]), new AccessRequest("list", "example.dev", "widgets", "", "team-b")).Allowed);
        Assert.True(Authorizer.Authorize(UserInfo.Of("viewer", ["viewers"]), new AccessRequest("create", "", "secrets", "", "team-b")).Allowed);
    }

    [Fact]
    public void Rules_review_is_incomplete_when_a_binding_names_a_missing_role()
    {
        sim.Server.Store.Create(JsonNode.Parse("""
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"dangling","namespace":"kube-public"},
             "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"does-not-exist"},
             "subjects":[{"kind":"User","name":"bob"}]}
            """)!.AsObject());
        var review = sim.Server.Core.Reviews.Answer("SelfSubjectRulesReview", UserInfo.Of("bob", []),
            JsonNode.Parse("""{"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectRulesReview","spec":{"namespace":"kube-public"}}""")!.AsObject());
        Assert.True(review["status"]!["incomplete"]!.GetValue<bool>());
        Assert.Equal("clusterrole.rbac.authorization.k8s.io \"does-not-exist\" not found", review["status"]!["evaluationError"]!.GetValue<string>());
        Assert.NotEmpty(review["status"]!["nonResourceRules"]!.AsArray());
    }

    [Fact]
    public void Forbidden_messages_match_upstream_wording()
    {
        var user = UserInfo.Of("x", []);
        Assert.Equal("pods \"p\" is forbidden: User \"x\" cannot get resource \"pods/log\" in API group \"\" in the namespace \"y\"",
            Forbidden.For(user, new AccessRequest("get", "", "pods", "log", "y", "p")).Message);
        Assert.Equal("deployments.apps is forbidden: User \"x\" cannot list resource \"deployments\" in API group \"apps\" at the cluster scope",
            Forbidden.For(user, new AccessRequest("list", "apps", "deployments")).Message);
    }
}
