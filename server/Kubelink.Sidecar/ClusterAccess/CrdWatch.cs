using Kubelink.Sidecar.GraphQL.Execution;

namespace Kubelink.Sidecar.ClusterAccess;

/// <summary>
/// Watches a target's CustomResourceDefinitions and calls back when they change, so the schema file follows the target's
/// kinds (the original listener wrote the schema once and never again). Bursts (a chart installing ten CRDs) are coalesced.
/// </summary>
internal sealed class CrdWatch(KubeRest target, Func<CancellationToken, Task> regenerate, TimeProvider time) : IDisposable
{
    private const string Path = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(300);
    private readonly CancellationTokenSource _stop = new();

    public void Start() => _ = Task.Run(() => RunAsync(_stop.Token));

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        string? rv = null;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (rv is null)
                {
                    var list = await target.GetAsync(Path, cancellationToken).ConfigureAwait(false);
                    rv = list["metadata"]?["resourceVersion"]?.ToString() ?? "0";
                }
                var changed = false;
                using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                await foreach (var watchEvent in target.WatchAsync($"{Path}?watch=1&allowWatchBookmarks=true&timeoutSeconds=300&resourceVersion={rv}", cancellationToken).ConfigureAwait(false))
                {
                    failures = 0;
                    rv = watchEvent["object"]?["metadata"]?["resourceVersion"]?.ToString() ?? rv;
                    if (watchEvent["type"]?.ToString() is "ADDED" or "MODIFIED" or "DELETED" && !changed)
                    {
                        changed = true;
                        _ = RegenerateSoonAsync(() => changed = false, cancellationToken);
                    }
                }
            }
            catch (KubeCallError gone) when (gone.Status == 410)
            {
                rv = null;
                await regenerate(cancellationToken).ConfigureAwait(false); // events were missed: the file may be stale
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is KubeCallError or IOException or HttpRequestException or System.Text.Json.JsonException)
            {
                failures = Math.Min(failures + 1, 6);
                await Task.Delay(TimeSpan.FromMilliseconds(500 << failures), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RegenerateSoonAsync(Action reset, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Coalesce, time, cancellationToken).ConfigureAwait(false);
            reset();
            await regenerate(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the ClusterAccess went away meanwhile
        }
    }

    public void Dispose() => _stop.Cancel();
}
