using StreamJsonRpc;

namespace Kubelink.Sidecar.Rpc;

/// <summary>Sends notifications to the extension. Capabilities depend on this, not on <see cref="JsonRpc"/>.</summary>
internal interface IClientNotifier
{
    Task NotifyAsync<T>(string method, T payload);
}

/// <summary>Holds the live connection; notifications sent with none attached (start-up, tests) are dropped.</summary>
internal sealed class ClientNotifier : IClientNotifier
{
    private JsonRpc? _rpc;

    public void Attach(JsonRpc rpc) => _rpc = rpc;

    public Task NotifyAsync<T>(string method, T payload)
    {
        var rpc = _rpc;
        if (rpc is null || rpc.IsDisposed)
        {
            return Task.CompletedTask;
        }

        return rpc.NotifyWithParameterObjectAsync(method, payload);
    }
}
