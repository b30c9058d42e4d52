using System.Net;
using System.Security.Cryptography;
using System.Text;
using Kubelink.Sidecar.Kube;
using Kubelink.Sidecar.Proxy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Kubelink.Sidecar.Simulated;

/// <summary>
/// One simulated cluster's own API endpoint: an in-process HTTPS listener on its loopback port that forwards to the main
/// cluster with YARP's forwarder (streaming, watches and upgrades as the sidecar's proxy does), after the loopback-host
/// check, the cluster's token and its <see cref="EndpointPolicy"/>. The port is bound by Kestrel itself (0 = the kernel
/// picks): nothing is probed first, so two clusters can never race for one port.
/// </summary>
internal sealed class ClusterEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private ClusterEndpoint(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public Uri Url => new($"https://127.0.0.1:{Port}");

    /// <summary>Starts listening on <paramref name="port"/> (0 = any); throws <see cref="IOException"/> when the port is taken.</summary>
    public static async Task<ClusterEndpoint> StartAsync(SimulatedCluster cluster, int port, EndpointContext shared, CancellationToken cancellationToken)
    {
        // The empty builder: no configuration files, so no file watcher. The slim one watched appsettings.json with an
        // inotify instance per app, and Linux allows 128 per user by default: cluster 129 failed to start (B8 at 500).
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(shared.Certificate.Server));
            o.AddServerHeader = false;
            o.Limits.MaxConcurrentConnections = 1000; // a misbehaving local program cannot exhaust the agent
            o.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(30);
        });
        var app = builder.Build();
        var token = Encoding.UTF8.GetBytes(cluster.Token);
        app.Run(context => HandleAsync(context, cluster, token, shared));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new ClusterEndpoint(app, new Uri(app.Urls.First()).Port);
    }

    private static async Task HandleAsync(HttpContext context, SimulatedCluster cluster, byte[] token, EndpointContext shared)
    {
        if (!ProxyEndpoint.IsLoopbackHost(context.Request.Host.Host))
        {
            await KubeStatus.WriteAsync(context, 403, "Forbidden", $"This endpoint only answers to loopback host names, not '{context.Request.Host.Host}'.").ConfigureAwait(false);
            return;
        }
        var presented = context.Request.Headers.Authorization.ToString();
        if (!presented.StartsWith("Bearer ", StringComparison.Ordinal)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented["Bearer ".Length..]), token))
        {
            await KubeStatus.WriteAsync(context, 401, "Unauthorized", $"Missing or wrong token for simulated cluster '{cluster.Name}': use the kubeconfig the agent wrote for it.").ConfigureAwait(false);
            return;
        }
        var decision = EndpointPolicy.Decide(context.Request.Method, context.Request.Path, context.Request.QueryString, cluster.Name, cluster.Endpoint);
        if (decision.Refused)
        {
            await KubeStatus.WriteAsync(context, decision.RefuseStatus, "Forbidden", decision.Refusal!).ConfigureAwait(false);
            return;
        }
        context.Request.QueryString = decision.Query;
        context.Request.Headers.AcceptEncoding = default; // compression off, as the seed's proxy: readable traffic for Rancher and debugging
        // As the sidecar's proxy (B2): short requests over pooled HTTP/1.1 upstream (YARP's default, HTTP/2, measured slower
        // for list bodies), watches over HTTP/2, upgrades over HTTP/1.1.
        var upstream = shared.Main.Transport;
        var error = await shared.Forwarder.SendAsync(context, upstream.Server.ToString(), upstream.ForwardingInvoker, ProxyEndpoint.ConfigFor(context.Request), new UpstreamTransformer(upstream, decision.Path)).ConfigureAwait(false);
        if (error != ForwarderError.None && !context.Response.HasStarted)
        {
            var (cause, message) = NetworkErrors.Describe(context.Features.Get<IForwarderErrorFeature>()?.Exception);
            await KubeStatus.WriteAsync(context, 502, "ServiceUnavailable", $"the main cluster: {message}", cause.ToWire()).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return; // the probe disposes a listener that already died, the agent's shutdown the rest
        }
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>What every endpoint shares: the main cluster's transport, the TLS identity and one forwarder.</summary>
internal sealed record EndpointContext(MainCluster Main, EndpointCertificate Certificate, IHttpForwarder Forwarder);
