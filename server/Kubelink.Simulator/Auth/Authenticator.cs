using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Kubelink.Simulator.Auth;

/// <summary>
/// Resolves the caller the way kube-apiserver's union authenticator does: a client certificate signed by the
/// CA first, then a bearer token. No anonymous access: an unauthenticated request is answered 401.
/// </summary>
internal sealed class Authenticator(UserDirectory users, CertificateAuthority ca)
{
    // Chain building costs far more than the request; a certificate's verdict never changes, so keep it.
    private readonly ConcurrentDictionary<string, bool> _validated = new(StringComparer.Ordinal);

    /// <summary>Another token authenticator (the EKS token check), asked when no minted token matches.</summary>
    public Func<string, UserInfo?>? ExternalTokens { get; set; }

    public UserInfo? Authenticate(HttpContext context)
    {
        var certificate = context.Connection.ClientCertificate;
        if (certificate is not null && _validated.GetOrAdd(certificate.Thumbprint, _ => ca.Validates(certificate)) && users.ByCertificate(certificate) is { } certUser)
        {
            return certUser;
        }
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = header["Bearer ".Length..].Trim();
            return users.ByToken(token) ?? ExternalTokens?.Invoke(token);
        }
        return null;
    }
}
