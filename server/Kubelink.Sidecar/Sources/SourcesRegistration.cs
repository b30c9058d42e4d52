using Kubelink.Sidecar.Rpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kubelink.Sidecar.Sources;

/// <summary>Registration of the catalog, and the one call a new cluster source makes to join it.</summary>
internal static class SourcesRegistration
{
    /// <summary>The merged catalog and <c>catalog/list</c> / <c>catalog/refresh</c>.</summary>
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.TryAddSingleton<ClusterCatalog>();
        services.AddSingleton<IRpcTarget, CatalogHandler>();
        return services;
    }

    /// <summary>
    /// Adds <typeparamref name="TSource"/> to the catalog (merged after the sources registered before it). It is one
    /// singleton, reachable both as itself and as <see cref="IClusterSource"/>.
    /// </summary>
    public static IServiceCollection AddClusterSource<TSource>(this IServiceCollection services)
        where TSource : class, IClusterSource
    {
        services.TryAddSingleton<TSource>();
        services.AddSingleton<IClusterSource>(sp => sp.GetRequiredService<TSource>());
        return services;
    }
}
