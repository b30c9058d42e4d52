using Kubelink.Protocol.Lifecycle;
using Kubelink.Sidecar.Lifecycle;
using Kubelink.Sidecar.Rpc;
using Microsoft.Extensions.DependencyInjection;

namespace Kubelink.Sidecar.GraphQL.Local;

/// <summary>The editor's GraphQL endpoint for connected clusters: the schema cache and its RPC method.</summary>
internal static class GraphQLRegistration
{
    public static IServiceCollection AddGraphQL(this IServiceCollection services)
    {
        services.AddSingleton<LocalGraphQL>();
        services.AddSingleton<IRpcTarget, GraphQLHandler>();
        services.AddFeature(SidecarFeatures.GraphQL);
        return services;
    }
}
