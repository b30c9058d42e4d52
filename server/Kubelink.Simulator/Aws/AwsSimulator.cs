using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Kubelink.Simulator.Aws;

/// <summary>
/// A local AWS for tests and the demo: EKS, STS and the SSO portal on one loopback HTTP port, every request's SigV4
/// signature verified against the simulated account (<see cref="Identities"/>). Requests are routed by path: EKS's
/// <c>/clusters</c>, SSO's <c>/federation/credentials</c>, and STS at <c>/</c>.
/// </summary>
public sealed class AwsSimulator
{
    /// <summary>The region the simulator's clusters live in.</summary>
    public const string Region = "us-east-1";

    /// <summary>The ACTIVE cluster: this simulator's API server.</summary>
    public const string ClusterName = "kubelink-sim";

    /// <summary>A cluster still being created (no endpoint yet).</summary>
    public const string CreatingClusterName = "kubelink-sim-creating";

    internal AwsSimulator(TimeProvider time, int pageSize)
    {
        Time = time;
        PageSize = Math.Max(1, pageSize);
        Identities = new AwsIdentities(time);
        Verifier = new SignatureVerifier(Identities, time);
    }

    /// <summary>The account's users, roles and issued keys.</summary>
    public AwsIdentities Identities { get; }

    /// <summary>Every cluster <c>ListClusters</c> shows (set when the API server has started).</summary>
    public IReadOnlyList<EksCluster> Clusters { get; internal set; } = [];

    /// <summary><c>http://127.0.0.1:PORT</c> once listening.</summary>
    public Uri? Endpoint { get; internal set; }

    internal TimeProvider Time { get; }

    internal int PageSize { get; }

    internal SignatureVerifier Verifier { get; }

    internal async Task HandleAsync(HttpContext context)
    {
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith("/federation/", StringComparison.Ordinal))
        {
            await SsoApi.HandleAsync(context, this);
            return;
        }
        var body = await ReadBodyAsync(context);
        var raw = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var rawPath = raw.Split('?', 2)[0];
        var rawQuery = raw.Contains('?', StringComparison.Ordinal) ? raw.Split('?', 2)[1] : "";
        var declared = context.Request.Headers["x-amz-content-sha256"].ToString();
        var hash = declared is { Length: > 0 } && declared == "UNSIGNED-PAYLOAD" ? declared : SigV4.Hex(SHA256.HashData(body));
        var request = new SignedRequest(context.Request.Method, rawPath, rawQuery, name => Header(context, name), hash);
        var isEks = path.StartsWith("/clusters", StringComparison.Ordinal);
        var verification = rawQuery.Contains("X-Amz-Signature=", StringComparison.Ordinal) ? Verifier.VerifyPresigned(request) : Verifier.VerifyHeader(request);
        if (verification.Principal is not { } caller)
        {
            var (status, code) = isEks ? AwsErrors.ForJson(verification.Failure!.Value) : AwsErrors.ForQuery(verification.Failure!.Value);
            await (isEks ? AwsErrors.Json(context, status, code, verification.Message) : AwsErrors.Xml(context, status, code, verification.Message));
            return;
        }
        var region = RegionOf(context, rawQuery);
        if (isEks)
        {
            await EksApi.HandleAsync(context, this, caller, region);
            return;
        }
        var form = SigV4.Pairs(rawQuery).Concat(context.Request.Method == "POST" ? SigV4.Pairs(System.Text.Encoding.UTF8.GetString(body).Replace('+', ' ')) : [])
            .GroupBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        await StsApi.HandleAsync(context, this, caller, form);
    }

    private static string? Header(HttpContext context, string name) =>
        name == "host" ? context.Request.Host.Value : context.Request.Headers.TryGetValue(name, out var values) ? string.Join(',', values.ToArray()) : null;

    // The region of the credential scope: AWS serves each region at its own host, the simulator serves all at one.
    private static string RegionOf(HttpContext context, string rawQuery)
    {
        var credential = context.Request.Headers.Authorization.ToString().Split("Credential=", 2).ElementAtOrDefault(1)
            ?? SigV4.Pairs(rawQuery).FirstOrDefault(kv => kv.Key == "X-Amz-Credential").Value ?? "";
        return credential.Split('/').ElementAtOrDefault(2) ?? "";
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
