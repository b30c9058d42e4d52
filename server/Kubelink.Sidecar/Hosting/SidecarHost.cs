using Kubelink.Sidecar.Clusters;
using Kubelink.Sidecar.Clusters.Activation;
using Kubelink.Sidecar.Health;
using Kubelink.Sidecar.Kubeconfig;
using Kubelink.Sidecar.Lifecycle;
using Kubelink.Sidecar.Proxy;
using Kubelink.Sidecar.Resources;
using Kubelink.Sidecar.Rpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;

namespace Kubelink.Sidecar.Hosting;

/// <summary>Composes the sidecar: hosting, logging, the RPC endpoint and every capability.</summary>
internal static class SidecarHost
{
    /// <summary>Builds the host; <c>configure</c> adds extra registrations (tests use it to add probe targets).</summary>
    public static IHost Build(WireStreams wire, StatePaths paths, Serilog.ILogger logger, bool watchParent, Action<IServiceCollection>? configure = null)
    {
        // No default providers: the default console logger would write to stdout, which belongs to the wire.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSerilog(logger, dispose: false);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(paths);
        builder.Services.AddSingleton(wire);
        builder.Services.AddSingleton<ClientNotifier>();
        builder.Services.AddSingleton<IClientNotifier>(sp => sp.GetRequiredService<ClientNotifier>());
        builder.Services.AddSingleton<SessionState>();
        builder.Services.AddSingleton<IRpcTarget, LifecycleHandler>();
        builder.Services.AddHostedService<RpcServer>();

        // Kubeconfig sync and the catalog.
        builder.Services.AddSingleton(KubeconfigEnvironment.FromProcess());
        builder.Services.AddSingleton<KubeconfigSync>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<KubeconfigSync>());
        builder.Services.AddSingleton<ISettingsConsumer>(sp => sp.GetRequiredService<KubeconfigSync>());
        builder.Services.AddSingleton<IRpcTarget, CatalogHandler>();

        // The loopback proxy and cluster activation.
        builder.Services.AddSingleton<ProxyRoutes>();
        builder.Services.AddSingleton<ProxyServer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ProxyServer>());
        builder.Services.AddSingleton(HealthClock.System);
        builder.Services.AddSingleton<HealthPublisher>();
        builder.Services.AddSingleton<Reconnector>();
        builder.Services.AddSingleton<HealthService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HealthService>());
        builder.Services.AddSingleton<ISettingsConsumer>(sp => sp.GetRequiredService<HealthService>());
        builder.Services.AddSingleton<ClusterActivator>();
        builder.Services.AddSingleton<ClusterService>();
        builder.Services.AddSingleton<IRpcTarget, ClusterHandler>();

        // Resource views: shared watch caches and the subscriptions that read them.
        builder.Services.AddSingleton(new ResourceOptions());
        builder.Services.AddSingleton<ResourceCaches>();
        builder.Services.AddSingleton<ResourceSubscriptions>();
        builder.Services.AddSingleton<IRpcTarget, ResourceHandler>();
        if (watchParent)
        {
            builder.Services.AddHostedService<ParentWatcher>();
        }

        configure?.Invoke(builder.Services);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        return builder.Build();
    }
}
