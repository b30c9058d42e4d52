using Kubelink.Protocol;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Kubelink.Sidecar.Rpc;

/// <summary>
/// JsonRpc with Kubelink's error rules: a <see cref="LocalRpcException"/> keeps its code and message; anything else is a bug,
/// so it is logged with its stack and the client gets <see cref="ErrorCodes.InternalError"/> with a pointer to the log,
/// never a raw stack trace (which could carry paths or secrets).
/// </summary>
internal sealed partial class SidecarJsonRpc(IJsonRpcMessageHandler handler, ILogger logger) : JsonRpc(handler)
{
    protected override JsonRpcError.ErrorDetail CreateErrorDetails(JsonRpcRequest request, Exception exception)
    {
        var root = exception is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : exception;
        if (root is LocalRpcException local)
        {
            return new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)local.ErrorCode, Message = local.Message, Data = local.ErrorData };
        }

        if (root is System.Text.Json.JsonException json)
        {
            // Params of the wrong shape: the serializer's message names the field, which is what the caller must fix.
            return new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)ErrorCodes.InvalidParams, Message = $"Invalid params for '{request.Method}': {json.Message}" };
        }

        if (root is OperationCanceledException)
        {
            return new JsonRpcError.ErrorDetail { Code = JsonRpcErrorCode.RequestCanceled, Message = "The request was cancelled." };
        }

        LogUnexpected(logger, root, request.Method ?? "?");
        return new JsonRpcError.ErrorDetail
        {
            Code = (JsonRpcErrorCode)ErrorCodes.InternalError,
            Message = $"The sidecar failed while handling '{request.Method}': {root.GetType().Name}. Run 'Kubelink: Show Log' for details.",
        };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure in {Method}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method);
}
