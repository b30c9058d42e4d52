using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Kubelink.Sidecar.IO;
using Kubelink.Sidecar.Kubeconfig;

namespace Kubelink.Sidecar.Clusters.Upstream;

/// <summary>
/// The connection to one API server, built from its kubeconfig entry: server URL, TLS trust (CA data or file,
/// <c>insecure-skip-tls-verify</c>, <c>tls-server-name</c>), client certificate, <c>proxy-url</c>. One handler per
/// cluster so connections (and HTTP/2 streams) are pooled across every request the proxy forwards.
/// </summary>
internal sealed class UpstreamTransport : IDisposable
{
    private readonly SocketsHttpHandler _handler;
    private readonly ResolvedContext _context;
    private bool _credentialsHandedOver;

    private UpstreamTransport(ResolvedContext context, Uri server, SocketsHttpHandler handler, CredentialSource credentials)
    {
        _context = context;
        Server = server;
        _handler = handler;
        Invoker = new HttpMessageInvoker(handler, disposeHandler: true);
        Credentials = credentials;
    }

    /// <summary>The API server's base URL, without a trailing slash.</summary>
    public Uri Server { get; }

    public HttpMessageInvoker Invoker { get; }

    public CredentialSource Credentials { get; }

    public static UpstreamTransport Create(ResolvedContext context, ExecutableLocator executables, TimeProvider time) =>
        new(context, ServerOf(context), CreateHandler(context), CredentialSource.Create(context, executables, time));

    /// <summary>
    /// The same entry over a fresh connection pool, for a reconnect: pooled connections (and the watches on them) of a
    /// dead or black-holed link must not be reused, but an exec plugin's cached token and failure back-off must survive,
    /// so the credentials move to the new transport. The caller disposes this one afterwards.
    /// </summary>
    public UpstreamTransport Renew()
    {
        var renewed = new UpstreamTransport(_context, Server, CreateHandler(_context), Credentials);
        _credentialsHandedOver = true;
        return renewed;
    }

    // Without user-info: it is never sent, and this URL reaches the forwarder's log lines (decision 13).
    private static Uri ServerOf(ResolvedContext context) => ServerUrls.WithoutUserInfo(new Uri(context.Cluster.Value.Server!.TrimEnd('/')));

    private static SocketsHttpHandler CreateHandler(ResolvedContext context)
    {
        var cluster = context.Cluster.Value;
        var user = context.User?.Value;
        var directory = Path.GetDirectoryName(context.Cluster.File) ?? "/";
        var userDirectory = context.User is { } u ? Path.GetDirectoryName(u.File) ?? "/" : directory;
        var server = ServerOf(context);
        var trust = cluster.InsecureSkipTlsVerify ? null : LoadCertificates(cluster.CertificateAuthorityData, cluster.CertificateAuthority, directory);
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            // Idle watches must not look dead to the pool; HTTP/2 pings detect a silent peer (a black-holed route after a
            // VPN switch) under a watch within delay + timeout, even when no probe shares that connection (decision 7).
            KeepAlivePingDelay = TimeSpan.FromSeconds(15),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(5),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            EnableMultipleHttp2Connections = true,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            SslOptions = new SslClientAuthenticationOptions
            {
                TargetHost = cluster.TlsServerName ?? server.IdnHost,
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    cluster.InsecureSkipTlsVerify || Validate(certificate, errors, trust),
            },
        };
        if (cluster.ProxyUrl is { } proxy)
        {
            handler.Proxy = new WebProxy(proxy);
            handler.UseProxy = true;
        }

        if (user is not null && ClientCertificate(user, userDirectory) is { } clientCertificate)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }

        return handler;
    }

    /// <summary>
    /// A client for the sidecar's own bulk calls (the permission reviews): straight to the API server over this transport's
    /// pool with HTTP/2 multiplexing, instead of a loopback hop and a burst of upstream connections. The route through the
    /// proxy is still proven by the version check. The client must not outlive the transport.
    /// </summary>
    public HttpClient CreateDirectClient() =>
        new(new CredentialHandler(Credentials) { InnerHandler = _handler }, disposeHandler: false)
        {
            // Uri keeps the root's slash ("https://host:6443/"): without the trim, every path became "//readyz", which RBAC
            // matches against non-resource URLs literally.
            BaseAddress = new Uri(Server.ToString().TrimEnd('/') + "/"),
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            Timeout = TimeSpan.FromSeconds(15),
        };

    private sealed class CredentialHandler(CredentialSource credentials) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = await credentials.GetAsync(cancellationToken).ConfigureAwait(false);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        Invoker.Dispose();
        if (!_credentialsHandedOver)
        {
            Credentials.Dispose();
        }
    }

    // The name is checked by SslStream against TargetHost (tls-server-name when set); the chain against the kubeconfig's CA.
    private static bool Validate(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection? trust)
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

    private static X509Certificate2Collection? LoadCertificates(string? data, string? file, string directory)
    {
        var pem = data is not null ? System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(data.Trim()))
            : file is not null ? ReadCredentialFile(file, directory, "certificate-authority")
            : null;
        if (pem is null)
        {
            return null;
        }

        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        return collection;
    }

    private static X509Certificate2? ClientCertificate(UserConfig user, string directory)
    {
        var certPem = user.ClientCertificateData is { } cd ? Decode(cd) : user.ClientCertificate is { } cf ? ReadCredentialFile(cf, directory, "client-certificate") : null;
        var keyPem = user.ClientKeyData is { } kd ? Decode(kd) : user.ClientKey is { } kf ? ReadCredentialFile(kf, directory, "client-key") : null;
        if (certPem is null || keyPem is null)
        {
            return null;
        }

        using var ephemeral = X509Certificate2.CreateFromPem(certPem, keyPem);
        // SslStream needs a key it can use for the handshake; a PKCS#12 round trip gives a persisted-style key on every platform.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
    }

    private static string Decode(string base64) => System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(base64.Trim()));

    /// <summary>A certificate, key or token file: capped, and never a pipe or device (decision 10); the error names the file.</summary>
    public static string ReadCredentialFile(string path, string directory, string field) =>
        BoundedFile.ReadAllText(Resolve(path, directory), InputLimits.CredentialFileMaxBytes, $"The {field}");

    public static string Resolve(string path, string directory) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(directory, path));
}
