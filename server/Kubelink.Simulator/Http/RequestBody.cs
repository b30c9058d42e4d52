using System.Text.Json;
using System.Text.Json.Nodes;
using Kubelink.Simulator.Http.Protobuf;
using Microsoft.AspNetCore.Http;

namespace Kubelink.Simulator.Http;

/// <summary>Reads JSON request bodies, answering malformed ones the way the API server does.</summary>
internal static class RequestBody
{
    public static async Task<JsonNode?> ReadAsync(HttpContext context)
    {
        var contentType = context.Request.ContentType ?? "application/json";
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length == 0)
        {
            return null;
        }
        if (contentType.StartsWith(ProtobufDecoder.ContentType, StringComparison.Ordinal))
        {
            // kubectl 1.32+ sends typed objects (access reviews, `kubectl create` generators) as protobuf.
            return ProtobufDecoder.Decode(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        }
        if (contentType.Contains("protobuf", StringComparison.Ordinal) || contentType.Contains("cbor", StringComparison.Ordinal))
        {
            throw ApiException.UnsupportedMediaType(contentType);
        }
        try
        {
            return JsonNode.Parse(buffer.ToArray());
        }
        catch (JsonException ex)
        {
            // kubectl sends JSON; YAML bodies (other clients) are outside what the simulator understands.
            throw ApiException.BadRequest($"the object provided is unrecognized: {ex.Message}");
        }
    }

    public static async Task<JsonObject> ReadObjectAsync(HttpContext context) =>
        await ReadAsync(context) as JsonObject ?? throw ApiException.BadRequest("the body of the request must be a JSON object");
}
