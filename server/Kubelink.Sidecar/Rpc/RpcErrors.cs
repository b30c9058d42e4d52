using Kubelink.Protocol;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Rpc;

/// <summary>Builds the errors that cross the wire: a code from <see cref="ErrorCodes"/> and a message that names the cause and the next step.</summary>
internal static class RpcErrors
{
    public static LocalRpcException Create(int code, string message, object? data = null) =>
        new(message) { ErrorCode = code, ErrorData = data };

    /// <summary>
    /// A value from the request as an error message shows it: on one line and at most <paramref name="max"/> characters,
    /// since an id or a name can be 10 MB or hold newlines, and every copy of the message (answer, log) would carry it.
    /// </summary>
    public static string Shown(string value, int max = 80)
    {
        var clipped = string.Concat((value.Length > max ? value[..max] : value).Select(c => char.IsControl(c) ? ' ' : c));
        return value.Length > max ? $"{clipped}… ({value.Length} characters)" : clipped;
    }

    public static LocalRpcException NotInitialized(string method) =>
        Create(ErrorCodes.ServerNotInitialized, $"'{method}' was called before 'initialize'. The client must initialize the session first.");

    public static LocalRpcException ShuttingDown(string method) =>
        Create(ErrorCodes.ShuttingDown, $"'{method}' arrived after 'shutdown'. Restart the sidecar to continue.");
}
