using Kubelink.Sidecar.Lifecycle;
using Kubelink.Sidecar.Rpc;
using Kubelink.Sidecar.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kubelink.Sidecar.Kubeconfig;

/// <summary>Registration of the kubeconfig source.</summary>
internal static class KubeconfigRegistration
{
    /// <summary>The kubeconfig sync as a cluster source (a hosted service that watches the files), its settings and <c>kubeconfig/setSyncPaths</c>.</summary>
    public static IServiceCollection AddKubeconfigSource(this IServiceCollection services)
    {
        services.TryAddSingleton(KubeconfigEnvironment.FromProcess());
        services.AddClusterSource<KubeconfigSync>();
        services.AddHostedService(sp => sp.GetRequiredService<KubeconfigSync>());
        services.AddSingleton<ISettingsConsumer>(sp => sp.GetRequiredService<KubeconfigSync>());
        services.AddSingleton<IRpcTarget, KubeconfigHandler>();
        return services;
    }
}
