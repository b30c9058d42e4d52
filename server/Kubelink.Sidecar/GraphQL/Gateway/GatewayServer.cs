using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.GraphQL.Gateway;

/// <summary>
/// The headless gateway: Kestrel on one address (loopback unless told otherwise) serving every cluster of a definitions folder
/// at <c>/{path}/graphql</c>, plus <c>/graphiql/*</c> assets and <c>/healthz</c>. It needs no kubeconfig: each file names its
/// cluster, each caller brings a token.
/// </summary>
internal sealed class GatewayServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GatewayServer(WebApplication app, DefinitionsFolder folder, Uri address)
    {
        _app = app;
        Folder = folder;
        Address = address;
    }

    public DefinitionsFolder Folder { get; }

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public Uri Address { get; }

    public static async Task<GatewayServer> StartAsync(string definitions, IPAddress address, int port, ILoggerFactory loggers, TimeProvider time, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.WebHost.ConfigureKestrel(k =>
        {
            new Proxy.ListenerLimits().Apply(k); // plain HTTP: the handshake bound does not apply
            k.Listen(address, port);
        });
        var app = builder.Build();
        var folder = new DefinitionsFolder(definitions, loggers.CreateLogger("Kubelink.Gateway"));
        app.UseWebSockets();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/graphiql/{file}", (HttpContext context, string file) => GraphiQLPage.WriteAssetAsync(context, file));
        app.Map("/{path}/graphql", async (HttpContext context, string path) =>
        {
            if (folder.Find(path) is not { } endpoint)
            {
                await GraphQLHttp.WriteErrorAsync(context, StatusCodes.Status404NotFound,
                    $"No cluster is served at /{path}/graphql. Served: {string.Join(", ", folder.Paths.Select(p => "/" + p + "/graphql"))}.").ConfigureAwait(false);
                return;
            }
            await GraphQLHttp.HandleAsync(context, endpoint, time).ConfigureAwait(false);
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var boundPort = new Uri(bound).Port;
        var host = address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? "127.0.0.1" : address.ToString();
        return new GatewayServer(app, folder, new Uri($"http://{(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && host != "127.0.0.1" ? $"[{host}]" : host)}:{boundPort}"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Folder.Dispose();
    }
}
