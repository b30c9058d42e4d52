using Kubelink.Protocol;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Rpc;

/// <summary>Builds the errors that cross the wire: a code from <see cref="ErrorCodes"/> and a message that names the cause and the next step.</summary>
internal static class RpcErrors
{
    public static LocalRpcException Create(int code, string message, object? data = null) =>
        new(message) { ErrorCode = code, ErrorData = data };

    public static LocalRpcException NotInitialized(string method) =>
        Create(ErrorCodes.ServerNotInitialized, $"'{method}' was called before 'initialize'. The client must initialize the session first.");

    public static LocalRpcException ShuttingDown(string method) =>
        Create(ErrorCodes.ShuttingDown, $"'{method}' arrived after 'shutdown'. Restart the sidecar to continue.");
}
