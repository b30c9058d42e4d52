using System.Buffers;
using Kubelink.Protocol;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Kubelink.Sidecar.Rpc;

/// <summary>
/// LSP framing that survives a malformed message. StreamJsonRpc drops the whole connection when one frame's body is not
/// valid JSON-RPC; with Content-Length framing the frame has already been consumed, so the stream is still in sync and we
/// can answer with a parse error (id null, as JSON-RPC 2.0 says) and keep serving. A well-formed message of the wrong shape
/// (<see cref="ShapeCheckedFormatter"/>) gets Invalid Request or Invalid Params with its id, the same way (decision 15).
/// A broken header cannot be resynchronised and still ends the connection.
/// </summary>
internal sealed class TolerantMessageHandler(Stream sending, Stream receiving, IJsonRpcMessageFormatter formatter, Action<Exception> onMalformed)
    : HeaderDelimitedMessageHandler(sending, receiving, formatter)
{
    protected override async ValueTask<JsonRpcMessage?> ReadCoreAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await base.ReadCoreAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsBodyError(e))
            {
                onMalformed(e);
                await WriteAsync(new RejectedMessage(ErrorCodes.ParseError, null, $"The sidecar could not read a message and ignored it: {e.Message}"), cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentOutOfRangeException e) when (e.ParamName == "contentLength")
            {
                // "Content-Length: 0": the header was read whole and there is no body to skip, so the stream is in sync.
                onMalformed(e);
                await WriteAsync(new RejectedMessage(ErrorCodes.ParseError, null, "The sidecar ignored an empty message (Content-Length: 0)."), cancellationToken).ConfigureAwait(false);
            }
            catch (RejectedMessageException e)
            {
                onMalformed(e);
                // A notification gets no answer (JSON-RPC 2.0), unless it is not even a request (or was never read: a frame
                // over the size bound, FrameSizeGuard): then id null says so.
                if (e.Id is not null || e.Code is ErrorCodes.InvalidRequest or ErrorCodes.ParseError)
                {
                    await WriteAsync(new RejectedMessage(e.Code, e.Id, $"The sidecar ignored a message: {e.Message}."), cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    protected override void Write(JsonRpcMessage content, CancellationToken cancellationToken)
    {
        if (content is not RejectedMessage rejected)
        {
            base.Write(content, cancellationToken);
            return;
        }

        // Written by hand because the formatter omits a default id, and JSON-RPC 2.0 wants an explicit "id": null here.
        // Write is called under the handler's write lock, so this cannot interleave with another frame.
        var error = System.Text.Json.JsonSerializer.Serialize(new { code = rejected.Code, message = rejected.Message });
        var body = System.Text.Encoding.UTF8.GetBytes($$"""{"jsonrpc":"2.0","id":{{rejected.Id ?? "null"}},"error":{{error}}}""");
        var header = System.Text.Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        var writer = Writer ?? throw new InvalidOperationException("The sidecar's output pipe is closed.");
        writer.Write(header.AsSpan());
        writer.Write(body.AsSpan());
    }

    // The body parsed as far as the formatter goes; header problems surface as BadRpcHeaderException and stay fatal.
    private static bool IsBodyError(Exception e) =>
        e is System.Text.Json.JsonException || e.InnerException is System.Text.Json.JsonException;
}

/// <summary>A marker message: "answer with this error", rendered by <see cref="TolerantMessageHandler"/>; the id is raw JSON.</summary>
internal sealed class RejectedMessage(int code, string? id, string message) : JsonRpcMessage
{
    public int Code { get; } = code;

    public string? Id { get; } = id;

    public string Message { get; } = message;
}
