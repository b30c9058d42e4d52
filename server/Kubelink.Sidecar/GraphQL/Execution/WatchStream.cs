using System.Text.Json.Nodes;
using GraphQL;

namespace Kubelink.Sidecar.GraphQL.Execution;

/// <summary>
/// A subscription's source: list first (ADDED per item) unless the caller gave a resourceVersion, then watch; a watch the
/// server ends is resumed from the last resource version seen; a 410 (history compacted) re-lists and sends the difference
/// (ADDED, MODIFIED, DELETED) so the subscriber's view stays exact. Network failures retry a bounded number of times, then
/// end the subscription with an error: a subscription must not retry forever against a cluster that is gone.
/// </summary>
internal sealed class WatchStream(KubeRest api, string collectionPath, string query, string? resourceVersion, TimeProvider time) : IObservable<object?>
{
    public const int MaxConsecutiveFailures = 5;

    public IDisposable Subscribe(IObserver<object?> observer)
    {
        var stop = new CancellationTokenSource();
        _ = Task.Run(() => RunAsync(observer, stop.Token));
        return new Stop(stop);
    }

    private async Task RunAsync(IObserver<object?> observer, CancellationToken cancellationToken)
    {
        var known = new Dictionary<string, string>(StringComparer.Ordinal); // namespace/name → resourceVersion
        var rv = resourceVersion;
        var failures = 0;
        try
        {
            if (rv is null)
            {
                rv = await RelistAsync(observer, known, cancellationToken).ConfigureAwait(false);
            }
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    var separator = query.Length == 0 ? "?" : query + "&";
                    await foreach (var watchEvent in api.WatchAsync($"{collectionPath}{separator}watch=1&allowWatchBookmarks=true&resourceVersion={Uri.EscapeDataString(rv)}", cancellationToken).ConfigureAwait(false))
                    {
                        failures = 0;
                        var type = watchEvent["type"]?.ToString() ?? "";
                        var obj = watchEvent["object"] as JsonObject ?? [];
                        if (type == "ERROR")
                        {
                            throw KubeCallError.FromStatus(obj["code"]?.GetValue<int>() ?? 500, obj.ToJsonString());
                        }
                        rv = obj["metadata"]?["resourceVersion"]?.ToString() ?? rv;
                        if (type == "BOOKMARK")
                        {
                            continue;
                        }
                        Track(known, type, obj);
                        observer.OnNext(Event(type, obj));
                    }
                }
                catch (KubeCallError gone) when (gone.Status == 410)
                {
                    rv = await RelistAsync(observer, known, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is KubeCallError { Status: 0 or >= 500 } or IOException or System.Net.Http.HttpRequestException && !cancellationToken.IsCancellationRequested)
                {
                    if (++failures >= MaxConsecutiveFailures)
                    {
                        // About 7 s of retries (0.5 + 1 + 2 + 4): a restart or a reconnect is bridged; a longer outage ends the
                        // subscription with what the client needs to act: why, and that subscribing again resumes it.
                        throw new ExecutionError($"The watch on {collectionPath} failed {failures} times in a row and was given up: {e.Message} Subscribe again once the cluster answers.") { Code = "WATCH_GIVEN_UP" };
                    }
                    await Task.Delay(TimeSpan.FromMilliseconds(250 << failures), time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return; // the subscriber left
        }
        catch (ExecutionError e)
        {
            observer.OnError(e);
            return;
        }
        catch (Exception e)
        {
            observer.OnError(new ExecutionError($"The watch on {collectionPath} failed: {e.Message}"));
            return;
        }
        observer.OnCompleted();
    }

    private async Task<string> RelistAsync(IObserver<object?> observer, Dictionary<string, string> known, CancellationToken cancellationToken)
    {
        var list = await api.GetAsync(collectionPath + query, cancellationToken).ConfigureAwait(false);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in (list["items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = Key(item);
            seen.Add(key);
            var itemRv = item["metadata"]?["resourceVersion"]?.ToString() ?? "";
            if (known.TryGetValue(key, out var previous) && previous == itemRv)
            {
                continue;
            }
            var type = known.ContainsKey(key) ? "MODIFIED" : "ADDED";
            known[key] = itemRv;
            observer.OnNext(Event(type, item));
        }
        foreach (var gone in known.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            known.Remove(gone);
            var slash = gone.IndexOf('/', StringComparison.Ordinal);
            observer.OnNext(Event("DELETED", new JsonObject { ["metadata"] = new JsonObject { ["namespace"] = gone[..slash], ["name"] = gone[(slash + 1)..] } }));
        }
        return list["metadata"]?["resourceVersion"]?.ToString() ?? "0";
    }

    private static void Track(Dictionary<string, string> known, string type, JsonObject obj)
    {
        if (type == "DELETED")
        {
            known.Remove(Key(obj));
        }
        else
        {
            known[Key(obj)] = obj["metadata"]?["resourceVersion"]?.ToString() ?? "";
        }
    }

    private static string Key(JsonObject obj) => $"{obj["metadata"]?["namespace"]}/{obj["metadata"]?["name"]}";

    private static JsonObject Event(string type, JsonObject obj) => new() { ["type"] = type, ["object"] = obj.DeepClone() };

    private sealed class Stop(CancellationTokenSource source) : IDisposable
    {
        // Cancel only: the loop may still be registering on the token, and a disposed source would throw there.
        public void Dispose() => source.Cancel();
    }
}
