using Kubelink.Sidecar.Rpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kubelink.Sidecar.Resources;

/// <summary>Registration of the resource views: shared watch caches and the subscriptions that read them.</summary>
internal static class ResourcesRegistration
{
    public static IServiceCollection AddResources(this IServiceCollection services)
    {
        services.TryAddSingleton(new ResourceOptions());
        services.AddSingleton<ResourceCaches>();
        services.AddSingleton<ResourceSubscriptions>();
        services.AddSingleton<IRpcTarget, ResourceHandler>();
        return services;
    }
}
