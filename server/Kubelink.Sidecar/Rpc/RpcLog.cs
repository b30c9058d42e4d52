using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Rpc;

internal static partial class RpcLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a malformed JSON-RPC message: {Reason}")]
    public static partial void Malformed(ILogger logger, string reason);
}
