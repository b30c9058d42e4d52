using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Kubelink.Simulator.Http;

/// <summary>Reads JSON request bodies, answering malformed ones the way the API server does.</summary>
internal static class RequestBody
{
    public static async Task<JsonNode?> ReadAsync(HttpContext context)
    {
        var contentType = context.Request.ContentType ?? "application/json";
        if (contentType.Contains("protobuf", StringComparison.Ordinal) || contentType.Contains("cbor", StringComparison.Ordinal))
        {
            throw ApiException.UnsupportedMediaType(contentType);
        }
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length == 0)
        {
            return null;
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
