namespace Kubelink.Sidecar.Kube;

/// <summary>
/// What one watch cache holds: one kind of one cluster, in one namespace or (null) cluster-wide. Every subscription and
/// list call that needs the same thing shares the cache with this key.
/// </summary>
internal sealed record ResourceKey(string ClusterId, string Group, string Version, string Resource, string? Namespace)
{
    /// <summary>The collection's path relative to the API server (<c>api/v1/namespaces/team-a/pods</c>).</summary>
    public string CollectionPath => Collection(Namespace);

    /// <summary>One object's path.</summary>
    public string ObjectPath(string? ns, string name) => $"{Collection(ns)}/{Uri.EscapeDataString(name)}";

    /// <summary>For messages: <c>pods</c>, <c>deployments.apps</c>.</summary>
    public string KindName => Group.Length == 0 ? Resource : $"{Resource}.{Group}";

    public string Where => Namespace is null ? "all namespaces" : $"namespace '{Namespace}'";

    private string Collection(string? ns)
    {
        var root = Group.Length == 0 ? $"api/{Uri.EscapeDataString(Version)}" : $"apis/{Uri.EscapeDataString(Group)}/{Uri.EscapeDataString(Version)}";
        return ns is null ? $"{root}/{Uri.EscapeDataString(Resource)}" : $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{Uri.EscapeDataString(Resource)}";
    }
}
