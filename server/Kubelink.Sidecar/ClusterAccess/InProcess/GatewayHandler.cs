using Kubelink.Protocol;
using Kubelink.Protocol.GraphQL;
using Kubelink.Sidecar.Proxy;
using Kubelink.Sidecar.Rpc;
using StreamJsonRpc;

namespace Kubelink.Sidecar.ClusterAccess.InProcess;

/// <summary><c>graphql/gateway</c>: starts (or finds) the listener and gateway of a connected management cluster.</summary>
internal sealed class GatewayHandler(ProxyRoutes routes, ProxyServer proxy, ManagementGateways gateways) : IRpcTarget
{
    [JsonRpcMethod(Methods.GraphQLGateway, UseSingleObjectParameterDeserialization = true)]
    public GraphQLGatewayResult Gateway(GraphQLGatewayParams request)
    {
        var route = routes.Find(request.ClusterId)
            ?? throw RpcErrors.Create(ErrorCodes.ClusterNotReady, $"Cluster '{request.ClusterId}' is not connected. Connect the management cluster, then run its gateway.");
        var gateway = gateways.Ensure(route);
        return new GraphQLGatewayResult
        {
            Url = new Uri(proxy.BaseUrl, $"/graphql/{Uri.EscapeDataString(request.ClusterId)}/").ToString(),
            Definitions = gateway.Definitions,
            Paths = [.. gateway.Folder.Paths],
        };
    }
}
