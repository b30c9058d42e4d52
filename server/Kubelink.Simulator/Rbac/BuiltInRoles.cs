using System.Text.Json.Nodes;

namespace Kubelink.Simulator.Rbac;

/// <summary>
/// The bootstrap policy a fresh cluster has: cluster-admin, the aggregated admin/edit/view roles and the
/// discovery and self-review rights every authenticated user gets. Rule sets follow the upstream ones.
/// </summary>
internal static class BuiltInRoles
{
    private static readonly string[] Read = ["get", "list", "watch"];
    private static readonly string[] Write = ["create", "delete", "deletecollection", "patch", "update"];
    private static readonly string[] ReadWrite = [.. Write, .. Read];

    private static readonly string[] CoreView =
    [
        "configmaps", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "pods", "pods/log", "pods/status",
        "replicationcontrollers", "replicationcontrollers/scale", "replicationcontrollers/status", "serviceaccounts", "services",
        "services/status", "bindings", "events", "limitranges", "namespaces", "namespaces/status", "resourcequotas",
        "resourcequotas/status",
    ];

    private static readonly string[] AppsResources =
    [
        "controllerrevisions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status",
        "replicasets", "replicasets/scale", "replicasets/status", "statefulsets", "statefulsets/scale", "statefulsets/status",
    ];

    private static readonly string[] BatchResources = ["cronjobs", "cronjobs/status", "jobs", "jobs/status"];

    public static IEnumerable<JsonObject> ClusterRoles()
    {
        yield return Role("cluster-admin", [], null,
            PolicyRule.Resource(["*"], ["*"], ["*"]), PolicyRule.NonResource(["*"], ["*"]));
        yield return Role("system:aggregate-to-view", Label("view"), null,
            PolicyRule.Resource([""], CoreView, Read),
            PolicyRule.Resource(["apps"], AppsResources, Read),
            PolicyRule.Resource(["batch"], BatchResources, Read),
            PolicyRule.Resource(["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"], Read),
            PolicyRule.Resource(["networking.k8s.io"], ["ingresses", "ingresses/status", "networkpolicies"], Read),
            PolicyRule.Resource(["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"], Read),
            PolicyRule.Resource(["discovery.k8s.io"], ["endpointslices"], Read));
        yield return Role("system:aggregate-to-edit", Label("edit"), null,
            PolicyRule.Resource([""], ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"], Read),
            PolicyRule.Resource([""], ["serviceaccounts"], ["impersonate"]),
            PolicyRule.Resource([""],
                ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "configmaps", "endpoints", "events",
                    "persistentvolumeclaims", "replicationcontrollers", "replicationcontrollers/scale", "secrets",
                    "serviceaccounts", "services", "services/proxy"], Write),
            PolicyRule.Resource([""], ["serviceaccounts/token"], ["create"]),
            PolicyRule.Resource(["apps"],
                ["daemonsets", "deployments", "deployments/rollback", "deployments/scale", "replicasets", "replicasets/scale",
                    "statefulsets", "statefulsets/scale"], Write),
            PolicyRule.Resource(["batch"], ["cronjobs", "jobs"], Write),
            PolicyRule.Resource(["autoscaling"], ["horizontalpodautoscalers"], Write),
            PolicyRule.Resource(["networking.k8s.io"], ["ingresses", "networkpolicies"], Write),
            PolicyRule.Resource(["policy"], ["poddisruptionbudgets"], Write));
        yield return Role("system:aggregate-to-admin", Label("admin"), null,
            PolicyRule.Resource(["authorization.k8s.io"], ["localsubjectaccessreviews"], ["create"]),
            PolicyRule.Resource([RbacSnapshot.Group], ["rolebindings", "roles"], ReadWrite));
        yield return Role("view", Label("edit"), "view");
        yield return Role("edit", Label("admin"), "edit");
        yield return Role("admin", [], "admin");
        yield return Role("system:basic-user", [], null,
            PolicyRule.Resource(["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"], ["create"]),
            PolicyRule.Resource(["authentication.k8s.io"], ["selfsubjectreviews"], ["create"]));
        yield return Role("system:discovery", [], null,
            PolicyRule.NonResource(
                ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"],
                ["get"]));
        yield return Role("system:public-info-viewer", [], null,
            PolicyRule.NonResource(["/healthz", "/livez", "/readyz", "/version", "/version/"], ["get"]));
    }

    public static IEnumerable<JsonObject> ClusterRoleBindings()
    {
        yield return ClusterBinding("cluster-admin", "cluster-admin", "system:masters");
        yield return ClusterBinding("system:basic-user", "system:basic-user", "system:authenticated");
        yield return ClusterBinding("system:discovery", "system:discovery", "system:authenticated");
        yield return ClusterBinding("system:public-info-viewer", "system:public-info-viewer", "system:authenticated");
    }

    /// <summary>A RoleBinding granting a ClusterRole to one user in one namespace.</summary>
    public static JsonObject UserRoleBinding(string name, string ns, string clusterRole, string user) => new()
    {
        ["apiVersion"] = "rbac.authorization.k8s.io/v1",
        ["kind"] = "RoleBinding",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["roleRef"] = RoleRef(clusterRole),
        ["subjects"] = new JsonArray(Subject("User", user)),
    };

    private static JsonObject Role(string name, Dictionary<string, string> labels, string? aggregateFrom, params PolicyRule[] rules)
    {
        var meta = new JsonObject { ["name"] = name };
        labels["kubernetes.io/bootstrapping"] = "rbac-defaults";
        meta["labels"] = new JsonObject(labels.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        var role = new JsonObject
        {
            ["apiVersion"] = "rbac.authorization.k8s.io/v1",
            ["kind"] = "ClusterRole",
            ["metadata"] = meta,
        };
        if (aggregateFrom is not null)
        {
            role["aggregationRule"] = new JsonObject
            {
                ["clusterRoleSelectors"] = new JsonArray(new JsonObject
                {
                    ["matchLabels"] = new JsonObject { [$"rbac.authorization.k8s.io/aggregate-to-{aggregateFrom}"] = "true" },
                }),
            };
        }
        role["rules"] = new JsonArray(rules.Select(r => (JsonNode?)r.ToJson()).ToArray());
        return role;
    }

    private static Dictionary<string, string> Label(string aggregateTo) => new()
    {
        [$"rbac.authorization.k8s.io/aggregate-to-{aggregateTo}"] = "true",
    };

    private static JsonObject ClusterBinding(string name, string role, string group) => new()
    {
        ["apiVersion"] = "rbac.authorization.k8s.io/v1",
        ["kind"] = "ClusterRoleBinding",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["roleRef"] = RoleRef(role),
        ["subjects"] = new JsonArray(Subject("Group", group)),
    };

    private static JsonObject RoleRef(string name) => new()
    {
        ["apiGroup"] = "rbac.authorization.k8s.io",
        ["kind"] = "ClusterRole",
        ["name"] = name,
    };

    private static JsonObject Subject(string kind, string name) => new()
    {
        ["apiGroup"] = "rbac.authorization.k8s.io",
        ["kind"] = kind,
        ["name"] = name,
    };
}
