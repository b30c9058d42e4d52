using System.Net;
using Kubelink.Simulator.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kubelink.Simulator.Aws;

/// <summary>
/// The plain-HTTP loopback listener of the <see cref="AwsSimulator"/>. Plain HTTP because the AWS CLI and SDKs accept an
/// <c>http://</c> endpoint override without a CA bundle; it listens on 127.0.0.1 only.
/// </summary>
internal sealed class AwsEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AwsEndpoint(WebApplication app) => _app = app;

    public static async Task<(AwsEndpoint Endpoint, Uri Address)> StartAsync(AwsSimulator aws, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(aws.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (new AwsEndpoint(app), new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
