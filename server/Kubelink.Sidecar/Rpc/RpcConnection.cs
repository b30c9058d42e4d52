using System.Reflection;
using Kubelink.Protocol;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Rpc;

/// <summary>Builds one JSON-RPC connection: LSP framing (Content-Length headers) and System.Text.Json with the contract's rules.</summary>
internal static class RpcConnection
{
    /// <summary>
    /// The largest message body the sidecar reads (decision 10's bounds): the extension's requests are kilobytes; 32 MB
    /// leaves room for any parameter it could send and keeps one hostile frame from holding gigabytes.
    /// </summary>
    public const long MaxMessageBytes = 32L * 1024 * 1024;

    public static JsonRpc Create(Stream sending, Stream receiving, IEnumerable<IRpcTarget> targets, ILogger logger)
    {
        var formatter = new ShapeCheckedFormatter { JsonSerializerOptions = new System.Text.Json.JsonSerializerOptions(ProtocolJson.Options) };
        var handler = new TolerantMessageHandler(sending, new FrameSizeGuard(receiving, MaxMessageBytes), formatter, e => RpcLog.Malformed(logger, e.Message));
        var rpc = new SidecarJsonRpc(handler, logger)
        {
            // No synchronization context: handlers run on the thread pool, so one slow request never blocks the others.
            SynchronizationContext = null,
        };
        foreach (var target in targets)
        {
            rpc.AddLocalRpcTarget(target.GetType(), target, new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true, DisposeOnDisconnect = false });
        }

        return rpc;
    }

    /// <summary>Every method name the targets handle, read from their <see cref="JsonRpcMethodAttribute"/>s.</summary>
    public static IReadOnlyList<string> MethodNames(IEnumerable<IRpcTarget> targets) =>
        targets.SelectMany(t => t.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Select(m => m.GetCustomAttribute<JsonRpcMethodAttribute>()?.Name)
            .OfType<string>()
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
}
