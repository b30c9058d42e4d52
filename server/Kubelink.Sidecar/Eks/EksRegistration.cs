using Kubelink.Sidecar.Rpc;
using Kubelink.Sidecar.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kubelink.Sidecar.Eks;

/// <summary>Registration of the EKS source, its AWS plumbing and its RPC methods.</summary>
internal static class EksRegistration
{
    public static IServiceCollection AddEksSource(this IServiceCollection services)
    {
        services.TryAddSingleton(AwsEnvironment.FromProcess());
        services.TryAddSingleton<AwsCredentialResolver>();
        services.TryAddSingleton<EksConnectionStore>();
        services.TryAddSingleton(sp => new EksClient(
            // AWS calls are short: bound them, so a black-holed endpoint is an error in seconds, not a hung QuickPick.
            new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10), PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) },
            sp.GetRequiredService<AwsEnvironment>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddClusterSource<EksSource>();
        services.TryAddSingleton<EksExecSettings>();
        services.AddSingleton<Lifecycle.ISettingsConsumer>(sp => sp.GetRequiredService<EksExecSettings>());
        services.AddSingleton<IRpcTarget, EksHandler>();
        return services;
    }
}
