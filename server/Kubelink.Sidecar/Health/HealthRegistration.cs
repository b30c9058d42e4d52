using Kubelink.Sidecar.Lifecycle;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kubelink.Sidecar.Health;

/// <summary>Registration of the health monitors and reconnects.</summary>
internal static class HealthRegistration
{
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.TryAddSingleton(HealthClock.System);
        services.AddSingleton<HealthPublisher>();
        services.AddSingleton<Reconnector>();
        services.AddSingleton<HealthService>();
        services.AddHostedService(sp => sp.GetRequiredService<HealthService>());
        services.AddSingleton<ISettingsConsumer>(sp => sp.GetRequiredService<HealthService>());
        return services;
    }
}
