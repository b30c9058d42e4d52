using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kubelink.Sidecar.Proxy;

/// <summary>
/// The proxy's TLS identity: a CA and a loopback server certificate made fresh for each sidecar run (ECDSA, so it
/// costs milliseconds). kubectl (client-go) does not send bearer tokens over plain http, so the authenticated proxy must
/// be https; the proxy kubeconfig trusts exactly this CA through <c>certificate-authority-data</c>.
/// </summary>
internal sealed class ProxyCertificate : IDisposable
{
    private ProxyCertificate(X509Certificate2 ca, X509Certificate2 server)
    {
        Ca = ca;
        Server = server;
        CaPem = ca.ExportCertificatePem();
    }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 Server { get; }

    public string CaPem { get; }

    public static ProxyCertificate Create()
    {
        var ca = CreateCa("CN=Kubelink local proxy CA", years: 1);
        return new ProxyCertificate(ca, IssueLoopbackServer(ca));
    }

    /// <summary>A self-signed ECDSA CA that may sign server certificates (also the simulated clusters' endpoint CA).</summary>
    public static X509Certificate2 CreateCa(string subject, int years)
    {
        var now = DateTimeOffset.UtcNow;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(years));
    }

    /// <summary>A server certificate for 127.0.0.1, ::1 and localhost signed by <paramref name="ca"/> (also the simulated clusters' endpoints).</summary>
    public static X509Certificate2 IssueLoopbackServer(X509Certificate2 ca)
    {
        var now = DateTimeOffset.UtcNow;
        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        using var signed = request.Create(ca, now.AddMinutes(-5), now.AddMonths(11), RandomNumberGenerator.GetBytes(16));
        using var withKey = signed.CopyWithPrivateKey(serverKey);
        // A PKCS#12 round trip gives Kestrel a key it can use on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Accepts exactly a certificate chained to this CA: what in-process clients of the proxy use.</summary>
    public bool Validates(X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
    }
}
