using Microsoft.AspNetCore.Http;

namespace Kubelink.Simulator.Http;

/// <summary>Reads the representations a client asks for in its Accept header.</summary>
internal static class ContentNegotiation
{
    public const string AggregatedDiscoveryV2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    public const string AggregatedDiscoveryV2Beta1 = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

    /// <summary>The first acceptable representation among JSON, Table and aggregated discovery, in client order.</summary>
    public static string Preferred(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        if (accept.Length == 0)
        {
            return "json";
        }
        foreach (var raw in accept.Split(','))
        {
            var item = raw.Replace(" ", "", StringComparison.Ordinal);
            var media = item.Split(';')[0];
            if (media is not ("application/json" or "*/*" or "application/*"))
            {
                continue;
            }
            if (item.Contains("as=Table", StringComparison.Ordinal))
            {
                return item.Contains("g=meta.k8s.io", StringComparison.Ordinal) ? "table" : "json";
            }
            if (item.Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal))
            {
                if (item.Contains("v=v2beta1", StringComparison.Ordinal))
                {
                    return "discovery-v2beta1";
                }
                if (item.Contains("v=v2", StringComparison.Ordinal))
                {
                    return "discovery-v2";
                }
                continue;
            }
            if (item.Contains("as=", StringComparison.Ordinal))
            {
                continue;
            }
            return "json";
        }
        return "unacceptable";
    }
}
