namespace Kubelink.Sidecar.GraphQL.Execution;

/// <summary>The user context of one GraphQL execution: the API server as the caller may use it.</summary>
internal sealed class GatewayRequest : Dictionary<string, object?>
{
    public GatewayRequest(KubeRest api, TimeProvider time)
    {
        Api = api;
        Time = time;
    }

    public KubeRest Api { get; }

    public TimeProvider Time { get; }
}
