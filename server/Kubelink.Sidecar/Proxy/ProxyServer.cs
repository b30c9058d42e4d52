using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Proxy;

/// <summary>
/// The sidecar's one loopback listener (https on 127.0.0.1, a free port): <c>/clusters/{id}/…</c> is the authenticated reverse
/// proxy to each connected cluster. In-process (YARP's forwarder), no spawned proxy binary.
/// </summary>
internal sealed class ProxyServer(ProxyRoutes routes, ILoggerFactory loggerFactory, GraphQL.Local.LocalGraphQL graphQL, ClusterAccess.InProcess.ManagementGateways gateways, ListenerLimits limits) : IHostedService, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private WebApplication? _app;

    /// <summary>The listener's base URL, e.g. <c>https://127.0.0.1:41234</c>; available once started.</summary>
    public Uri BaseUrl { get; private set; } = new("https://127.0.0.1:0");

    /// <summary>The TLS identity; its CA goes into every proxy kubeconfig. Made on first use.</summary>
    public ProxyCertificate Certificate => _certificate.Value;

    private readonly Lazy<ProxyCertificate> _certificate = new(ProxyCertificate.Create);

    /// <summary>
    /// Nothing at host start: the listener starts with the first activation (<see cref="EnsureStartedAsync"/>), so a
    /// sidecar without connected clusters answers <c>initialize</c> sooner and holds no Kestrel in memory.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Starts the listener once; later calls return at once.</summary>
    public async Task EnsureStartedAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_app is null)
            {
                await StartListenerAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task StartListenerAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o =>
        {
            limits.Apply(o);
            o.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
            {
                https.ServerCertificate = Certificate.Server;
                limits.Apply(https);
            }));
            o.AddServerHeader = false;
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddHttpForwarder();
        builder.Services.AddSingleton(routes);
        builder.Services.AddSingleton<ProxyEndpoint>();
        var app = builder.Build();
        app.Map("/clusters/{**rest}", (HttpContext context, ProxyEndpoint endpoint) => endpoint.HandleAsync(context));
        // GraphQL for each connected cluster (docs/graphql.md, "In the editor"), and the GraphiQL page's assets.
        app.UseWebSockets();
        app.Map("/graphql/{id}", (HttpContext context, string id) => graphQL.HandleAsync(context, id));
        // The in-sidecar gateway of a management cluster's ClusterAccess objects (docs/graphql.md, "In the editor").
        app.Map("/graphql/{id}/{path}/graphql", (HttpContext context, string id, string path) => gateways.HandleAsync(context, id, path));
        app.MapGet("/graphiql/{file}", (HttpContext context, string file) => GraphQL.Gateway.GraphiQLPage.WriteAssetAsync(context, file));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Urls.First();
        BaseUrl = new Uri(address);
        _app = app;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        if (_certificate.IsValueCreated)
        {
            _certificate.Value.Dispose();
        }
        _gate.Dispose();
    }
}
