using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Kubelink.Simulator.Aws;

/// <summary>
/// A request as SigV4 sees it: what the verifier rebuilds the canonical request from. The path and query are the raw
/// (already percent-encoded) text the client sent, because the canonical form is computed from the bytes on the wire.
/// </summary>
internal sealed record SignedRequest(string Method, string RawPath, string RawQuery, Func<string, string?> Header, string PayloadHash);

/// <summary>
/// The AWS Signature Version 4 computation (canonical request, string to sign, derived key), written from AWS's
/// published algorithm so the simulator judges clients independently of the SDK Kubelink signs with.
/// </summary>
internal static class SigV4
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    public static readonly string EmptyPayloadHash = Hex(SHA256.HashData([]));

    /// <summary>The expected signature for a request, its signed headers, time and credential scope.</summary>
    public static string Signature(SignedRequest request, IReadOnlyList<string> signedHeaders, string amzDate, string scope, string secret, bool presigned)
    {
        var canonical = CanonicalRequest(request, signedHeaders, presigned);
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var parts = scope.Split('/');
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), parts[0]);
        foreach (var part in parts.Skip(1))
        {
            key = Hmac(key, part);
        }
        return Hex(Hmac(key, stringToSign));
    }

    public static string CanonicalRequest(SignedRequest request, IReadOnlyList<string> signedHeaders, bool presigned)
    {
        var builder = new StringBuilder();
        builder.Append(request.Method).Append('\n');
        builder.Append(CanonicalPath(request.RawPath)).Append('\n');
        builder.Append(CanonicalQuery(request.RawQuery, presigned)).Append('\n');
        foreach (var name in signedHeaders)
        {
            builder.Append(name).Append(':').Append(CollapseSpaces(request.Header(name) ?? "")).Append('\n');
        }
        builder.Append('\n').Append(string.Join(';', signedHeaders)).Append('\n').Append(request.PayloadHash);
        return builder.ToString();
    }

    /// <summary>Parses <c>yyyyMMddTHHmmssZ</c>.</summary>
    public static DateTimeOffset? ParseDate(string? value) =>
        DateTimeOffset.TryParseExact(value, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;

    /// <summary>The query as a list of decoded pairs, in the order sent.</summary>
    public static List<KeyValuePair<string, string>> Pairs(string rawQuery) =>
        rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(kv => KeyValuePair.Create(Uri.UnescapeDataString(kv[0]), kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : ""))
            .ToList();

    public static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    // Services other than S3 encode the already-encoded path once more (botocore and the SDKs agree).
    private static string CanonicalPath(string rawPath) =>
        rawPath.Length == 0 ? "/" : string.Join('/', rawPath.Split('/').Select(Uri.EscapeDataString));

    private static string CanonicalQuery(string rawQuery, bool presigned) =>
        string.Join('&', Pairs(rawQuery)
            .Where(kv => !presigned || kv.Key != "X-Amz-Signature")
            .Select(kv => (Key: Uri.EscapeDataString(kv.Key), Value: Uri.EscapeDataString(kv.Value)))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).ThenBy(kv => kv.Value, StringComparer.Ordinal)
            .Select(kv => $"{kv.Key}={kv.Value}"));

    private static string CollapseSpaces(string value) => string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
