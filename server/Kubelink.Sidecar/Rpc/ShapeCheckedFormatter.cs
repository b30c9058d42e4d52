using System.Buffers;
using System.Text;
using System.Text.Json;
using Kubelink.Protocol;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Kubelink.Sidecar.Rpc;

/// <summary>
/// The contract's formatter, with the message's shape checked first. StreamJsonRpc reads <c>"method": 5</c> or
/// <c>"params": "str"</c> with an <see cref="InvalidOperationException"/> (and <c>"method": null</c> later still), and
/// either one ends the whole connection (issue 11 item 4). Checked here, such a message becomes a
/// <see cref="RejectedMessageException"/> that <see cref="TolerantMessageHandler"/> answers with Invalid Request or
/// Invalid Params and the session goes on. Only requests and notifications are checked: answers come from our own client.
/// </summary>
internal sealed class ShapeCheckedFormatter : SystemTextJsonFormatter, IJsonRpcMessageFormatter, IJsonRpcMessageTextFormatter
{
    // Re-implemented, not overridden (the base's methods are not virtual): the handler calls through these interfaces.
    JsonRpcMessage IJsonRpcMessageFormatter.Deserialize(ReadOnlySequence<byte> contentBuffer)
    {
        Check(contentBuffer);
        return Deserialize(contentBuffer);
    }

    JsonRpcMessage IJsonRpcMessageTextFormatter.Deserialize(ReadOnlySequence<byte> contentBuffer, Encoding encoding)
    {
        Check(contentBuffer);
        return Deserialize(contentBuffer, encoding);
    }

    private static void Check(ReadOnlySequence<byte> body)
    {
        JsonDocument document;
        try
        {
            // The default depth (64) bounds the parse; anything JsonDocument refuses is left to the base's parse error.
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.TryGetProperty("result", out _) || root.TryGetProperty("error", out _))
            {
                return;
            }

            var id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind is JsonValueKind.Number or JsonValueKind.String
                ? idElement.GetRawText()
                : null;
            if (!root.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String || method.GetString() is null or "")
            {
                throw new RejectedMessageException(ErrorCodes.InvalidRequest, id, "a request's \"method\" must be a non-empty string");
            }

            if (method.GetString() is { } name && name.StartsWith(FrameSizeGuard.OversizedMethod, StringComparison.Ordinal))
            {
                // Thrown while the handler deserializes, so it releases the frame's buffer as for any rejected message.
                throw new RejectedMessageException(ErrorCodes.ParseError, null, $"it was {name[FrameSizeGuard.OversizedMethod.Length..]} bytes long and a message may be at most {RpcConnection.MaxMessageBytes >> 20} MB; send large data by file");
            }

            if (root.TryGetProperty("params", out var parameters) && parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null))
            {
                throw new RejectedMessageException(ErrorCodes.InvalidParams, id, $"\"params\" of '{method.GetString()}' must be an object or an array, not {parameters.ValueKind.ToString().ToLowerInvariant()}");
            }
        }
    }
}

/// <summary>A well-formed message of the wrong shape: answered with <see cref="Code"/> for <see cref="Id"/> (raw JSON, or null).</summary>
internal sealed class RejectedMessageException(int code, string? id, string reason) : Exception(reason)
{
    public int Code { get; } = code;

    public string? Id { get; } = id;
}
