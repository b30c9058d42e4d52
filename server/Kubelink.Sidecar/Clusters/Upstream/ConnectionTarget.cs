using Kubelink.Sidecar.IO;

namespace Kubelink.Sidecar.Clusters.Upstream;

/// <summary>
/// What a connection to one API server is made of, as a cluster source produces it: the server, TLS trust and options,
/// an HTTP proxy, and how to obtain credentials. Everything past the catalog (activation, proxy, health, resources)
/// connects from this alone and never learns which source made it.
/// <para>
/// A value: two targets are equal exactly when connecting with either is the same connection. The catalog compares a
/// connected cluster's target with the new one at every change, so an edit of the server, the CA, a TLS option, the
/// credentials, the exec settings or the proxy reconnects at once, and nothing else does (a moved line, a renamed context).
/// </para>
/// </summary>
internal sealed record ConnectionTarget
{
    /// <summary>The API server's base URL, without a trailing slash.</summary>
    public required Uri Server { get; init; }

    /// <summary>Trust and client-certificate options for the TLS handshake.</summary>
    public TlsOptions Tls { get; init; } = TlsOptions.SystemTrust;

    /// <summary>An HTTP(S) proxy to reach the server through (kubeconfig <c>proxy-url</c>), or null.</summary>
    public string? ProxyUrl { get; init; }

    /// <summary>How to get the Authorization header; the transport factory turns it into a live <see cref="CredentialSource"/>.</summary>
    public required CredentialSpec Credentials { get; init; }

    /// <summary>
    /// Activation adds the stage <c>validated</c>, a LIST of namespaces with these credentials (EKS connections: the
    /// seed's check; <c>/version</c> is open to anonymous callers there, so it proves nothing about the token).
    /// </summary>
    public bool ValidateByListingNamespaces { get; init; }

    /// <summary>What differs from <paramref name="other"/>, in words for the stage log ("server, credentials"); empty when equal.</summary>
    public IReadOnlyList<string> Differences(ConnectionTarget other)
    {
        var parts = new List<string>();
        Add(parts, Server != other.Server, "server");
        Add(parts, Tls.CertificateAuthority != other.Tls.CertificateAuthority, "certificate authority");
        Add(parts, Tls with { CertificateAuthority = null, ClientCertificate = null } != other.Tls with { CertificateAuthority = null, ClientCertificate = null }, "TLS options");
        Add(parts, Tls.ClientCertificate != other.Tls.ClientCertificate, "client certificate");
        Add(parts, ProxyUrl != other.ProxyUrl, "proxy");
        Add(parts, Credentials != other.Credentials, "credentials");
        return parts;
    }

    private static void Add(List<string> parts, bool differs, string what)
    {
        if (differs)
        {
            parts.Add(what);
        }
    }
}

/// <summary>TLS settings of a target. The server name is checked against <see cref="ServerName"/> when set, else the URL's host.</summary>
internal sealed record TlsOptions
{
    /// <summary>The operating system's trust store, no client certificate.</summary>
    public static TlsOptions SystemTrust { get; } = new();

    /// <summary>The CA(s) that sign the server's certificate; null trusts the system's store.</summary>
    public PemSource? CertificateAuthority { get; init; }

    /// <summary>Skip verifying the server's certificate (kubeconfig <c>insecure-skip-tls-verify</c>).</summary>
    public bool InsecureSkipVerify { get; init; }

    /// <summary>The name to expect in the server's certificate (kubeconfig <c>tls-server-name</c>), or null.</summary>
    public string? ServerName { get; init; }

    /// <summary>A client certificate and key for mutual TLS, or null.</summary>
    public ClientCertificateSource? ClientCertificate { get; init; }
}

/// <summary>How a PEM document is given: inline text, base64 of it (kubeconfig <c>*-data</c>), or an absolute file path read when the transport is built.</summary>
internal enum PemForm
{
    Text,
    Base64,
    File,
}

/// <summary>A PEM document by value (equal sources load the same bytes, file contents aside). Never printed: it may hold a private key.</summary>
internal sealed record PemSource(PemForm Form, string Value)
{
    public static PemSource FromText(string pem) => new(PemForm.Text, pem);

    public static PemSource FromBase64(string data) => new(PemForm.Base64, data.Trim());

    public static PemSource FromFile(string absolutePath) => new(PemForm.File, absolutePath);

    /// <summary>The PEM text. Throws <see cref="FormatException"/> or <see cref="IOException"/>, which activation reports as an entry problem.</summary>
    public string Load() => Form switch
    {
        PemForm.Text => Value,
        PemForm.Base64 => System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(Value)),
        // Capped, and never a pipe or device: a CA at /dev/zero read 4 GB before (decision 10).
        _ => BoundedFile.ReadAllText(Value, InputLimits.CredentialFileMaxBytes, "The certificate or key file"),
    };

    public override string ToString() => Form == PemForm.File ? $"PEM file {Value}" : $"inline PEM ({Form})";
}

/// <summary>A client certificate and its private key.</summary>
internal sealed record ClientCertificateSource(PemSource Certificate, PemSource Key);
