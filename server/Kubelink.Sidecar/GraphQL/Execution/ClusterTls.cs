using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Kubelink.Sidecar.GraphQL.Execution;

/// <summary>
/// HTTP to one target API server, trusting exactly the CA the ClusterAccess named. With no CA the system's trust store
/// decides: never "insecure" (the original gateway fell back to skipping verification when no CA was given).
/// </summary>
internal static class ClusterTls
{
    public static HttpClient Client(Uri host, string? caPem, X509Certificate2? clientCertificate = null)
    {
        X509Certificate2Collection? trust = null;
        if (!string.IsNullOrWhiteSpace(caPem))
        {
            trust = [];
            trust.ImportFromPem(caPem);
        }
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            EnableMultipleHttp2Connections = true,
            AllowAutoRedirect = false,
            UseCookies = false,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(certificate, errors, trust),
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
            },
        };
        return new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = new Uri(host.ToString().TrimEnd('/') + "/"),
            DefaultRequestVersion = HttpVersion.Version20,
            Timeout = Timeout.InfiniteTimeSpan, // watches stay open; calls are bounded by the request's cancellation
        };
    }

    private static bool Validate(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection? trust)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }
        if (trust is null)
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
}
