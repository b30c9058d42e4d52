using Kubelink.Protocol;
using Kubelink.Protocol.Catalog;
using Kubelink.Protocol.Eks;
using Kubelink.Sidecar.Clusters;
using Kubelink.Sidecar.Lifecycle;
using Kubelink.Sidecar.Rpc;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Eks;

/// <summary>
/// The EKS RPC surface (names fixed by the product: <c>eks/listClusters</c>, <c>eks/connect</c>, <c>eks/disconnect</c>).
/// AWS failures become errors whose code the extension branches on and whose message keeps AWS's code and request id.
/// </summary>
internal sealed partial class EksHandler(AwsCredentialResolver resolver, EksClient eks, EksSource source, ClusterService clusters, SessionState session, ILogger<EksHandler> logger)
    : IRpcTarget
{
    // DescribeCluster per listed cluster, a few at a time: AWS throttles bursts, and a region rarely has many clusters.
    private const int DescribeConcurrency = 8;

    [JsonRpcMethod(Methods.EksListClusters, UseSingleObjectParameterDeserialization = true)]
    public async Task<EksListClustersResult> ListClustersAsync(EksListClustersParams request, CancellationToken cancellationToken)
    {
        session.EnsureRunning(Methods.EksListClusters);
        var context = Resolve(request.Credentials, request.Region);
        try
        {
            var names = await eks.ListClustersAsync(context, cancellationToken).ConfigureAwait(false);
            using var gate = new SemaphoreSlim(DescribeConcurrency);
            var described = await Task.WhenAll(names.Select(async name =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    return await eks.DescribeClusterAsync(context, name, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            })).ConfigureAwait(false);
            return new EksListClustersResult { Clusters = described.Select(d => d.ToSummary()).ToList() };
        }
        catch (AwsException ex)
        {
            throw Failed(Methods.EksListClusters, context, ex);
        }
    }

    [JsonRpcMethod(Methods.EksConnect, UseSingleObjectParameterDeserialization = true)]
    public async Task<CatalogEntry> ConnectAsync(EksConnectParams request, CancellationToken cancellationToken)
    {
        session.EnsureRunning(Methods.EksConnect);
        var context = Resolve(request.Credentials, request.Region);
        EksClusterDescription cluster;
        try
        {
            cluster = await eks.DescribeClusterAsync(context, request.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsException ex)
        {
            throw Failed(Methods.EksConnect, context, ex);
        }
        // A cluster that is not ACTIVE is remembered too: listed with its status and the reason it cannot be connected
        // (cluster/activate answers EksClusterNotActive), and connectable after Refresh EKS Clusters once it is ACTIVE.
        return await source.AddAsync(EksConnection.From(request.Credentials, context.Region, cluster), request.Credentials).ConfigureAwait(false);
    }

    [JsonRpcMethod(Methods.EksDisconnect, UseSingleObjectParameterDeserialization = true)]
    public async Task DisconnectAsync(EksDisconnectParams request, CancellationToken cancellationToken)
    {
        session.EnsureRunning(Methods.EksDisconnect);
        if (source.Entry(request.ClusterId) is null)
        {
            throw RpcErrors.Create(ErrorCodes.ClusterNotFound, $"There is no EKS connection '{request.ClusterId}'. Refresh the Clusters view.");
        }
        if (clusters.Find(request.ClusterId) is not null)
        {
            await clusters.DeactivateAsync(request.ClusterId).ConfigureAwait(false);
        }
        await source.RemoveAsync(request.ClusterId).ConfigureAwait(false);
    }

    private AwsContext Resolve(EksCredentials credentials, string? region)
    {
        try
        {
            return resolver.Resolve(credentials, region);
        }
        catch (AwsException ex)
        {
            LogFailed(logger, "resolve", credentials.ToString(), region ?? "-", ex.Message);
            throw RpcErrors.Create(ex.Code, ex.Message, ex.Profile);
        }
    }

    private LocalRpcException Failed(string method, AwsContext context, AwsException ex)
    {
        LogFailed(logger, method, context.Label, context.Region, ex.Message);
        return RpcErrors.Create(ex.Code, ex.Message, ex.Profile);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} with {Credentials} in {Region} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string method, string credentials, string region, string reason);
}
