using System.Text;
using System.Text.Json.Nodes;
using Kubelink.Simulator.Discovery;
using Microsoft.AspNetCore.Http;

namespace Kubelink.Simulator.Http;

/// <summary>
/// <c>pods/log</c>: a deterministic synthetic log per container (so the demo has something to show), honouring
/// <c>container</c>, <c>tailLines</c>, <c>timestamps</c> and <c>follow</c> (one new line per second until the client leaves).
/// </summary>
internal sealed class PodLogHandler(SimulatorCore core)
{
    private const int HistoryLines = 20;

    public async Task GetAsync(HttpContext context, ApiRequest request, ResourceType type, CancellationToken stopping)
    {
        var pod = core.Store.Get(type.StorageKey, request.Namespace, request.Name)?.ToJsonObject()
            ?? throw ApiException.NotFound(type.Plural, request.Name);
        var containers = (pod["spec"]?["containers"] as JsonArray ?? []).Select(c => c?["name"]?.ToString() ?? "").ToList();
        var query = context.Request.Query;
        var container = query["container"].ToString();
        if (container.Length == 0)
        {
            if (containers.Count > 1)
            {
                throw ApiException.BadRequest(
                    $"a container name must be specified for pod {request.Name}, choose one of: [{string.Join(" ", containers)}]");
            }
            container = containers.FirstOrDefault() ?? "";
        }
        else if (!containers.Contains(container))
        {
            throw ApiException.BadRequest($"container {container} is not valid for pod {request.Name}");
        }
        var timestamps = ApiRequest.IsTrue(query["timestamps"]);
        var tail = int.TryParse(query["tailLines"], out var t) && t >= 0 ? Math.Min(t, HistoryLines) : HistoryLines;
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        var start = DateTimeOffset.UtcNow.AddSeconds(-HistoryLines);
        var text = new StringBuilder();
        for (var i = HistoryLines - tail; i < HistoryLines; i++)
        {
            text.Append(Line(request.Name, container, i, start.AddSeconds(i), timestamps));
        }
        await context.Response.WriteAsync(text.ToString(), context.RequestAborted);
        if (!ApiRequest.IsTrue(query["follow"]))
        {
            return;
        }
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await context.Response.Body.FlushAsync(ended.Token);
            for (var i = HistoryLines; ; i++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ended.Token);
                await context.Response.WriteAsync(Line(request.Name, container, i, DateTimeOffset.UtcNow, timestamps), ended.Token);
                await context.Response.Body.FlushAsync(ended.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The follower went away or the server is stopping.
        }
    }

    private static string Line(string pod, string container, int index, DateTimeOffset at, bool timestamps)
    {
        var level = index % 7 == 6 ? "WARN" : "INFO";
        var message = $"{level} [{container}] {pod} handled request #{index} in {(index * 37 % 90) + 3}ms\n";
        return timestamps ? at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z' ", System.Globalization.CultureInfo.InvariantCulture) + message : message;
    }
}
