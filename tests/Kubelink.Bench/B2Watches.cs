using System.Text.Json.Nodes;
using Kubelink.Simulator;

namespace Kubelink.Bench;

/// <summary>
/// B2's watch half: many concurrent watches through the proxy (HTTP/2 from the client, as kubectl and client-go do),
/// the sidecar's resident memory before and after, then one change that every watch must deliver.
/// </summary>
internal static class B2Watches
{
    public static async Task RunAsync(HttpClient proxied, SimulatorServer simulator, int sidecarPid, int count, Report report)
    {
        var before = Measure.RssMegabytes(sidecarPid);
        var opened = new List<(HttpResponseMessage Response, StreamReader Reader)>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var response = await proxied.GetAsync("api/v1/namespaces/team-a/configmaps?watch=1&timeoutSeconds=300", HttpCompletionOption.ResponseHeadersRead);
                response.EnsureSuccessStatusCode();
                opened.Add((response, new StreamReader(await response.Content.ReadAsStreamAsync())));
            }

            var open = Measure.RssMegabytes(sidecarPid);
            report.Add(new Row("B2", $"sidecar RSS with {count} watches open through the proxy", open, "MB", before, "same sidecar, no watches", "memory flat"));

            // Watches are unbuffered end to end: one create must reach every stream, not sit in a buffer.
            var name = $"b2-watch-{Guid.NewGuid():N}"[..20];
            simulator.Store.Create(BenchObjects.Obj("v1", "ConfigMap", "team-a", name, o => o["data"] = new JsonObject { ["k"] = "v" }));
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var delivered = await Task.WhenAll(opened.Select(w => SeesAsync(w.Reader, name, deadline.Token)));
            report.Add(new Row("B2", $"watch events delivered through the proxy ({count} watches, one create)", delivered.Count(d => d), "watches", count, "watches open", "all delivered"));
            report.Add(new Row("B2", $"sidecar RSS after the event reached {count} watches", Measure.RssMegabytes(sidecarPid), "MB", before, "same sidecar, no watches", "memory flat"));
        }
        finally
        {
            foreach (var (response, reader) in opened)
            {
                reader.Dispose();
                response.Dispose();
            }
        }
    }

    private static async Task<bool> SeesAsync(StreamReader reader, string name, CancellationToken cancellationToken)
    {
        try
        {
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Contains(name, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return false;
    }
}
