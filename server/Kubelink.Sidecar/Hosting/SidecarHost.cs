using Kubelink.Sidecar.ClusterAccess.Source;
using Kubelink.Sidecar.Clusters;
using Kubelink.Sidecar.Eks;
using Kubelink.Sidecar.GraphQL.Local;
using Kubelink.Sidecar.Health;
using Kubelink.Sidecar.Kubeconfig;
using Kubelink.Sidecar.Proxy;
using Kubelink.Sidecar.Resources;
using Kubelink.Sidecar.Rpc;
using Kubelink.Sidecar.Simulated;
using Kubelink.Sidecar.Sources;
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

        // One line per capability; each folder registers its own services. A new cluster source is one more line here.
        builder.Services.AddRpc();
        builder.Services.AddCatalog();
        builder.Services.AddKubeconfigSource();
        builder.Services.AddClusterAccessSource();
        builder.Services.AddEksSource();
        builder.Services.AddSimulatedSource();
        builder.Services.AddProxy();
        builder.Services.AddHealth();
        builder.Services.AddClusters();
        builder.Services.AddResources();
        builder.Services.AddGraphQL();
        if (watchParent)
        {
            builder.Services.AddHostedService<ParentWatcher>();
        }

        configure?.Invoke(builder.Services);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        return builder.Build();
    }
}
