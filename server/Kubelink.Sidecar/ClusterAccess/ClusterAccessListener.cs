using System.Text.Json.Nodes;
using Kubelink.Sidecar.GraphQL.Execution;
using Kubelink.Sidecar.GraphQL.Gateway;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.ClusterAccess;

/// <summary>
/// The listener: lists and watches ClusterAccess objects on the management cluster and keeps one schema file per object in
/// the definitions folder (see docs/graphql.md). One object is reconciled at a time: the work is a few HTTP calls per cluster,
/// and serial reconciles cannot race each other over a file or a status.
/// </summary>
internal sealed partial class ClusterAccessListener(KubeConnection management, SchemaFiles files, ILogger logger, TimeProvider time) : IDisposable
{
    private readonly Dictionary<string, Tracked> _tracked = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Raised after each reconcile with the object's name (tests await it).</summary>
    public event Action<string>? Reconciled;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        files.Ensure();
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var list = await management.Api.GetAsync(ClusterAccessSpec.Collection, cancellationToken).ConfigureAwait(false);
                var present = new HashSet<string>(StringComparer.Ordinal);
                foreach (var item in (list["items"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    present.Add(Name(item));
                    await ReconcileAsync(item, force: true, cancellationToken).ConfigureAwait(false);
                }
                foreach (var gone in _tracked.Keys.Where(k => !present.Contains(k)).ToList())
                {
                    await RemovedAsync(gone, cancellationToken).ConfigureAwait(false);
                }
                var rv = list["metadata"]?["resourceVersion"]?.ToString() ?? "0";
                failures = 0;
                await foreach (var watchEvent in management.Api.WatchAsync($"{ClusterAccessSpec.Collection}?watch=1&allowWatchBookmarks=true&timeoutSeconds=120&resourceVersion={rv}", cancellationToken).ConfigureAwait(false))
                {
                    if (watchEvent["object"] is not JsonObject obj)
                    {
                        continue;
                    }
                    switch (watchEvent["type"]?.ToString())
                    {
                        case "ADDED" or "MODIFIED":
                            await ReconcileAsync(obj, force: false, cancellationToken).ConfigureAwait(false);
                            break;
                        case "DELETED":
                            await RemovedAsync(Name(obj), cancellationToken).ConfigureAwait(false);
                            break;
                        case "ERROR":
                            throw KubeCallError.FromStatus(obj["code"]?.GetValue<int>() ?? 500, obj.ToJsonString());
                    }
                }
                // The watch ended at its timeout: list again, which also retries objects that failed (a Secret created since).
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (KubeCallError e) when (e.Status == 410)
            {
                // history compacted: list again
            }
            catch (Exception e) when (e is KubeCallError or IOException or HttpRequestException or System.Text.Json.JsonException)
            {
                failures = Math.Min(failures + 1, 6);
                if (e is KubeCallError { Status: 404 })
                {
                    LogNoCrd(logger);
                }
                else
                {
                    LogWatchFailed(logger, e.Message);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(250 << failures), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ReconcileAsync(JsonObject obj, bool force, CancellationToken cancellationToken)
    {
        var name = Name(obj);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (obj["metadata"]?["deletionTimestamp"] is not null)
            {
                Forget(name, obj["status"]?["observedPath"]?.ToString());
                if (StatusWriter.HasFinalizer(obj))
                {
                    await StatusWriter.SetFinalizerAsync(management.Api, obj, present: false, cancellationToken).ConfigureAwait(false);
                }
                LogRemoved(logger, name);
                return;
            }
            var generation = obj["metadata"]?["generation"]?.GetValue<long>() ?? 0;
            if (!force && _tracked.TryGetValue(name, out var known) && known.Generation == generation)
            {
                return; // our own finalizer or status write, or a label change: nothing the schema depends on
            }
            if (!StatusWriter.HasFinalizer(obj))
            {
                await StatusWriter.SetFinalizerAsync(management.Api, obj, present: true, cancellationToken).ConfigureAwait(false);
            }
            await ApplyAsync(name, obj, generation, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeCallError e) when (e.Status == 404)
        {
            // deleted while we worked on it; its DELETED event follows
        }
        finally
        {
            _gate.Release();
        }
        Reconciled?.Invoke(name);
    }

    private async Task ApplyAsync(string name, JsonObject obj, long generation, CancellationToken cancellationToken)
    {
        var previousPath = _tracked.TryGetValue(name, out var known) ? known.Path : obj["status"]?["observedPath"]?.ToString();
        ClusterAccessSpec? spec = null;
        try
        {
            spec = ClusterAccessSpec.Parse(obj);
            var (context, caPem, authType) = await TargetCredentials.ResolveAsync(management.Api, spec, cancellationToken).ConfigureAwait(false);
            var target = KubeConnection.Open(context);
            var metadata = new ClusterMetadata(new Uri(spec.Host), spec.Path, caPem, authType);
            int count;
            try
            {
                count = await files.WriteAsync(target, metadata, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                target.Dispose();
                throw;
            }
            if (previousPath is not null && previousPath != spec.Path)
            {
                files.Remove(previousPath);
            }
            if (_tracked.TryGetValue(name, out var replaced))
            {
                replaced.Watch?.Dispose(); // the file stays: it was just rewritten
                replaced.Target?.Dispose();
            }
            var watch = new CrdWatch(target.Api, ct => RegenerateAsync(name, target, metadata, ct), time);
            _tracked[name] = new Tracked(spec.Path, generation, target, watch);
            watch.Start();
            await StatusWriter.WriteAsync(management.Api, spec, true, "SchemaWritten",
                $"The schema of {spec.Host} ({count} definitions) is in {spec.Path}.json; the gateway serves it at /{spec.Path}/graphql.", spec.Path, cancellationToken).ConfigureAwait(false);
            LogWritten(logger, name, spec.Path, count);
        }
        catch (Exception e) when (e is ClusterAccessProblem or KubeCallError)
        {
            var (reason, message) = e is ClusterAccessProblem problem ? (problem.Reason, problem.Message) : Classify((KubeCallError)e);
            _tracked[name] = _tracked.TryGetValue(name, out var old) ? old with { Generation = generation } : new Tracked(previousPath, generation, null, null);
            LogFailed(logger, name, reason, message);
            var forStatus = spec ?? new ClusterAccessSpec(name, name, "", null, null, null, generation);
            await StatusWriter.WriteAsync(management.Api, forStatus, false, reason, message, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RegenerateAsync(string name, KubeConnection target, ClusterMetadata metadata, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var count = await files.WriteAsync(target, metadata, cancellationToken).ConfigureAwait(false);
            LogRegenerated(logger, name, count);
        }
        catch (KubeCallError e)
        {
            LogFailed(logger, name, Classify(e).Reason, e.Message);
        }
        finally
        {
            _gate.Release();
        }
        Reconciled?.Invoke(name);
    }

    private async Task RemovedAsync(string name, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Forget(name, null);
            LogRemoved(logger, name);
        }
        finally
        {
            _gate.Release();
        }
        Reconciled?.Invoke(name);
    }

    private void Forget(string name, string? fallbackPath)
    {
        if (_tracked.Remove(name, out var tracked))
        {
            tracked.Watch?.Dispose();
            tracked.Target?.Dispose();
            files.Remove(tracked.Path);
        }
        else
        {
            files.Remove(fallbackPath);
        }
    }

    private static (string Reason, string Message) Classify(KubeCallError e) => e.Status switch
    {
        401 => ("Unauthorized", $"The target refused the credential (401): {e.Message}"),
        403 => ("Forbidden", $"The target's credential may not read its API (403): {e.Message}"),
        0 => (e.Code ?? "Unreachable", e.Message),
        _ => ("TargetError", $"The target answered {e.Status}: {e.Message}"),
    };

    private static string Name(JsonObject obj) => obj["metadata"]?["name"]?.ToString() ?? "";

    public void Dispose()
    {
        foreach (var name in _tracked.Keys.ToList())
        {
            if (_tracked.Remove(name, out var tracked))
            {
                tracked.Watch?.Dispose();
                tracked.Target?.Dispose();
            }
        }
        _gate.Dispose();
    }

    private sealed record Tracked(string? Path, long Generation, KubeConnection? Target, CrdWatch? Watch);

    [LoggerMessage(1310, LogLevel.Information, "ClusterAccess {Name}: schema written to {Path}.json ({Count} definitions)")]
    private static partial void LogWritten(ILogger logger, string name, string path, int count);

    [LoggerMessage(1311, LogLevel.Warning, "ClusterAccess {Name} is not ready ({Reason}): {Message}")]
    private static partial void LogFailed(ILogger logger, string name, string reason, string message);

    [LoggerMessage(1312, LogLevel.Information, "ClusterAccess {Name}: the target's CRDs changed, schema rewritten ({Count} definitions)")]
    private static partial void LogRegenerated(ILogger logger, string name, int count);

    [LoggerMessage(1313, LogLevel.Information, "ClusterAccess {Name} removed: its schema file is deleted")]
    private static partial void LogRemoved(ILogger logger, string name);

    [LoggerMessage(1314, LogLevel.Warning, "The management cluster serves no ClusterAccess kind: apply deploy/crd-clusteraccess.yaml (kubectl apply -f). Retrying.")]
    private static partial void LogNoCrd(ILogger logger);

    [LoggerMessage(1315, LogLevel.Warning, "Watching ClusterAccess objects failed, retrying: {Message}")]
    private static partial void LogWatchFailed(ILogger logger, string message);
}
