using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kubelink.Sidecar.Simulated;

/// <summary>
/// The TLS identity of every cluster endpoint: a CA kept in <c>DIR/endpoint-ca.pem</c> (0600, with its key) so the
/// kubeconfigs written before a crash still verify after it, and a loopback server certificate issued from it at each
/// start. kubectl does not send bearer tokens over plain http, and Rancher checks the endpoint against this CA.
/// </summary>
internal sealed class EndpointCertificate : IDisposable
{
    private EndpointCertificate(X509Certificate2 ca, X509Certificate2 server)
    {
        Ca = ca;
        Server = server;
        CaPem = ca.ExportCertificatePem();
    }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 Server { get; }

    public string CaPem { get; }

    public static EndpointCertificate LoadOrCreate(string directory)
    {
        var path = Path.Combine(directory, "endpoint-ca.pem");
        X509Certificate2 ca;
        if (File.Exists(path))
        {
            var pem = File.ReadAllText(path);
            ca = X509Certificate2.CreateFromPem(pem, pem);
        }
        else
        {
            ca = CreateCa();
            var temp = path + $".{Guid.NewGuid():N}.tmp";
            using (var stream = new FileStream(temp, PrivateFiles.CreateNew()))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(ca.ExportCertificatePem() + "\n" + ca.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n");
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
            PrivateFiles.SyncDirectory(directory);
        }
        return new EndpointCertificate(ca, Proxy.ProxyCertificate.IssueLoopbackServer(ca));
    }

    private static X509Certificate2 CreateCa()
    {
        var now = DateTimeOffset.UtcNow;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Kubelink simulated clusters CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
    }

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
    }
}
