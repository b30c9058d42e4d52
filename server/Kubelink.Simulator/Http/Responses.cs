using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubelink.Simulator.Discovery;
using Kubelink.Simulator.Storage;
using Microsoft.AspNetCore.Http;

namespace Kubelink.Simulator.Http;

/// <summary>Writes JSON bodies, streaming stored bytes as they are so large lists cost no re-serialization.</summary>
internal static class Responses
{
    private const int FlushEvery = 500;

    public static async Task Json(HttpContext context, int status, JsonNode body, string contentType = "application/json")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.Body.WriteAsync(JsonBytes.Serialize(body), context.RequestAborted);
    }

    public static Task Status(HttpContext context, ApiException error) => Json(context, error.Code, StatusObject.From(error));

    public static async Task Text(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), context.RequestAborted);
    }

    public static async Task Object(HttpContext context, int status, StoredObject obj, ResourceType served)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Bytes(obj, served), context.RequestAborted);
    }

    /// <summary>The stored bytes, with apiVersion rewritten when the object is read through another version.</summary>
    public static byte[] Bytes(StoredObject obj, ResourceType served)
    {
        if (obj.ApiVersion == served.ApiVersion)
        {
            return obj.Json;
        }
        var json = obj.ToJsonObject();
        json["apiVersion"] = served.ApiVersion;
        return JsonBytes.Serialize(json);
    }

    public static async Task List(HttpContext context, ResourceType type, IReadOnlyList<StoredObject> items, long resourceVersion,
        string? continueToken, long? remaining)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        var body = context.Response.BodyWriter;
        using var writer = new Utf8JsonWriter(body, JsonBytes.WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("kind", type.ListKind);
        writer.WriteString("apiVersion", type.ApiVersion);
        writer.WriteStartObject("metadata");
        writer.WriteString("resourceVersion", resourceVersion.ToString());
        if (continueToken is not null)
        {
            writer.WriteString("continue", continueToken);
        }
        if (remaining is > 0)
        {
            writer.WriteNumber("remainingItemCount", remaining.Value);
        }
        writer.WriteEndObject();
        writer.WriteStartArray("items");
        for (var i = 0; i < items.Count; i++)
        {
            writer.WriteRawValue(Bytes(items[i], type), skipInputValidation: true);
            if (i % FlushEvery == FlushEvery - 1)
            {
                await writer.FlushAsync(context.RequestAborted);
                await body.FlushAsync(context.RequestAborted);
            }
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
        await body.FlushAsync(context.RequestAborted);
    }
}
