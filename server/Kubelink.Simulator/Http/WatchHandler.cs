using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubelink.Simulator.Auth;
using Kubelink.Simulator.Discovery;
using Kubelink.Simulator.Http.Tables;
using Kubelink.Simulator.Rbac;
using Kubelink.Simulator.Storage;
using Microsoft.AspNetCore.Http;

namespace Kubelink.Simulator.Http;

/// <summary>Who holds a watch open and what for, so a change in RBAC can end watches that are no longer allowed.</summary>
internal sealed record WatchOwner(UserInfo User, AccessRequest Access);

/// <summary>
/// Streams watch events with the real framing: HTTP 200, chunked, one JSON object per line
/// (<c>{"type":"ADDED","object":{...}}</c>) flushed per event, periodic BOOKMARKs when asked for, an ERROR
/// event carrying a 410 Expired Status for a too-old resourceVersion, and a server-side timeout.
/// </summary>
internal sealed class WatchHandler(SimulatorCore core)
{
    private static readonly byte[] Newline = "\n"u8.ToArray();

    public async Task WatchAsync(HttpContext context, ApiRequest request, ResourceType type, UserInfo user, CancellationToken stopping)
    {
        var query = context.Request.Query;
        var filter = ResourceHandlers.Filter(context, type);
        if (request.Name.Length > 0)
        {
            var name = request.Name;
            filter = Selectors.FieldSelector.And(filter, o => o.Name == name);
        }
        var bookmarks = ApiRequest.IsTrue(query["allowWatchBookmarks"]);
        var initialEvents = ApiRequest.IsTrue(query["sendInitialEvents"]);
        var version = query["resourceVersion"].ToString();
        long? from = null;
        if (!initialEvents && version.Length > 0 && version != "0")
        {
            from = long.TryParse(version, out var parsed) ? parsed : throw ApiException.BadRequest($"invalid resource version: {version}");
        }
        var table = ContentNegotiation.Preferred(context.Request) == "table";
        var ns = request.Namespace.Length > 0 && type.Namespaced ? request.Namespace : null;
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        Watcher watcher;
        try
        {
            watcher = core.Store.Watch(type.StorageKey, ns, filter, from, initialEvents && bookmarks, new WatchOwner(user, request.ToAccessRequest()));
        }
        catch (ApiException expired) when (expired.Code == 410)
        {
            await WriteLine(context, new JsonObject { ["type"] = "ERROR", ["object"] = StatusObject.From(expired) });
            return;
        }
        var timeout = int.TryParse(query["timeoutSeconds"], out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : core.Options.DefaultWatchTimeout;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        ended.CancelAfter(timeout);
        using var bookmarkTimer = bookmarks
            ? new Timer(_ => core.Store.Bookmark(watcher), null, core.Options.BookmarkInterval, core.Options.BookmarkInterval)
            : null;
        try
        {
            await context.Response.StartAsync(ended.Token);
            await context.Response.Body.FlushAsync(ended.Token);
            var first = true;
            await foreach (var change in watcher.Reader.ReadAllAsync(ended.Token))
            {
                await WriteEvent(context, type, change, table, first, query["includeObject"]);
                first = false;
            }
        }
        catch (OperationCanceledException)
        {
            // Timeout, client gone or server stopping: the stream simply ends, as upstream's does.
        }
        finally
        {
            core.Store.StopWatch(type.StorageKey, watcher);
        }
    }

    private static async Task WriteEvent(HttpContext context, ResourceType type, WatchEvent change, bool table, bool first,
        string? includeObject)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, JsonBytes.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("type", change.Type);
            writer.WritePropertyName("object");
            if (change.Object is null)
            {
                BookmarkObject(type, change).WriteTo(writer);
            }
            else if (table)
            {
                TableWriter.Build(type, [change.Object], includeObject, first,
                    new JsonObject { ["resourceVersion"] = change.ResourceVersion.ToString() }).WriteTo(writer);
            }
            else
            {
                writer.WriteRawValue(Responses.Bytes(change.Object, type), skipInputValidation: true);
            }
            writer.WriteEndObject();
        }
        buffer.Write(Newline);
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static JsonObject BookmarkObject(ResourceType type, WatchEvent change)
    {
        var meta = new JsonObject { ["resourceVersion"] = change.ResourceVersion.ToString(), ["creationTimestamp"] = null };
        if (change.InitialEventsEnd)
        {
            meta["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }
        return new JsonObject { ["kind"] = type.Kind, ["apiVersion"] = type.ApiVersion, ["metadata"] = meta };
    }

    private static async Task WriteLine(HttpContext context, JsonObject line)
    {
        var bytes = JsonBytes.Serialize(line);
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        await context.Response.Body.WriteAsync(Newline, context.RequestAborted);
    }
}
