using Kubelink.Sidecar.Clusters.Activation;
using Kubelink.Sidecar.Clusters.Upstream;
using Kubelink.Protocol.Lifecycle;
using Kubelink.Sidecar.Lifecycle;
using Kubelink.Sidecar.Rpc;
using Microsoft.Extensions.DependencyInjection;

namespace Kubelink.Sidecar.Clusters;

/// <summary>Registration of cluster sessions and activation, and of the one transport factory they and reconnects use.</summary>
internal static class ClustersRegistration
{
    public static IServiceCollection AddClusters(this IServiceCollection services)
    {
        services.AddSingleton<TransportFactory>();
        services.AddSingleton<ClusterActivator>();
        services.AddSingleton<ClusterChangePublisher>();
        services.AddSingleton<ClusterService>();
        services.AddFeature(SidecarFeatures.ClusterChanged);
        services.AddSingleton<DefaultNamespaces>();
        services.AddSingleton<IRpcTarget, ClusterHandler>();
        return services;
    }
}
