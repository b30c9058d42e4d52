using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Kubelink.Sidecar.Eks;

/// <summary>
/// SigV4 through AWSSDK.Core's signers (<see cref="AWS4Signer"/> for headers, <see cref="AWS4PreSignedUrlSigner"/> for
/// presigned URLs): the SDK's request model is only the carrier of method, endpoint, path, parameters and headers; the
/// HTTP call itself is Kubelink's. The signing time is passed in, so tokens follow the injected clock.
/// </summary>
internal static class AwsSigner
{
    // A client config is only read for signing-region and service overrides here; building one reads the environment, so keep one per pair.
    private static readonly ConcurrentDictionary<(string Region, string Service), AmazonSecurityTokenServiceConfig> Configs = new();

    /// <summary>Signs a call in its headers: sets <c>Authorization</c>, <c>X-Amz-Date</c>, <c>x-amz-content-sha256</c> (and the session token) on <paramref name="message"/>.</summary>
    public static void SignHeaders(HttpRequestMessage message, ImmutableCredentials credentials, string region, string service, DateTimeOffset now)
    {
        var uri = message.RequestUri!;
        var request = Carrier(service, message.Method.Method, uri, region);
        foreach (var (key, value) in QueryPairs(uri.Query))
        {
            request.Parameters[key] = value;
        }
        if (credentials.UseToken)
        {
            request.Headers["X-Amz-Security-Token"] = credentials.Token;
        }
        var result = new AWS4Signer().SignRequest(request, Config(region, service), null, credentials.AccessKey, credentials.SecretKey, now.UtcDateTime);
        foreach (var (name, value) in request.Headers)
        {
            if (!name.Equals("host", StringComparison.OrdinalIgnoreCase) && !name.Equals("content-type", StringComparison.OrdinalIgnoreCase))
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }
        message.Headers.TryAddWithoutValidation("Authorization", result.ForAuthorizationHeader);
    }

    /// <summary>A presigned GET URL with <paramref name="parameters"/>, signing the extra <paramref name="headers"/> too (they are not part of the URL).</summary>
    public static Uri Presign(Uri endpoint, IReadOnlyList<KeyValuePair<string, string>> parameters, IReadOnlyDictionary<string, string> headers,
        ImmutableCredentials credentials, string region, string service, DateTimeOffset now)
    {
        var request = Carrier(service, "GET", endpoint, region);
        foreach (var (key, value) in parameters)
        {
            request.Parameters[key] = value;
        }
        if (credentials.UseToken)
        {
            request.Parameters["X-Amz-Security-Token"] = credentials.Token;
        }
        foreach (var (name, value) in headers)
        {
            request.Headers[name] = value;
        }
        var result = AWS4PreSignedUrlSigner.SignRequest(request, Config(region, service), null, credentials.AccessKey, credentials.SecretKey, service, region, now.UtcDateTime);
        // botocore's order, so the token is byte-identical to aws eks get-token's: the request's own parameters, then the
        // signing parameters in the order it adds them, the signature last.
        var signed = result.ForQueryParameters.Split('&').Select(p => p.Split('=', 2)).Select(kv => (Key: kv[0], Value: kv[1]));
        var all = request.Parameters.Select(p => (Key: Uri.EscapeDataString(p.Key), Value: Uri.EscapeDataString(p.Value))).Concat(signed)
            .GroupBy(p => p.Key, StringComparer.Ordinal).Select(g => g.First())
            .OrderBy(p => Position(p.Key)).ThenBy(p => p.Key, StringComparer.Ordinal);
        return new Uri($"{endpoint.GetLeftPart(UriPartial.Authority)}/?{string.Join('&', all.Select(p => $"{p.Key}={p.Value}"))}");
    }

    private static readonly string[] Order =
        ["Action", "Version", "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Security-Token", "X-Amz-Signature"];

    private static int Position(string key) => Array.IndexOf(Order, key) is var i and >= 0 ? i : Order.Length - 1;

    private static DefaultRequest Carrier(string service, string method, Uri uri, string region) =>
        new(new GetCallerIdentityRequest(), service)
        {
            HttpMethod = method,
            Endpoint = new Uri(uri.GetLeftPart(UriPartial.Authority)),
            ResourcePath = uri.AbsolutePath,
            UseQueryString = true,
            AuthenticationRegion = region,
            OverrideSigningServiceName = service,
        };

    private static AmazonSecurityTokenServiceConfig Config(string region, string service) =>
        Configs.GetOrAdd((region, service), key => new AmazonSecurityTokenServiceConfig { AuthenticationRegion = key.Region, AuthenticationServiceName = key.Service });

    private static IEnumerable<(string Key, string Value)> QueryPairs(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(kv => (Uri.UnescapeDataString(kv[0]), kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : ""));
}
