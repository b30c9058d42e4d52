using Kubelink.Sidecar.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace Kubelink.Sidecar.ClusterAccess.Source;

/// <summary>The ClusterAccess cluster source: clusters registered in connected management clusters.</summary>
internal static class ClusterAccessSourceRegistration
{
    public static IServiceCollection AddClusterAccessSource(this IServiceCollection services)
    {
        services.AddClusterSource<ClusterAccessSource>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterAccessSource>());
        return services;
    }
}
