namespace Kubelink.Sidecar.Resources.Rows;

/// <summary>The view of each kind: pods, deployments, services and nodes have their own columns; everything else gets name, namespace and age.</summary>
internal static class RowKinds
{
    public static readonly RowKind Generic = new([], _ => []);

    public static RowKind For(string group, string resource) => (group, resource) switch
    {
        ("", "pods") => PodRows.Kind,
        ("apps", "deployments") => DeploymentRows.Kind,
        ("", "services") => ServiceRows.Kind,
        ("", "nodes") => NodeRows.Kind,
        _ => Generic,
    };
}
