using k8s.Models;

namespace Kubelink.Simulator.Discovery;

/// <summary>The built-in kinds, with the names, short names and subresources a real v1.31 server advertises.</summary>
internal static class BuiltInResources
{
    private static readonly string[] All = ["all"];
    private static readonly string[] CreateOnly = ["create"];
    private static readonly string[] StatusVerbs = ["get", "patch", "update"];

    /// <summary>Verbs of a status-like subresource.</summary>
    public static IReadOnlyList<string> SubresourceVerbs(string subresource) =>
        subresource == "log" ? ["get"] : StatusVerbs;

    public static IReadOnlyList<ResourceType> Create() =>
    [
        Core("namespaces", "Namespace", false, typeof(V1Namespace), ["ns"]) with { Subresources = ["status", "finalize"] },
        Core("nodes", "Node", false, typeof(V1Node), ["no"]) with { Subresources = ["status"] },
        Core("pods", "Pod", true, typeof(V1Pod), ["po"]) with { Categories = All, Subresources = ["status", "log"] },
        Core("services", "Service", true, typeof(V1Service), ["svc"]) with { Categories = All, Subresources = ["status"] },
        Core("configmaps", "ConfigMap", true, typeof(V1ConfigMap), ["cm"]),
        Core("secrets", "Secret", true, typeof(V1Secret), []),
        Core("events", "Event", true, typeof(Corev1Event), ["ev"]),
        Core("serviceaccounts", "ServiceAccount", true, typeof(V1ServiceAccount), ["sa"]) with { Subresources = ["token"] },
        Core("endpoints", "Endpoints", true, typeof(V1Endpoints), ["ep"]) with { Singular = "endpoints" },
        Core("persistentvolumeclaims", "PersistentVolumeClaim", true, typeof(V1PersistentVolumeClaim), ["pvc"]) with { Subresources = ["status"] },
        Apps("deployments", "Deployment", typeof(V1Deployment), ["deploy"]),
        Apps("replicasets", "ReplicaSet", typeof(V1ReplicaSet), ["rs"]),
        Apps("statefulsets", "StatefulSet", typeof(V1StatefulSet), ["sts"]),
        Apps("daemonsets", "DaemonSet", typeof(V1DaemonSet), ["ds"]),
        new ResourceType("batch", "v1", "jobs", "Job", true) { ModelType = typeof(V1Job), Categories = All, Subresources = ["status"] },
        new ResourceType("batch", "v1", "cronjobs", "CronJob", true) { ModelType = typeof(V1CronJob), ShortNames = ["cj"], Categories = All, Subresources = ["status"] },
        Rbac("roles", "Role", true, typeof(V1Role)),
        Rbac("rolebindings", "RoleBinding", true, typeof(V1RoleBinding)),
        Rbac("clusterroles", "ClusterRole", false, typeof(V1ClusterRole)),
        Rbac("clusterrolebindings", "ClusterRoleBinding", false, typeof(V1ClusterRoleBinding)),
        Review("selfsubjectaccessreviews", "SelfSubjectAccessReview", typeof(V1SelfSubjectAccessReview)),
        Review("selfsubjectrulesreviews", "SelfSubjectRulesReview", typeof(V1SelfSubjectRulesReview)),
        Review("subjectaccessreviews", "SubjectAccessReview", typeof(V1SubjectAccessReview)),
        new ResourceType("authentication.k8s.io", "v1", "selfsubjectreviews", "SelfSubjectReview", false)
        {
            ModelType = typeof(V1SelfSubjectReview), Verbs = CreateOnly, Virtual = true,
        },
        new ResourceType("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false)
        {
            ModelType = typeof(V1CustomResourceDefinition), ShortNames = ["crd", "crds"], Subresources = ["status"],
        },
    ];

    private static ResourceType Core(string plural, string kind, bool namespaced, Type model, string[] shortNames) =>
        new("", "v1", plural, kind, namespaced) { ModelType = model, ShortNames = shortNames };

    private static ResourceType Apps(string plural, string kind, Type model, string[] shortNames) =>
        new("apps", "v1", plural, kind, true)
        {
            ModelType = model, ShortNames = shortNames, Categories = All,
            Subresources = plural == "daemonsets" ? ["status"] : ["status", "scale"],
        };

    private static ResourceType Rbac(string plural, string kind, bool namespaced, Type model) =>
        new("rbac.authorization.k8s.io", "v1", plural, kind, namespaced) { ModelType = model };

    private static ResourceType Review(string plural, string kind, Type model) =>
        new("authorization.k8s.io", "v1", plural, kind, false)
        {
            ModelType = model, Verbs = CreateOnly, Virtual = true,
        };
}
