namespace Kubelink.Simulator.Http.Protobuf;

/// <summary>How a protobuf field maps to JSON.</summary>
internal enum ProtoKind
{
    String,
    Bytes,
    Int,
    Bool,
    Message,
    StringMap,
    BytesMap,
    RepeatedString,
    RepeatedMessage,
    QuantityMap,
    IntOrString,
}

/// <summary>A field of a Kubernetes protobuf message: its JSON name, shape and (for messages) type.</summary>
internal sealed record ProtoField(string Name, ProtoKind Kind, string? Message = null);

/// <summary>
/// Field numbers of the Kubernetes messages that kubectl (1.32+) sends protobuf-encoded from its typed clients:
/// the access reviews behind <c>kubectl auth can-i</c> and <c>auth whoami</c>, and the objects the
/// <c>kubectl create configmap|secret|namespace|serviceaccount|role|clusterrole|rolebinding|clusterrolebinding|
/// deployment|job|cronjob|service</c> generators build. They follow the upstream generated.proto definitions; fields not listed are skipped.
/// </summary>
internal static class ProtoSchemas
{
    private static readonly Dictionary<string, Dictionary<int, ProtoField>> Messages = new()
    {
        ["ObjectMeta"] = new()
        {
            [1] = new("name", ProtoKind.String), [2] = new("generateName", ProtoKind.String),
            [3] = new("namespace", ProtoKind.String), [5] = new("uid", ProtoKind.String),
            [6] = new("resourceVersion", ProtoKind.String), [11] = new("labels", ProtoKind.StringMap),
            [12] = new("annotations", ProtoKind.StringMap), [13] = new("ownerReferences", ProtoKind.RepeatedMessage, "OwnerReference"),
            [14] = new("finalizers", ProtoKind.RepeatedString),
        },
        ["OwnerReference"] = new()
        {
            [1] = new("kind", ProtoKind.String), [3] = new("name", ProtoKind.String), [4] = new("uid", ProtoKind.String),
            [5] = new("apiVersion", ProtoKind.String), [6] = new("controller", ProtoKind.Bool), [7] = new("blockOwnerDeletion", ProtoKind.Bool),
        },
        ["SelfSubjectAccessReview"] = Object("SelfSubjectAccessReviewSpec"),
        ["SelfSubjectAccessReviewSpec"] = new()
        {
            [1] = new("resourceAttributes", ProtoKind.Message, "ResourceAttributes"),
            [2] = new("nonResourceAttributes", ProtoKind.Message, "NonResourceAttributes"),
        },
        ["SubjectAccessReview"] = Object("SubjectAccessReviewSpec"),
        ["SubjectAccessReviewSpec"] = new()
        {
            [1] = new("resourceAttributes", ProtoKind.Message, "ResourceAttributes"),
            [2] = new("nonResourceAttributes", ProtoKind.Message, "NonResourceAttributes"),
            [3] = new("user", ProtoKind.String), [4] = new("groups", ProtoKind.RepeatedString), [6] = new("uid", ProtoKind.String),
        },
        ["ResourceAttributes"] = new()
        {
            [1] = new("namespace", ProtoKind.String), [2] = new("verb", ProtoKind.String), [3] = new("group", ProtoKind.String),
            [4] = new("version", ProtoKind.String), [5] = new("resource", ProtoKind.String), [6] = new("subresource", ProtoKind.String),
            [7] = new("name", ProtoKind.String),
        },
        ["NonResourceAttributes"] = new() { [1] = new("path", ProtoKind.String), [2] = new("verb", ProtoKind.String) },
        ["SelfSubjectRulesReview"] = Object("SelfSubjectRulesReviewSpec"),
        ["SelfSubjectRulesReviewSpec"] = new() { [1] = new("namespace", ProtoKind.String) },
        ["SelfSubjectReview"] = new() { [1] = new("metadata", ProtoKind.Message, "ObjectMeta") },
        ["ConfigMap"] = new()
        {
            [1] = new("metadata", ProtoKind.Message, "ObjectMeta"), [2] = new("data", ProtoKind.StringMap),
            [3] = new("binaryData", ProtoKind.BytesMap), [4] = new("immutable", ProtoKind.Bool),
        },
        ["Secret"] = new()
        {
            [1] = new("metadata", ProtoKind.Message, "ObjectMeta"), [2] = new("data", ProtoKind.BytesMap), [3] = new("type", ProtoKind.String),
            [4] = new("stringData", ProtoKind.StringMap), [5] = new("immutable", ProtoKind.Bool),
        },
        ["Namespace"] = Object("NamespaceSpec"),
        ["NamespaceSpec"] = new() { [1] = new("finalizers", ProtoKind.RepeatedString) },
        ["ServiceAccount"] = new()
        {
            [1] = new("metadata", ProtoKind.Message, "ObjectMeta"),
            [3] = new("imagePullSecrets", ProtoKind.RepeatedMessage, "LocalObjectReference"),
            [4] = new("automountServiceAccountToken", ProtoKind.Bool),
        },
        ["LocalObjectReference"] = new() { [1] = new("name", ProtoKind.String) },
        ["Role"] = new() { [1] = new("metadata", ProtoKind.Message, "ObjectMeta"), [2] = new("rules", ProtoKind.RepeatedMessage, "PolicyRule") },
        ["ClusterRole"] = new() { [1] = new("metadata", ProtoKind.Message, "ObjectMeta"), [2] = new("rules", ProtoKind.RepeatedMessage, "PolicyRule") },
        ["PolicyRule"] = new()
        {
            [1] = new("verbs", ProtoKind.RepeatedString), [2] = new("apiGroups", ProtoKind.RepeatedString),
            [3] = new("resources", ProtoKind.RepeatedString), [4] = new("resourceNames", ProtoKind.RepeatedString),
            [5] = new("nonResourceURLs", ProtoKind.RepeatedString),
        },
        ["RoleBinding"] = Binding(),
        ["ClusterRoleBinding"] = Binding(),
        ["Subject"] = new()
        {
            [1] = new("kind", ProtoKind.String), [2] = new("apiGroup", ProtoKind.String), [3] = new("name", ProtoKind.String),
            [4] = new("namespace", ProtoKind.String),
        },
        ["RoleRef"] = new() { [1] = new("apiGroup", ProtoKind.String), [2] = new("kind", ProtoKind.String), [3] = new("name", ProtoKind.String) },
        ["Deployment"] = Object("DeploymentSpec"),
        ["DeploymentSpec"] = new()
        {
            [1] = new("replicas", ProtoKind.Int), [2] = new("selector", ProtoKind.Message, "LabelSelector"),
            [3] = new("template", ProtoKind.Message, "PodTemplateSpec"), [5] = new("minReadySeconds", ProtoKind.Int),
            [6] = new("revisionHistoryLimit", ProtoKind.Int), [7] = new("paused", ProtoKind.Bool),
            [9] = new("progressDeadlineSeconds", ProtoKind.Int),
        },
        ["LabelSelector"] = new()
        {
            [1] = new("matchLabels", ProtoKind.StringMap), [2] = new("matchExpressions", ProtoKind.RepeatedMessage, "LabelSelectorRequirement"),
        },
        ["LabelSelectorRequirement"] = new()
        {
            [1] = new("key", ProtoKind.String), [2] = new("operator", ProtoKind.String), [3] = new("values", ProtoKind.RepeatedString),
        },
        ["PodTemplateSpec"] = new() { [1] = new("metadata", ProtoKind.Message, "ObjectMeta"), [2] = new("spec", ProtoKind.Message, "PodSpec") },
        ["PodSpec"] = new()
        {
            [2] = new("containers", ProtoKind.RepeatedMessage, "Container"), [3] = new("restartPolicy", ProtoKind.String),
            [4] = new("terminationGracePeriodSeconds", ProtoKind.Int), [6] = new("dnsPolicy", ProtoKind.String),
            [7] = new("nodeSelector", ProtoKind.StringMap), [8] = new("serviceAccountName", ProtoKind.String),
            [10] = new("nodeName", ProtoKind.String), [20] = new("initContainers", ProtoKind.RepeatedMessage, "Container"),
        },
        ["Container"] = new()
        {
            [1] = new("name", ProtoKind.String), [2] = new("image", ProtoKind.String), [3] = new("command", ProtoKind.RepeatedString),
            [4] = new("args", ProtoKind.RepeatedString), [5] = new("workingDir", ProtoKind.String),
            [6] = new("ports", ProtoKind.RepeatedMessage, "ContainerPort"), [7] = new("env", ProtoKind.RepeatedMessage, "EnvVar"),
            [8] = new("resources", ProtoKind.Message, "ResourceRequirements"), [14] = new("imagePullPolicy", ProtoKind.String),
            [16] = new("stdin", ProtoKind.Bool), [18] = new("tty", ProtoKind.Bool),
        },
        ["ContainerPort"] = new()
        {
            [1] = new("name", ProtoKind.String), [2] = new("hostPort", ProtoKind.Int), [3] = new("containerPort", ProtoKind.Int),
            [4] = new("protocol", ProtoKind.String),
        },
        ["EnvVar"] = new() { [1] = new("name", ProtoKind.String), [2] = new("value", ProtoKind.String) },
        ["ResourceRequirements"] = new() { [1] = new("limits", ProtoKind.QuantityMap), [2] = new("requests", ProtoKind.QuantityMap) },
        ["Job"] = Object("JobSpec"),
        ["JobSpec"] = new()
        {
            [1] = new("parallelism", ProtoKind.Int), [2] = new("completions", ProtoKind.Int), [3] = new("activeDeadlineSeconds", ProtoKind.Int),
            [4] = new("selector", ProtoKind.Message, "LabelSelector"), [6] = new("template", ProtoKind.Message, "PodTemplateSpec"),
            [7] = new("backoffLimit", ProtoKind.Int), [8] = new("ttlSecondsAfterFinished", ProtoKind.Int),
        },
        ["CronJob"] = Object("CronJobSpec"),
        ["CronJobSpec"] = new()
        {
            [1] = new("schedule", ProtoKind.String), [2] = new("startingDeadlineSeconds", ProtoKind.Int),
            [3] = new("concurrencyPolicy", ProtoKind.String), [4] = new("suspend", ProtoKind.Bool),
            [5] = new("jobTemplate", ProtoKind.Message, "JobTemplateSpec"), [6] = new("successfulJobsHistoryLimit", ProtoKind.Int),
            [7] = new("failedJobsHistoryLimit", ProtoKind.Int), [8] = new("timeZone", ProtoKind.String),
        },
        ["JobTemplateSpec"] = new() { [1] = new("metadata", ProtoKind.Message, "ObjectMeta"), [2] = new("spec", ProtoKind.Message, "JobSpec") },
        ["Service"] = Object("ServiceSpec"),
        ["ServiceSpec"] = new()
        {
            [1] = new("ports", ProtoKind.RepeatedMessage, "ServicePort"), [2] = new("selector", ProtoKind.StringMap),
            [3] = new("clusterIP", ProtoKind.String), [4] = new("type", ProtoKind.String), [5] = new("externalIPs", ProtoKind.RepeatedString),
            [7] = new("sessionAffinity", ProtoKind.String), [10] = new("externalName", ProtoKind.String),
        },
        ["ServicePort"] = new()
        {
            [1] = new("name", ProtoKind.String), [2] = new("protocol", ProtoKind.String), [3] = new("port", ProtoKind.Int),
            [4] = new("targetPort", ProtoKind.IntOrString), [5] = new("nodePort", ProtoKind.Int),
        },
    };

    public static Dictionary<int, ProtoField>? Find(string message) => Messages.GetValueOrDefault(message);

    private static Dictionary<int, ProtoField> Object(string spec) => new()
    {
        [1] = new("metadata", ProtoKind.Message, "ObjectMeta"),
        [2] = new("spec", ProtoKind.Message, spec),
    };

    private static Dictionary<int, ProtoField> Binding() => new()
    {
        [1] = new("metadata", ProtoKind.Message, "ObjectMeta"),
        [2] = new("subjects", ProtoKind.RepeatedMessage, "Subject"),
        [3] = new("roleRef", ProtoKind.Message, "RoleRef"),
    };
}
