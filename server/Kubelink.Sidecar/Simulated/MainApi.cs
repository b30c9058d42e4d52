using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Kubelink.Sidecar.Simulated;

/// <summary>A refusal of the main cluster, with its status and the API server's own message.</summary>
internal sealed class MainApiException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}

/// <summary>
/// The few JSON calls the agent makes to the main cluster: create (an existing object is fine: every step is re-run after
/// a crash), status merge-patch, list, delete. Over the main cluster's pooled upstream transport, with its credentials.
/// </summary>
internal sealed class MainApi(HttpClient http)
{
    /// <summary>Creates the object; returns false when it already existed (409 AlreadyExists).</summary>
    public async Task<bool> CreateAsync(string collectionPath, JsonObject body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, collectionPath, body, "application/json", cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
        await EnsureAsync(response, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task MergePatchAsync(string path, JsonObject patch, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Patch, path, patch, "application/merge-patch+json", cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The object, or null when it does not exist.</summary>
    public async Task<JsonObject?> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        await EnsureAsync(response, cancellationToken).ConfigureAwait(false);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)) as JsonObject;
    }

    public async Task<JsonArray> ListAsync(string path, CancellationToken cancellationToken) =>
        (await GetAsync(path, cancellationToken).ConfigureAwait(false))?["items"] as JsonArray ?? [];

    /// <summary>Deletes; a missing object is not an error (the deletion may have happened before a crash).</summary>
    public async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Delete, path, null, null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonNode? body, string? contentType, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, path.TrimStart('/'));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType!);
        }
        return http.SendAsync(request, cancellationToken);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var message = TryMessage(text) ?? $"HTTP {(int)response.StatusCode}";
        throw new MainApiException(response.StatusCode, $"the main cluster refused {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {message}");
    }

    private static string? TryMessage(string text)
    {
        try
        {
            return (JsonNode.Parse(text) as JsonObject)?["message"]?.ToString();
        }
        catch (System.Text.Json.JsonException)
        {
            return text.Length > 200 ? text[..200] : text;
        }
    }
}
