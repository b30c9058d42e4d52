using Kubelink.Protocol;
using Kubelink.Protocol.GraphQL;
using Kubelink.Sidecar.GraphQL.Execution;
using Kubelink.Sidecar.Proxy;
using Kubelink.Sidecar.Rpc;
using Kubelink.Sidecar.Sources;
using StreamJsonRpc;

namespace Kubelink.Sidecar.ClusterAccess;

/// <summary>
/// <c>graphql/register</c>: the editor's Register Cluster for GraphQL. The same objects as the <c>clusteraccess create</c> verb
/// (<see cref="ClusterAccessRegistration"/>), written with the management cluster's connected identity, so the user needs
/// no second kubeconfig and the API server checks that identity's rights to create Secrets and ClusterAccesses.
/// </summary>
internal sealed class RegisterHandler(ClusterCatalog catalog, ProxyRoutes routes) : IRpcTarget
{
    [JsonRpcMethod(Methods.GraphQLRegister, UseSingleObjectParameterDeserialization = true)]
    public async Task<GraphQLRegisterResult> RegisterAsync(GraphQLRegisterParams request, CancellationToken cancellationToken)
    {
        var target = catalog.Resolve(request.ClusterId);
        var management = routes.Find(request.ManagementClusterId)
            ?? throw RpcErrors.Create(ErrorCodes.ClusterNotReady, "The management cluster is not connected. Connect it, then register again.");
        var name = request.Name ?? ClusterAccessRegistration.DnsName(target.Entry.Name);
        if (ClusterAccessRegistration.DnsName(name) != name)
        {
            throw RpcErrors.Create(ErrorCodes.ClusterAccessFailed, $"'{name}' is not a valid name: use lower-case letters, digits and '-' (at most 63).");
        }
        using var http = management.Upstream.CreateDirectClient();
        try
        {
            var input = RegistrationInput.FromTarget(target.Entry.Name, target.Target);
            var objects = await ClusterAccessRegistration.RegisterAsync(new KubeRest(http, null), input, name, cancellationToken).ConfigureAwait(false);
            return new GraphQLRegisterResult { Name = name, Objects = objects };
        }
        catch (KubeCallError e) when (e.Status == 404)
        {
            throw RpcErrors.Create(ErrorCodes.ClusterAccessFailed, $"The management cluster has no ClusterAccess kind. Apply it there first: kubectl apply -f deploy/crd-clusteraccess.yaml ({e.Message})");
        }
        catch (KubeCallError e)
        {
            throw RpcErrors.Create(ErrorCodes.ClusterAccessFailed, $"The management cluster refused ({e.Status}): {e.Message}");
        }
        catch (Exception e) when (e is ClusterAccessProblem or IOException or FormatException or UnauthorizedAccessException)
        {
            throw RpcErrors.Create(ErrorCodes.ClusterAccessFailed, e.Message);
        }
    }
}
