using Kubelink.Protocol.Lifecycle;
using Kubelink.Sidecar.Lifecycle;
using Kubelink.Sidecar.Rpc;
using Microsoft.Extensions.DependencyInjection;

namespace Kubelink.Sidecar.GraphQL.Local;

/// <summary>The editor's GraphQL: the endpoint for connected clusters (schema cache and RPC method) Register Cluster for GraphQL, and the in-sidecar gateway of management clusters.</summary>
internal static class GraphQLRegistration
{
    public static IServiceCollection AddGraphQL(this IServiceCollection services)
    {
        services.AddSingleton<LocalGraphQL>();
        services.AddSingleton<IRpcTarget, GraphQLHandler>();
        services.AddSingleton<IRpcTarget, ClusterAccess.RegisterHandler>();
        services.AddSingleton<ClusterAccess.InProcess.ManagementGateways>();
        services.AddSingleton<IRpcTarget, ClusterAccess.InProcess.GatewayHandler>();
        services.AddFeature(SidecarFeatures.GraphQL);
        return services;
    }
}
