using Kubelink.Sidecar.Lifecycle;
using Microsoft.Extensions.DependencyInjection;

namespace Kubelink.Sidecar.Rpc;

/// <summary>Registration of the JSON-RPC endpoint and the session lifecycle (initialize, shutdown, exit).</summary>
internal static class RpcRegistration
{
    public static IServiceCollection AddRpc(this IServiceCollection services)
    {
        services.AddSingleton<ClientNotifier>();
        services.AddSingleton<IClientNotifier>(sp => sp.GetRequiredService<ClientNotifier>());
        services.AddSingleton<SessionState>();
        services.AddSingleton<IRpcTarget, LifecycleHandler>();
        services.AddHostedService<RpcServer>();
        return services;
    }
}
