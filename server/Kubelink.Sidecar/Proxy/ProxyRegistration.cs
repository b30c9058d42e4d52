using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kubelink.Sidecar.Proxy;

/// <summary>Registration of the loopback proxy (started with the first activation).</summary>
internal static class ProxyRegistration
{
    public static IServiceCollection AddProxy(this IServiceCollection services)
    {
        services.AddSingleton<ProxyRoutes>();
        services.TryAddSingleton(new ListenerLimits());
        services.AddSingleton<ProxyServer>();
        services.AddHostedService(sp => sp.GetRequiredService<ProxyServer>());
        return services;
    }
}
