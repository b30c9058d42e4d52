using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL;

namespace Kubelink.Sidecar.GraphQL.Execution;

/// <summary>
/// The API server as one GraphQL request sees it: every call carries the caller's own bearer token, so a query can do
/// exactly what the caller could do with kubectl. A refusal becomes an <see cref="ExecutionError"/> carrying the API
/// server's own message and reason (a forbidden list reads as the 403's message, not as a crash).
/// </summary>
internal sealed class KubeRest(HttpClient http, string? bearerToken)
{
    public Task<JsonObject> GetAsync(string pathAndQuery, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, pathAndQuery, null, null, cancellationToken);

    public async Task<JsonObject> SendAsync(HttpMethod method, string pathAndQuery, JsonNode? body, string? contentType, CancellationToken cancellationToken) =>
        JsonObject.Create(await SendForElementAsync(method, pathAndQuery, body, contentType, cancellationToken).ConfigureAwait(false))!;

    /// <summary>The answer as a read-only element: what GraphQL resolvers read (no node per property, nothing copied per field).</summary>
    public Task<JsonElement> GetElementAsync(string pathAndQuery, CancellationToken cancellationToken) =>
        SendForElementAsync(HttpMethod.Get, pathAndQuery, null, null, cancellationToken);

    public async Task<JsonElement> SendForElementAsync(HttpMethod method, string pathAndQuery, JsonNode? body, string? contentType, CancellationToken cancellationToken)
    {
        using var request = Request(method, pathAndQuery);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? "application/json");
        }
        using var response = await SendRawAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        // The body is buffered already: parsing the bytes at once is faster than parsing the stream in chunks (B5).
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(bytes);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement.Clone() // owned by the element, so the pooled document can go back
            : throw new ExecutionError("The API server answered with JSON that is not an object.");
    }

    /// <summary>One watch connection's events, until the server ends it. Errors before the first byte throw like any call.</summary>
    public async IAsyncEnumerable<JsonObject> WatchAsync(string pathAndQuery, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, pathAndQuery);
        using var response = await SendRawAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length > 0 && JsonNode.Parse(line) is JsonObject watchEvent)
            {
                yield return watchEvent;
            }
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string pathAndQuery)
    {
        var request = new HttpRequestMessage(method, new Uri(http.BaseAddress!, pathAndQuery)) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }
        return request;
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.InnerException is System.Security.Authentication.AuthenticationException tls)
        {
            throw new KubeCallError(0, "TLSError", $"The API server at {http.BaseAddress} is not trusted: {tls.Message} Check the CA (spec.ca, or the kubeconfig's certificate-authority).");
        }
        catch (HttpRequestException e)
        {
            throw new KubeCallError(0, "Unreachable", $"The API server at {http.BaseAddress} did not answer: {e.Message}");
        }
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw KubeCallError.FromStatus((int)response.StatusCode, text);
        }
    }

}

/// <summary>A refusal or failure of the API server, as a GraphQL error: the server's message, its reason as the code.</summary>
internal sealed class KubeCallError : ExecutionError
{
    public KubeCallError(int status, string reason, string message) : base(message)
    {
        Status = status;
        Code = reason;
        Extensions ??= new Dictionary<string, object?>();
        Extensions["status"] = status;
    }

    public int Status { get; }

    public static KubeCallError FromStatus(int status, string body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject { } kubeStatus && kubeStatus["message"]?.ToString() is { } message)
            {
                return new KubeCallError(status, kubeStatus["reason"]?.ToString() ?? "Failure", message);
            }
        }
        catch (JsonException)
        {
            // not a Status object: fall through to the HTTP status.
        }
        return new KubeCallError(status, "Failure", $"The API server answered {status}: {body.Trim()}");
    }
}
