using System.Net;
using Kubelink.Protocol.Clusters;

namespace Kubelink.Sidecar.Kube;

/// <summary>
/// A failed Kubernetes API call, with its typed cause. <see cref="Status"/> 0 means the server never answered (a network
/// fault); anything else is the server's own answer (403, 410, 5xx) or the proxy's 502, which callers treat differently.
/// </summary>
internal sealed class KubeApiException(HttpStatusCode status, FaultCause cause, string message, Exception? inner = null) : Exception(message, inner)
{
    public HttpStatusCode Status { get; } = status;

    public FaultCause Cause { get; } = cause;
}
