using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Kubelink.Sidecar.Simulated.Rancher;

/// <summary>A refusal or an unreachable Rancher; <see cref="Status"/> is 0 when no answer came.</summary>
internal sealed class RancherApiException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>
/// The v3 calls the import needs: find or create the imported cluster, get its registration token, fetch the import YAML,
/// look a cluster up (the deletion watcher) and delete it. Every failure says what Rancher answered and what to check.
/// </summary>
internal sealed class RancherApi(HttpClient http, RancherSettings settings)
{
    public RancherSettings Settings => settings;

    /// <summary>The imported cluster named <paramref name="name"/>, or null.</summary>
    public async Task<JsonObject?> FindClusterAsync(string name, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Get, $"v3/clusters?name={Uri.EscapeDataString(name)}", null, cancellationToken).ConfigureAwait(false))?["data"]?.AsArray()
            .OfType<JsonObject>().FirstOrDefault(c => c["name"]?.ToString() == name);

    /// <summary>The cluster, or null when Rancher no longer has it (404) or is removing it.</summary>
    public async Task<JsonObject?> GetClusterAsync(string id, CancellationToken cancellationToken)
    {
        var cluster = await SendAsync(HttpMethod.Get, $"v3/clusters/{Uri.EscapeDataString(id)}", null, cancellationToken).ConfigureAwait(false);
        return cluster is null || cluster["removed"] is not null || cluster["state"]?.ToString() == "removing" ? null : cluster;
    }

    /// <summary>
    /// Whether Rancher still has the cluster. A 404 for the cluster alone is not enough to say no (a wrong URL or a proxy
    /// answers 404 for everything, and "no" deletes the simulated cluster): the cluster list must answer too, without it.
    /// </summary>
    public async Task<bool> StillHasAsync(string id, CancellationToken cancellationToken)
    {
        if (await GetClusterAsync(id, cancellationToken).ConfigureAwait(false) is not null)
        {
            return true;
        }
        var list = await SendAsync(HttpMethod.Get, $"v3/clusters?id={Uri.EscapeDataString(id)}", null, cancellationToken).ConfigureAwait(false);
        if (list?["data"] is not JsonArray data)
        {
            throw new RancherApiException(404, NotRancher($"{settings.Url}v3/clusters does not answer with a cluster list"));
        }
        return data.OfType<JsonObject>().Any(c => c["id"]?.ToString() == id && c["removed"] is null && c["state"]?.ToString() != "removing");
    }

    /// <summary>Creates an imported cluster (no driver, no node pools): Rancher waits for an agent to register it.</summary>
    public async Task<string> CreateClusterAsync(string name, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["type"] = "cluster", ["name"] = name, ["description"] = "Kubelink simulated cluster (a tenant of the agent's main cluster)" };
        var created = await SendAsync(HttpMethod.Post, "v3/clusters", body, cancellationToken).ConfigureAwait(false);
        return created?["id"]?.ToString() ?? throw new RancherApiException(0, "Rancher created the cluster but its answer has no id");
    }

    public async Task DeleteClusterAsync(string id, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Delete, $"v3/clusters/{Uri.EscapeDataString(id)}", null, cancellationToken).ConfigureAwait(false);

    /// <summary>A registration token of the cluster: an existing one, else a new one (Rancher may fill its value a moment later).</summary>
    public async Task<string> RegistrationTokenAsync(string clusterId, TimeProvider time, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var list = await SendAsync(HttpMethod.Get, $"v3/clusterregistrationtokens?clusterId={Uri.EscapeDataString(clusterId)}", null, cancellationToken).ConfigureAwait(false);
            var token = list?["data"]?.AsArray().OfType<JsonObject>().Select(t => t["token"]?.ToString()).FirstOrDefault(t => !string.IsNullOrEmpty(t));
            if (token is not null)
            {
                return token;
            }
            if (attempt == 1)
            {
                var created = await SendAsync(HttpMethod.Post, "v3/clusterregistrationtokens", new JsonObject { ["type"] = "clusterRegistrationToken", ["clusterId"] = clusterId }, cancellationToken).ConfigureAwait(false);
                if (created?["token"]?.ToString() is { Length: > 0 } fresh)
                {
                    return fresh;
                }
            }
            await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken).ConfigureAwait(false);
        }
        throw new RancherApiException(0, $"Rancher gave cluster {clusterId} no registration token within 10 tries");
    }

    /// <summary><c>GET /v3/import/{token}_{clusterId}.yaml</c>: the manifests a real cluster would apply.</summary>
    public async Task<string> ImportYamlAsync(string token, string clusterId, CancellationToken cancellationToken)
    {
        using var response = await RawAsync(HttpMethod.Get, $"v3/import/{Uri.EscapeDataString(token)}_{Uri.EscapeDataString(clusterId)}.yaml", null, cancellationToken).ConfigureAwait(false);
        // The registration token is in the path: an error names the call without it.
        await EnsureAsync(response, cancellationToken, $"GET /v3/import/<registration token>_{clusterId}.yaml").ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonObject?> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        using var response = await RawAsync(method, path, body, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound && method != HttpMethod.Post)
        {
            return null;
        }
        await EnsureAsync(response, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            throw new RancherApiException((int)response.StatusCode, NotRancher($"{method} {settings.Url}{path.Split('?')[0]} answered something that is not JSON"));
        }
    }

    private async Task<HttpResponseMessage> RawAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(settings.Url, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        try
        {
            return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new RancherApiException(0, $"Rancher at {settings.Url} is not reachable: {Why(e)}: check {settings.Names.Url}" + (settings.Url.Scheme == "https" ? $" (and {settings.Names.CaFile} for a Rancher whose certificate a private CA signed)" : ""));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RancherApiException(0, $"Rancher at {settings.Url} did not answer {method} /{path.Split('?')[0]} in time");
        }
    }

    /// <summary>
    /// Whether Rancher answers this key with a cluster list: the editor's check when the import is (re)configured, so one
    /// notification can name the cause (a refused key, no Rancher at the URL) before any cluster's import fails on it.
    /// </summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        if ((await SendAsync(HttpMethod.Get, "v3/clusters?limit=1", null, cancellationToken).ConfigureAwait(false))?["data"] is not JsonArray)
        {
            throw new RancherApiException(404, NotRancher($"{settings.Url}v3/clusters does not answer with a cluster list"));
        }
    }

    private string NotRancher(string what) => $"{what}: is {settings.Names.Url} the Rancher server?";

    /// <summary>The innermost cause (a refused connection, a name not found, a certificate not trusted), which is what the user can act on.</summary>
    private static string Why(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }
        return inner == e || e.Message.Contains(inner.Message, StringComparison.Ordinal) ? e.Message : $"{e.Message} ({inner.Message})";
    }

    private async Task EnsureAsync(HttpResponseMessage response, CancellationToken cancellationToken, string? call = null)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var status = (int)response.StatusCode;
        var where = call ?? $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}";
        var said = Message(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        throw new RancherApiException(status, status switch
        {
            401 => $"Rancher refused the API key (401 Unauthorized) at {where}: {settings.Names.FixKey}",
            403 => $"Rancher's API key may not do {where} (403 Forbidden: {said}): use a key of a user who may create clusters",
            _ => $"Rancher answered {status} at {where}: {said}",
        });
    }

    private static string Message(string text)
    {
        try
        {
            if ((JsonNode.Parse(text) as JsonObject)?["message"]?.ToString() is { } message)
            {
                return message;
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // not JSON: the text itself, cut short
        }
        return text.Length > 200 ? text[..200] : text;
    }
}
