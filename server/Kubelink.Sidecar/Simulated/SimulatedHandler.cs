using Kubelink.Protocol;
using Kubelink.Protocol.Simulated;
using Kubelink.Sidecar.Lifecycle;
using Kubelink.Sidecar.Rpc;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Simulated;

/// <summary>The simulated clusters' RPC surface: the same operations as the headless agent's HTTP API.</summary>
internal sealed class SimulatedHandler(SimulatedSource source, SessionState session) : IRpcTarget
{
    [JsonRpcMethod(Methods.SimulatedList)]
    public async Task<SimulatedListResult> ListAsync(CancellationToken cancellationToken)
    {
        session.EnsureRunning(Methods.SimulatedList);
        await source.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!File.Exists(new AgentStateFile(source.StateDir).Path))
        {
            return new SimulatedListResult { Clusters = [] };
        }
        var agent = await StartedAsync(cancellationToken).ConfigureAwait(false);
        return new SimulatedListResult { Clusters = agent.List().Select(c => Info(c, agent.Options)).ToList() };
    }

    [JsonRpcMethod(Methods.SimulatedCreate)]
    public async Task<SimulatedClusterInfo> CreateAsync(SimulatedCreateParams request, CancellationToken cancellationToken)
    {
        session.EnsureRunning(Methods.SimulatedCreate);
        var agent = await StartedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var options = new EndpointOptions { ReadOnly = request.ReadOnly ?? false, TenantScoped = request.TenantScoped ?? false };
            return Info(await agent.CreateAsync(request.Name, options, cancellationToken).ConfigureAwait(false), agent.Options);
        }
        catch (AgentRequestException e)
        {
            throw RpcErrors.Create(e.Status == 409 ? ErrorCodes.SimulatedExists : ErrorCodes.SimulatedInvalid, e.Message);
        }
    }

    [JsonRpcMethod(Methods.SimulatedDelete)]
    public async Task DeleteAsync(SimulatedNameParams request, CancellationToken cancellationToken)
    {
        session.EnsureRunning(Methods.SimulatedDelete);
        var agent = await StartedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await agent.DeleteAsync(request.Name).ConfigureAwait(false);
        }
        catch (AgentRequestException e)
        {
            throw RpcErrors.Create(e.Status == 404 ? ErrorCodes.SimulatedNotFound : ErrorCodes.SimulatedMainCluster, e.Message);
        }
    }

    private async Task<SimulatedAgent> StartedAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await source.AgentAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            // A broken template.yaml or state.json: the message names the file; the main cluster is not the cause.
            throw RpcErrors.Create(ErrorCodes.SimulatedMainCluster, $"Simulated clusters cannot start: {e.Message}");
        }
        catch (Exception e) when (e is IOException or MainApiException or HttpRequestException)
        {
            throw RpcErrors.Create(ErrorCodes.SimulatedMainCluster, $"The main cluster of the simulated clusters is not available: {e.Message}");
        }
    }

    private static SimulatedClusterInfo Info(SimulatedCluster cluster, AgentOptions options) => new()
    {
        Name = cluster.Name,
        CatalogId = SimulatedSource.EntryId(cluster.Name),
        Status = cluster.Status.ToString().ToLowerInvariant(),
        Reason = cluster.Reason,
        Endpoint = $"https://127.0.0.1:{cluster.Port}",
        Kubeconfig = options.KubeconfigPath(cluster.Name),
        Nodes = cluster.Nodes,
        Pods = cluster.Pods,
        RancherState = cluster.Rancher.State,
    };
}
