using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Kubelink.Sidecar.Clusters.Upstream;

/// <summary>
/// The TLS side of a <see cref="ConnectionTarget"/>: trust (the kubeconfig's CA, or the system's store, or none with
/// skip-verify), the server name, the client certificate. One place, so the request pool (<see cref="UpstreamTransport"/>)
/// and the health heartbeat's own connection (<c>Health/Http2Heartbeat</c>) trust and present exactly the same.
/// </summary>
internal static class UpstreamTls
{
    /// <summary>New options for one handshake or one handler (callers may set their own ALPN list on them).</summary>
    public static SslClientAuthenticationOptions ClientOptions(ConnectionTarget target)
    {
        var tls = target.Tls;
        var trust = tls.InsecureSkipVerify ? null : LoadCertificates(tls.CertificateAuthority);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = tls.ServerName ?? target.Server.IdnHost,
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                tls.InsecureSkipVerify || Validate(certificate, NameChecked(certificate, errors, tls.ServerName), trust),
        };
        if (tls.ClientCertificate is { } pair && ClientCertificate(pair) is { } clientCertificate)
        {
            options.ClientCertificates = [clientCertificate];
        }

        return options;
    }

    /// <summary>
    /// The name check against <c>tls-server-name</c> when the kubeconfig sets one. SslStream checks the name against its
    /// TargetHost, but SocketsHttpHandler (the request pool) replaces TargetHost with the request's host, so there the
    /// configured name was never the one checked: a server reached by IP whose certificate names only its DNS name was
    /// refused, which kubectl accepts. SslStream's verdict on the name is replaced by a check against the configured name.
    /// </summary>
    private static SslPolicyErrors NameChecked(X509Certificate? certificate, SslPolicyErrors errors, string? serverName)
    {
        if (serverName is null || certificate is null)
        {
            return errors;
        }

        using var leaf = new X509Certificate2(certificate);
        var rest = errors & ~SslPolicyErrors.RemoteCertificateNameMismatch;
        return leaf.MatchesHostname(serverName) ? rest : rest | SslPolicyErrors.RemoteCertificateNameMismatch;
    }

    // The name is checked by SslStream against TargetHost (or above, against tls-server-name); the chain against the kubeconfig's CA.
    // Also the Rancher import's check of a Rancher with a private CA (the same rule, another trust).
    internal static bool Validate(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection? trust)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        if (trust is null || trust.Count == 0)
        {
            return errors == SslPolicyErrors.None;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trust);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }

    private static X509Certificate2Collection? LoadCertificates(PemSource? source)
    {
        if (source?.Load() is not { } pem)
        {
            return null;
        }

        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        return collection;
    }

    private static X509Certificate2 ClientCertificate(ClientCertificateSource pair)
    {
        using var ephemeral = X509Certificate2.CreateFromPem(pair.Certificate.Load(), pair.Key.Load());
        // SslStream needs a key it can use for the handshake; a PKCS#12 round trip gives a persisted-style key on every platform.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
    }
}
