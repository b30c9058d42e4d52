using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubelink.Protocol.Clusters;

namespace Kubelink.Sidecar.Kube;

/// <summary>
/// LIST pages, WATCH streams and GETs straight to the API server over one generation's client. Every failure becomes a
/// <see cref="KubeApiException"/> with a cause; status 0 means the server never answered (a network fault), anything else is
/// the server's own answer (403, 410, 5xx), which callers treat differently.
/// </summary>
internal sealed class ResourceApi(HttpClient http)
{
    public async Task<JsonDocument> ListAsync(ResourceKey key, int limit, string? continueToken, CancellationToken cancellationToken)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"?limit={limit}");
        if (continueToken is not null)
        {
            query += "&continue=" + Uri.EscapeDataString(continueToken);
        }

        using var response = await SendAsync(key.CollectionPath + query, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw Malformed(e);
            }
        }
    }

    /// <summary>Streams watch events to <paramref name="onEvent"/> until the server ends the stream (normally at <paramref name="timeoutSeconds"/>).</summary>
    public async Task WatchAsync(ResourceKey key, string resourceVersion, int timeoutSeconds, Action<string, JsonElement> onEvent, CancellationToken cancellationToken)
    {
        var path = string.Create(CultureInfo.InvariantCulture,
            $"{key.CollectionPath}?watch=1&allowWatchBookmarks=true&timeoutSeconds={timeoutSeconds}&resourceVersion={Uri.EscapeDataString(resourceVersion)}");
        using var response = await SendAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                using var document = Parse(line);
                onEvent(document.RootElement.GetProperty("type").GetString() ?? "", document.RootElement.GetProperty("object"));
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw Network(e);
        }
    }

    public async Task<JsonNode> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(path, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return JsonNode.Parse(text) ?? new JsonObject();
    }

    private async Task<HttpResponseMessage> SendAsync(string path, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(path, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw Network(e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var message = KubeApi.TryStatusMessage(text) ?? $"{(int)response.StatusCode} {response.ReasonPhrase}";
            throw new KubeApiException(response.StatusCode, FaultCauses.OfStatus(response.StatusCode), message);
        }
    }

    private static JsonDocument Parse(string line)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw Malformed(e);
        }
    }

    // Treated like a 5xx: the server (or something in between) is broken, which the health monitor judges.
    private static KubeApiException Malformed(JsonException e) =>
        new(HttpStatusCode.BadGateway, FaultCause.Http, $"The API server sent malformed JSON: {e.Message}");

    private static KubeApiException Network(Exception e)
    {
        var (cause, message) = NetworkErrors.Describe(e);
        return new KubeApiException(0, cause, message, e);
    }
}
