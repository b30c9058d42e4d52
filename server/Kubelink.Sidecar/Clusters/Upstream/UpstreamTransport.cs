using System.Net;

namespace Kubelink.Sidecar.Clusters.Upstream;

/// <summary>
/// The connection to one API server, built from its <see cref="ConnectionTarget"/>: server URL, TLS trust (CA data or
/// file, skip-verify, server name), client certificate, HTTP proxy. One handler per
/// cluster so connections (and HTTP/2 streams) are pooled across every request the proxy forwards.
/// </summary>
internal sealed class UpstreamTransport : IDisposable
{
    private readonly SocketsHttpHandler _handler;
    private readonly ConnectionTarget _target;
    private bool _credentialsHandedOver;

    private UpstreamTransport(ConnectionTarget target, SocketsHttpHandler handler, CredentialSource credentials)
    {
        _target = target;
        Server = new Uri(target.Server.ToString().TrimEnd('/'));
        _handler = handler;
        Invoker = new HttpMessageInvoker(handler, disposeHandler: true);
        Credentials = credentials;
        ForwardingInvoker = new HttpMessageInvoker(new CredentialHandler(credentials, setsHeader: false) { InnerHandler = handler }, disposeHandler: false);
    }

    /// <summary>The API server's base URL, without a trailing slash.</summary>
    public Uri Server { get; }

    public HttpMessageInvoker Invoker { get; }

    /// <summary>
    /// What the proxy forwards with: the request already carries the credentials (the transformer sets them); a body-less
    /// request refused with 401 by a source that can make new ones (EKS) is sent once more with the new token, so
    /// <c>kubectl</c> never sees the 401 of a revoked session. Disposed with <see cref="Invoker"/>'s pool.
    /// </summary>
    public HttpMessageInvoker ForwardingInvoker { get; }

    public CredentialSource Credentials { get; }

    /// <summary>A transport for <paramref name="target"/> that owns <paramref name="credentials"/> (see <see cref="TransportFactory"/>).</summary>
    public static UpstreamTransport Create(ConnectionTarget target, CredentialSource credentials)
    {
        var handler = CreateHandler(target);
        return new UpstreamTransport(target, handler, credentials);
    }

    /// <summary>
    /// The same entry over a fresh connection pool, for a reconnect: pooled connections (and the watches on them) of a
    /// dead or black-holed link must not be reused, but an exec plugin's cached token and failure back-off must survive,
    /// so the credentials move to the new transport. The caller disposes this one afterwards.
    /// </summary>
    public UpstreamTransport Renew()
    {
        var renewed = new UpstreamTransport(_target, CreateHandler(_target), Credentials);
        _credentialsHandedOver = true;
        return renewed;
    }

    private static SocketsHttpHandler CreateHandler(ConnectionTarget target)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            // Idle watches must not look dead to the pool; HTTP/2 pings detect a silent peer (a black-holed route after a
            // VPN switch) under a watch within delay + timeout, even when no probe shares that connection (decisions 7, 25).
            KeepAlivePingDelay = Kube.UpstreamPings.Delay,
            KeepAlivePingTimeout = Kube.UpstreamPings.Timeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            EnableMultipleHttp2Connections = true,
            // TCP_USER_TIMEOUT on Linux: the kernel's verdict on an unacknowledged PING, within a second of it (decision 61).
            ConnectCallback = Kube.UpstreamSockets.ConnectAsync,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            SslOptions = UpstreamTls.ClientOptions(target),
        };
        if (target.ProxyUrl is { } proxy)
        {
            handler.Proxy = new WebProxy(proxy);
            handler.UseProxy = true;
        }

        return handler;
    }

    /// <summary>
    /// A client for the sidecar's own bulk calls (the permission reviews): straight to the API server over this transport's
    /// pool with HTTP/2 multiplexing, instead of a loopback hop and a burst of upstream connections. The route through the
    /// proxy is still proven by the version check. The client must not outlive the transport.
    /// </summary>
    public HttpClient CreateDirectClient() =>
        new(new CredentialHandler(Credentials, setsHeader: true) { InnerHandler = _handler }, disposeHandler: false)
        {
            // Uri keeps the root's slash ("https://host:6443/"): without the trim, every path became "//readyz", which RBAC
            // matches against non-resource URLs literally.
            BaseAddress = new Uri(Server.ToString().TrimEnd('/') + "/"),
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            Timeout = TimeSpan.FromSeconds(15),
        };

    /// <summary>
    /// The handler under <see cref="CreateDirectClient"/>, for a caller that picks the transport per request (the in-sidecar
    /// listener follows its route across reconnects). Call it with <c>new HttpMessageInvoker(handler, disposeHandler: false)</c>:
    /// disposing it would dispose this transport's pool.
    /// </summary>
    public HttpMessageHandler CreateDirectHandler() => new CredentialHandler(Credentials, setsHeader: true) { InnerHandler = _handler };

    /// <param name="credentials">The source of the Authorization header, asked for a new one after a 401.</param>
    /// <param name="setsHeader">Whether this handler sets the credentials (the sidecar's own calls) or finds them set (the proxy's transformer did).</param>
    private sealed class CredentialHandler(CredentialSource credentials, bool setsHeader) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = setsHeader ? await credentials.GetAsync(cancellationToken).ConfigureAwait(false) : request.Headers.Authorization;
            request.Headers.Authorization = header;
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            // A refused token that the source can replace (an EKS token after its session was revoked, or a clock
            // that jumped): a new one at once and the request once more. Only requests without a body: a body may
            // already be consumed (a proxied one is a stream); the sidecar's own reviews are retried by activation.
            if (response.StatusCode != HttpStatusCode.Unauthorized || request.Content is not null || !credentials.InvalidateRejected(header))
            {
                return response;
            }

            var renewed = await credentials.GetAsync(cancellationToken).ConfigureAwait(false);
            if (renewed?.ToString() == header?.ToString())
            {
                return response;
            }

            response.Dispose();
            request.Headers.Authorization = renewed;
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        ForwardingInvoker.Dispose();
        Invoker.Dispose();
        if (!_credentialsHandedOver)
        {
            Credentials.Dispose();
        }
    }

    /// <summary>A path from a kubeconfig resolved as kubectl does: relative to the folder of the file that names it.</summary>
    public static string Resolve(string path, string directory) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(directory, path));
}
