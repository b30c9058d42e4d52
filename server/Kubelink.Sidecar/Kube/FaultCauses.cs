using System.Net;
using System.Text.Json;
using Kubelink.Protocol.Clusters;

namespace Kubelink.Sidecar.Kube;

/// <summary><see cref="FaultCause"/> as text (the wire's camelCase, also in the proxy's <c>X-Kubelink-Cause</c> header) and from HTTP statuses.</summary>
internal static class FaultCauses
{
    public static string ToWire(this FaultCause cause) => JsonNamingPolicy.CamelCase.ConvertName(cause.ToString());

    public static bool TryParse(string text, out FaultCause cause) => Enum.TryParse(text, ignoreCase: true, out cause) && Enum.IsDefined(cause);

    /// <summary>The cause of an error status the server itself answered.</summary>
    public static FaultCause OfStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => FaultCause.Unauthorized,
        HttpStatusCode.Forbidden => FaultCause.Forbidden,
        HttpStatusCode.Gone => FaultCause.Gone,
        HttpStatusCode.NotFound => FaultCause.NotFound,
        _ => FaultCause.Http,
    };

    /// <summary>Causes that say the connection itself is in doubt (what the proxy reports to the health monitor).</summary>
    public static bool IsConnectionFault(this FaultCause cause) =>
        cause is FaultCause.Refused or FaultCause.Reset or FaultCause.Timeout or FaultCause.Dns or FaultCause.Tls;
}
