using System.Text.Json;
using System.Text.Json.Nodes;
using Kubelink.Protocol;
using Kubelink.Sidecar.Kube;

namespace Kubelink.Sidecar.Eks;

/// <summary>
/// A small typed client of the EKS REST-JSON API (AWSSDK.EKS is not available here): <c>ListClusters</c> over every
/// page and <c>DescribeCluster</c>, signed with SigV4 through the SDK's signer. AWS errors keep their code, message and
/// request id; network failures name the endpoint and the cause.
/// </summary>
internal sealed class EksClient(HttpClient http, AwsEnvironment environment, TimeProvider time)
{
    /// <summary>Every cluster name of the context's region, following <c>nextToken</c> to the last page.</summary>
    public async Task<IReadOnlyList<string>> ListClustersAsync(AwsContext context, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        string? next = null;
        do
        {
            var query = "maxResults=100" + (next is null ? "" : "&nextToken=" + Uri.EscapeDataString(next));
            var page = await SendAsync(context, "/clusters?" + query, "listing EKS clusters", cancellationToken).ConfigureAwait(false);
            names.AddRange(page["clusters"]?.AsArray().Select(n => n!.GetValue<string>()) ?? []);
            next = page["nextToken"]?.GetValue<string>();
        }
        while (!string.IsNullOrEmpty(next));
        return names;
    }

    public async Task<EksClusterDescription> DescribeClusterAsync(AwsContext context, string name, CancellationToken cancellationToken)
    {
        var body = await SendAsync(context, "/clusters/" + Uri.EscapeDataString(name), $"describing EKS cluster '{name}'", cancellationToken).ConfigureAwait(false);
        var cluster = body["cluster"] ?? throw new AwsException(ErrorCodes.AwsError, $"DescribeCluster answered without a cluster for '{name}'.");
        DateTimeOffset? created = cluster["createdAt"] is JsonValue v && v.TryGetValue<double>(out var seconds) ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)) : null;
        return new EksClusterDescription(
            cluster["name"]?.GetValue<string>() ?? name,
            cluster["status"]?.GetValue<string>() ?? "UNKNOWN",
            cluster["version"]?.GetValue<string>(),
            cluster["endpoint"]?.GetValue<string>(),
            cluster["certificateAuthority"]?["data"]?.GetValue<string>(),
            created,
            cluster["arn"]?.GetValue<string>(),
            cluster["platformVersion"]?.GetValue<string>());
    }

    private async Task<JsonNode> SendAsync(AwsContext context, string pathAndQuery, string during, CancellationToken cancellationToken)
    {
        var endpoint = AwsEndpoints.Resolve("eks", context.Region, context.Profile, environment);
        var credentials = await AwsCredentialFetch.GetAsync(context, cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, pathAndQuery));
        AwsSigner.SignHeaders(request, credentials, context.Region, "eks", time.GetUtcNow());
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var (_, words) = NetworkErrors.Describe(ex);
            throw new AwsException(ErrorCodes.AwsUnreachable, $"EKS at {endpoint.GetLeftPart(UriPartial.Authority)} could not be reached ({words}) while {during}. Check the region and any AWS_ENDPOINT_URL setting.", inner: ex);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return JsonNode.Parse(text) ?? new JsonObject();
            }
            throw Failure(response, text, during);
        }
    }

    private static AwsException Failure(HttpResponseMessage response, string text, string during)
    {
        JsonNode? body = null;
        try
        {
            body = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page): the status and header still say enough.
        }
        var code = response.Headers.TryGetValues("x-amzn-ErrorType", out var types) ? types.First().Split(':')[0]
            : (body?["__type"] ?? body?["code"])?.GetValue<string>()?.Split('#')[^1] ?? $"HTTP{(int)response.StatusCode}";
        var message = (body?["message"] ?? body?["Message"])?.GetValue<string>() ?? response.ReasonPhrase;
        var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.First() : null;
        return new AwsException(ErrorCodes.AwsError, AwsErrorText.Format(code, message, requestId, during));
    }
}
