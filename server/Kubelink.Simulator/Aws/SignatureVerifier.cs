using System.Security.Cryptography;
using System.Text;

namespace Kubelink.Simulator.Aws;

/// <summary>Why a signed request was refused; each service words it with its own error code (<see cref="AwsErrors"/>).</summary>
internal enum AwsAuthFailure
{
    /// <summary>No signature at all.</summary>
    Missing,

    /// <summary>A signature whose parts are malformed or missing.</summary>
    Incomplete,

    /// <summary>An access key id the account does not know.</summary>
    UnknownKey,

    /// <summary>The signature does not match (wrong secret, a changed header, another cluster's name).</summary>
    BadSignature,

    /// <summary>Temporary credentials past their expiry, or a session token that does not belong to the key.</summary>
    ExpiredToken,

    /// <summary>The signing time is outside the allowed window.</summary>
    SignatureExpired,
}

/// <summary>The outcome of a verification: the caller, or why it failed, with the credential scope it claimed.</summary>
internal sealed record Verification(AwsPrincipal? Principal, AwsAuthFailure? Failure, string Message, string Service)
{
    public static Verification Fail(AwsAuthFailure failure, string message, string service = "") => new(null, failure, message, service);
}

/// <summary>
/// Verifies SigV4 the way AWS does: it follows the request's own <c>SignedHeaders</c> (the CLI and the .NET SDK sign
/// different sets), checks the key, the session token and its expiry, the signing time, then the signature.
/// </summary>
internal sealed class SignatureVerifier(AwsIdentities identities, TimeProvider time)
{
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(15);

    /// <summary>A request signed in its <c>Authorization</c> header.</summary>
    public Verification VerifyHeader(SignedRequest request)
    {
        var authorization = request.Header("authorization");
        if (string.IsNullOrEmpty(authorization))
        {
            return Verification.Fail(AwsAuthFailure.Missing, "Missing Authentication Token");
        }
        if (!authorization.StartsWith(SigV4.Algorithm + " ", StringComparison.Ordinal))
        {
            return Verification.Fail(AwsAuthFailure.Incomplete, $"Authorization header requires the {SigV4.Algorithm} algorithm.");
        }
        var fields = authorization[(SigV4.Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries)
            .Select(f => f.Split('=', 2)).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
        return Check(request, fields.GetValueOrDefault("Credential"), fields.GetValueOrDefault("SignedHeaders"), fields.GetValueOrDefault("Signature"),
            request.Header("x-amz-date"), request.Header("x-amz-security-token"), expires: null);
    }

    /// <summary>A presigned URL (the query carries the signature); valid for <paramref name="validity"/> from its date whatever <c>X-Amz-Expires</c> says, when given.</summary>
    public Verification VerifyPresigned(SignedRequest request, TimeSpan? validity = null)
    {
        var query = SigV4.Pairs(request.RawQuery).GroupBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        if (query.GetValueOrDefault("X-Amz-Algorithm") != SigV4.Algorithm)
        {
            return Verification.Fail(AwsAuthFailure.Incomplete, $"X-Amz-Algorithm must be {SigV4.Algorithm}.");
        }
        var expires = validity ?? (int.TryParse(query.GetValueOrDefault("X-Amz-Expires"), out var seconds) ? TimeSpan.FromSeconds(seconds) : null);
        return Check(request, query.GetValueOrDefault("X-Amz-Credential"), query.GetValueOrDefault("X-Amz-SignedHeaders"), query.GetValueOrDefault("X-Amz-Signature"),
            query.GetValueOrDefault("X-Amz-Date"), query.GetValueOrDefault("X-Amz-Security-Token"), expires ?? TimeSpan.Zero);
    }

    private Verification Check(SignedRequest request, string? credential, string? signedHeaders, string? signature, string? amzDate, string? sessionToken, TimeSpan? expires)
    {
        var scope = credential?.Split('/');
        if (scope is not { Length: 5 } || scope[4] != "aws4_request" || string.IsNullOrEmpty(signedHeaders) || string.IsNullOrEmpty(signature) || SigV4.ParseDate(amzDate) is not { } date)
        {
            return Verification.Fail(AwsAuthFailure.Incomplete, "The request signature is incomplete: Credential, SignedHeaders, Signature and X-Amz-Date are required.");
        }
        var service = scope[3];
        var principal = identities.Find(scope[0]);
        if (principal is null)
        {
            return Verification.Fail(AwsAuthFailure.UnknownKey, "The security token included in the request is invalid.", service);
        }
        if (principal.SessionToken is not null && (sessionToken != principal.SessionToken || principal.Expires <= time.GetUtcNow()))
        {
            return Verification.Fail(AwsAuthFailure.ExpiredToken, "The security token included in the request is expired", service);
        }
        var now = time.GetUtcNow();
        var late = expires is { } window ? now > date + window : (now - date).Duration() > Skew;
        if (late)
        {
            return Verification.Fail(AwsAuthFailure.SignatureExpired, $"Signature expired: {amzDate} is now earlier than the allowed window.", service);
        }
        var names = signedHeaders.Split(';');
        var expected = SigV4.Signature(request, names, amzDate!, string.Join('/', scope[1..]), principal.SecretAccessKey, presigned: expires is not null);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
        {
            return Verification.Fail(AwsAuthFailure.BadSignature,
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.", service);
        }
        return new Verification(principal, null, "", service);
    }
}
