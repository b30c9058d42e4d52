using Kubelink.Sidecar.Rpc;
using Kubelink.Sidecar.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace Kubelink.Sidecar.Simulated;

/// <summary>Registers simulated clusters in the sidecar: a cluster source, its start-up, its RPC methods.</summary>
internal static class SimulatedRegistration
{
    public static IServiceCollection AddSimulatedSource(this IServiceCollection services)
    {
        services.AddClusterSource<SimulatedSource>();
        services.AddHostedService(sp => sp.GetRequiredService<SimulatedSource>());
        services.AddSingleton<IRpcTarget, SimulatedHandler>();
        services.AddSingleton<IRpcTarget, RancherHandler>();
        return services;
    }
}
