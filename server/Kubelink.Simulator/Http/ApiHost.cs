using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Kubelink.Simulator.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kubelink.Simulator.Http;

/// <summary>
/// One listening period of the API: Kestrel on 127.0.0.1 with TLS from the simulator CA, client certificates
/// requested (and sent the CA as the acceptable issuer, so Go clients offer theirs), HTTP/2 and HTTP/1.1.
/// A new host is built for every start, so stop/start on the same port behaves like a restarted server.
/// </summary>
internal static class ApiHost
{
    public static async Task<(WebApplication App, int Port)> StartAsync(
        int port, X509Certificate2 serverCertificate, X509Certificate2 ca, ConnectionTracker connections, ApiPipeline pipeline,
        CancellationToken cancellationToken)
    {
        var trust = SslCertificateTrust.CreateForX509Collection(new X509Certificate2Collection(ca), sendTrustInHandshake: true);
        var context = SslStreamCertificateContext.Create(serverCertificate, new X509Certificate2Collection(ca), offline: true, trust);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
            kestrel.Listen(IPAddress.Loopback, port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.Use(connections.Middleware);
                listen.UseHttps(new TlsHandshakeCallbackOptions
                {
                    OnConnection = _ => ValueTask.FromResult(new SslServerAuthenticationOptions
                    {
                        ServerCertificateContext = context,
                        ClientCertificateRequired = true,
                        // Identity is checked per request by the authenticator; a missing or foreign certificate
                        // must not fail the handshake, so token users and the 401 path still work.
                        RemoteCertificateValidationCallback = (_, _, _, _) => true,
                        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                        ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
                    }),
                });
            });
        });
        var app = builder.Build();
        app.Run(pipeline.InvokeAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address).Port);
    }
}
