namespace Kubelink.Simulator.Rbac;

/// <summary>The authorization attributes of one request, as the RBAC authorizer receives them.</summary>
internal sealed record AccessRequest(
    string Verb,
    string ApiGroup = "",
    string Resource = "",
    string Subresource = "",
    string Namespace = "",
    string Name = "",
    string? Path = null)
{
    public bool IsResourceRequest => Path is null;

    public string CombinedResource => Subresource.Length == 0 ? Resource : Resource + "/" + Subresource;

    public static AccessRequest NonResource(string verb, string path) => new(verb, Path: path);
}
