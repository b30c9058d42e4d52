using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Proxy;

namespace Kubelink.Sidecar.Kube;

/// <summary>
/// The Kubernetes HTTP client for JSON calls: GET, POST and access reviews, every failure a <see cref="KubeApiException"/>
/// with a typed cause. Activation sends its calls through the cluster's own proxy route (<see cref="ForRoute"/>: the
/// route is what kubectl and the views will use, so checking through it proves the whole path, as Lens does); the
/// permission reviews and the metadata refresh go straight over the cluster's transport.
/// </summary>
internal sealed class KubeApi(HttpClient http) : IDisposable
{
    public void Dispose() => http.Dispose();

    public const string AggregatedDiscovery = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";

    public static KubeApi ForRoute(ProxyServer proxy, string clusterId, string token)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => proxy.Certificate.Validates(certificate) },
        };
        var proxyBase = proxy.BaseUrl;
        var http = new HttpClient(handler, disposeHandler: true)
        {
            // One multiplexed connection to the proxy instead of one TLS handshake per concurrent check.
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            BaseAddress = new Uri(proxyBase, $"/clusters/{clusterId}/"),
            Timeout = TimeSpan.FromSeconds(15),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        // Upstream over the cluster's open HTTP/2 connection rather than a new HTTP/1.1 one (see ProxyEndpoint).
        http.DefaultRequestHeaders.Add(ProxyEndpoint.MultiplexedHeader, ProxyEndpoint.MultiplexedValue);
        return new KubeApi(http);
    }

    /// <summary>
    /// A request with the client's HTTP version: <see cref="HttpClient.DefaultRequestVersion"/> only applies to the
    /// client's own helpers, and a hand-made message is HTTP/1.1, so each concurrent check and review opened an HTTP/1.1
    /// connection of its own (TCP and TLS per connection; 7 for one activation, B1) instead of sharing one HTTP/2 connection.
    /// </summary>
    private HttpRequestMessage Request(HttpMethod method, string path) =>
        new(method, path.TrimStart('/')) { Version = http.DefaultRequestVersion, VersionPolicy = http.DefaultVersionPolicy };

    public async Task<(JsonNode Body, string? ContentType)> GetAsync(string path, string? accept, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public async Task<JsonNode> PostAsync(string path, JsonNode body, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, path);
        request.Content = JsonContent.Create(body);
        return (await SendAsync(request, cancellationToken).ConfigureAwait(false)).Body;
    }

    /// <summary>SelfSubjectAccessReview: may the user do <paramref name="verb"/> on everything (in <paramref name="ns"/>, or cluster-wide)?</summary>
    public Task<bool> CanAsync(string verb, string? ns, CancellationToken cancellationToken) => CanAsync(verb, ns, "*", "*", cancellationToken);

    /// <summary>SelfSubjectAccessReview for one resource of one group.</summary>
    public async Task<bool> CanAsync(string verb, string? ns, string resource, string group, CancellationToken cancellationToken)
    {
        var attributes = new JsonObject { ["verb"] = verb, ["resource"] = resource, ["group"] = group };
        if (ns is not null)
        {
            attributes["namespace"] = ns;
        }

        var review = new JsonObject
        {
            ["apiVersion"] = "authorization.k8s.io/v1",
            ["kind"] = "SelfSubjectAccessReview",
            ["spec"] = new JsonObject { ["resourceAttributes"] = attributes },
        };
        var answer = await PostAsync("apis/authorization.k8s.io/v1/selfsubjectaccessreviews", review, cancellationToken).ConfigureAwait(false);
        return answer["status"]?["allowed"]?.GetValue<bool>() == true;
    }

    private async Task<(JsonNode Body, string? ContentType)> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KubeApiException(HttpStatusCode.GatewayTimeout, FaultCause.Timeout, "The API server did not answer within 15 s. It may be overloaded or unreachable.");
        }
        catch (HttpRequestException e)
        {
            // The call to our own loopback proxy failed (not the cluster: the proxy reports those as 502 with a cause).
            var (cause, message) = NetworkErrors.Describe(e);
            throw new KubeApiException(HttpStatusCode.BadGateway, cause, $"The Kubelink proxy could not be reached: {message}");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return (JsonNode.Parse(text) ?? new JsonObject(), response.Content.Headers.ContentType?.ToString());
            }

            var message = TryStatusMessage(text) ?? response.ReasonPhrase ?? "request failed";
            var cause = response.Headers.TryGetValues(KubeStatus.CauseHeader, out var values) && FaultCauses.TryParse(values.First(), out var proxied)
                ? proxied
                : FaultCauses.OfStatus(response.StatusCode);
            throw new KubeApiException(response.StatusCode, cause, message);
        }
    }

    /// <summary>The <c>message</c> of a Kubernetes <c>Status</c> body, or null when the body is not one.</summary>
    internal static string? TryStatusMessage(string text)
    {
        try
        {
            return JsonNode.Parse(text)?["message"]?.GetValue<string>();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
