namespace Kubelink.Sidecar.Clusters.Activation;

/// <summary>A LIST-able kind the server serves (subresources and kinds without the list verb are left out).</summary>
internal sealed record ApiResource(string Group, string Version, string Resource, string Kind, bool Namespaced);
