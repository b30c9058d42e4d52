using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kubelink.Sidecar.IO;

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
            ca = Proxy.ProxyCertificate.CreateCa("CN=Kubelink simulated clusters CA", years: 10);
            PrivateFile.WriteDurably(path, Encoding.UTF8.GetBytes(ca.ExportCertificatePem() + "\n" + ca.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n"));
        }
        return new EndpointCertificate(ca, Proxy.ProxyCertificate.IssueLoopbackServer(ca));
    }

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
    }
}
