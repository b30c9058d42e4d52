using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kubelink.Sidecar.Clusters.Upstream;
using Kubelink.Sidecar.IO;

namespace Kubelink.Sidecar.Simulated.Rancher;

/// <summary>
/// Where the user sets each Rancher option, so every message names the thing to fix: the headless agent's flags or the
/// editor's settings and command.
/// </summary>
internal sealed record RancherOptionNames(string Url, string Key, string CaFile, string FixKey)
{
    public static readonly RancherOptionNames Agent = new("--rancher-url", "the file given by --rancher-token-file", "--rancher-ca-file",
        "put a valid API key (token-xxxxx:secret) in the file given by --rancher-token-file");

    public static readonly RancherOptionNames Editor = new("the setting kubelink.simulated.rancherUrl", "Kubelink: Set Rancher API Key…", "the setting kubelink.simulated.rancherCaFile",
        "set a new one with Kubelink: Set Rancher API Key…");
}

/// <summary>
/// Where Rancher is, the API token of the agent's v3 calls (an API key <c>token-xxxxx:secret</c>) and, for a Rancher with
/// a private CA, that CA. The token is held in memory only: never logged, never written to the state file. TLS is always
/// checked: against the CA when one is given, else against the system's trust store.
/// </summary>
internal sealed record RancherSettings
{
    private RancherSettings(Uri url, string token, string? caPem, RancherOptionNames names)
    {
        Url = url;
        Token = token;
        CaPem = caPem;
        Names = names;
    }

    /// <summary>Rancher's base URL, ending in <c>/</c>.</summary>
    public Uri Url { get; }

    public string Token { get; }

    /// <summary>The CA Rancher's certificate must chain to; null: the system trust store.</summary>
    public string? CaPem { get; }

    /// <summary>How messages name the options (flags or settings).</summary>
    public RancherOptionNames Names { get; }

    /// <summary>
    /// Checks the URL (absolute http or https, no user name or password in it), the token (not empty) and the CA file
    /// (readable, PEM certificates); the message names the option to fix.
    /// </summary>
    public static RancherSettings Parse(string url, string token, string? caFile = null, RancherOptionNames? names = null)
    {
        names ??= RancherOptionNames.Agent;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("https" or "http"))
        {
            throw new ArgumentException($"{names.Url} '{ServerUrls.Redact(url)}' is not an http(s) URL such as https://rancher.example.com");
        }
        if (parsed.UserInfo.Length > 0)
        {
            throw new ArgumentException($"{names.Url} has a user name or password in it ({ServerUrls.Redact(url)}): remove it; the API key goes in {names.Key}");
        }
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new ArgumentException(names == RancherOptionNames.Agent
                ? "the file given by --rancher-token-file is empty: put a Rancher API key (token-xxxxx:secret) in it"
                : $"no Rancher API key is set: set one with {names.Key}");
        }
        var text = parsed.GetLeftPart(UriPartial.Path);
        return new RancherSettings(new Uri(text.EndsWith('/') ? text : text + "/"), token.Trim(), caFile is null ? null : ReadCa(caFile, names), names);
    }

    /// <summary>The WebSocket URL of a tunnel path (<c>v3/connect</c>, <c>v3/connect/register</c>): wss for https.</summary>
    public Uri Tunnel(string path)
    {
        var builder = new UriBuilder(new Uri(Url, path)) { Scheme = Url.Scheme == "https" ? "wss" : "ws" };
        return builder.Uri;
    }

    /// <summary>Rancher's certificate check for the v3 calls and the tunnels: the host name always, the chain against the CA when one is given.</summary>
    public bool ValidatesServer(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (CaPem is null)
        {
            return errors == SslPolicyErrors.None;
        }
        var trust = new X509Certificate2Collection();
        trust.ImportFromPem(CaPem);
        try
        {
            return UpstreamTls.Validate(certificate, errors, trust);
        }
        finally
        {
            foreach (var ca in trust)
            {
                ca.Dispose();
            }
        }
    }

    /// <summary>The client of the v3 calls (30 s per call), checking Rancher's certificate as <see cref="ValidatesServer"/> says.</summary>
    public HttpClient CreateHttpClient() => new(new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, certificate, _, errors) => ValidatesServer(certificate, errors) },
    })
    { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Keeps the token out of records' printed form (logs, exceptions).</summary>
    public override string ToString() => $"Rancher at {Url}";

    private static string ReadCa(string file, RancherOptionNames names)
    {
        string pem;
        try
        {
            pem = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ArgumentException($"{names.CaFile} names '{file}', which cannot be read ({e.Message}): give the PEM file of the CA that signed Rancher's certificate");
        }
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException($"{names.CaFile} names '{file}', which is not a PEM certificate file ({e.Message})");
        }
        if (certificates.Count == 0)
        {
            throw new ArgumentException($"{names.CaFile} names '{file}', which has no PEM certificate (-----BEGIN CERTIFICATE-----) in it");
        }
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }
        return pem;
    }
}
