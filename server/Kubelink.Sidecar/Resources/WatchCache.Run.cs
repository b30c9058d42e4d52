using System.Net;
using System.Text.Json;
using Kubelink.Protocol.Clusters;
using Kubelink.Protocol.Resources;
using Kubelink.Sidecar.Kube;
using Kubelink.Sidecar.Resources.Rows;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Resources;

/// <summary>The list/watch loop of one generation.</summary>
internal sealed partial class WatchCache
{
    // Nothing a run throws may vanish unobserved: a bug ends the view with a reason and lands in the log.
    private async Task RunGuardedAsync(long generation, CancellationToken token)
    {
        try
        {
            await RunAsync(generation, token).ConfigureAwait(false);
        }
        catch (InvalidOperationException) when (token.IsCancellationRequested)
        {
            // The cluster was disconnected while this run started: its transport is gone, and so is the cache.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRunFailed(_logger, Key.ClusterId, Key.KindName, Key.Where, e);
            Fail(generation, token, $"Kubelink stopped following {Key.KindName} in {Key.Where} after an internal error ({e.GetType().Name}). See the Kubelink log, then refresh the cluster.");
        }
    }

    private async Task RunAsync(long generation, CancellationToken token)
    {
        using var lists = _link.CreateClient(_options.ListTimeout);
        using var watches = _link.CreateClient();
        var api = new ResourceApi(lists);
        var stream = new ResourceApi(watches);
        var relist = true;
        var retry = _options.RetryInitial;
        while (!token.IsCancellationRequested)
        {
            var started = 0L;
            try
            {
                if (relist)
                {
                    await ListAsync(api, generation, token).ConfigureAwait(false);
                    relist = false;
                }

                started = _time.GetTimestamp();
                await stream.WatchAsync(Key, _resourceVersion, _options.WatchTimeoutSeconds, (type, item) => OnEvent(generation, type, item, token), token).ConfigureAwait(false);
                if (_time.GetElapsedTime(started) >= TimeSpan.FromSeconds(_options.WatchTimeoutSeconds * 0.9))
                {
                    retry = _options.RetryInitial; // the normal end of a watch: go on from the last version at once
                    continue;
                }

                // Ended long before its time: the connection may be gone (the health monitor probes) or the access revoked (the next watch says 403).
                _link.ReportFault(generation, FaultCause.Reset);
                retry = await BackOffAsync(Stable(started) ? _options.RetryInitial : retry, token).ConfigureAwait(false);
            }
            catch (KubeApiException e) when (e.Status == HttpStatusCode.Gone)
            {
                relist = true; // the version fell out of the server's history: only a fresh list is right
            }
            catch (KubeApiException e) when (e.Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
            {
                Fail(generation, token, Explain(e));
                return;
            }
            catch (KubeApiException e)
            {
                // A network fault, 5xx or 401: the health monitor decides whether the cluster is gone; until it says so this is a blip.
                LogWatchFailed(_logger, Key.ClusterId, Key.KindName, Key.Where, e.Cause, e.Message);
                _link.ReportFault(generation, e.Cause);
                AnswerUnreachable(generation, token);
                if (_link.Generation != generation && _link.Health.State == HealthState.Ready)
                {
                    Restart(_link.Generation); // a reconnect we did not hear about replaced the transport
                    return;
                }

                retry = await BackOffAsync(Stable(started) ? _options.RetryInitial : retry, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task ListAsync(ResourceApi api, long generation, CancellationToken token)
    {
        var rows = new Dictionary<string, ResourceRow>(StringComparer.Ordinal);
        string? version = null;
        string? next = null;
        do
        {
            using var page = await api.ListAsync(Key, _options.PageSize, next, token).ConfigureAwait(false);
            // The first page's version: watching from there replays whatever changed while later pages were read.
            version ??= page.RootElement.String("metadata", "resourceVersion") ?? "";
            next = page.RootElement.String("metadata", "continue") is { Length: > 0 } more ? more : null;
            foreach (var item in page.RootElement.Items("items"))
            {
                var row = _kind.Project(item);
                rows[Id(row)] = row;
            }
        }
        while (next is not null);

        lock (_gate)
        {
            if (!IsCurrentLocked(generation, token))
            {
                return;
            }

            _rows.Clear();
            foreach (var (id, row) in rows)
            {
                _rows[id] = row;
            }

            _resourceVersion = version;
            _stale = false;
            _error = null;
            PublishLocked(ResourceChangeType.Reset, []);
        }

        _firstAnswer.TrySetResult();
    }

    private void OnEvent(long generation, string type, JsonElement item, CancellationToken token)
    {
        if (type == "ERROR")
        {
            var code = (HttpStatusCode)(item.Number("code") ?? 500);
            throw new KubeApiException(code, code == HttpStatusCode.Gone ? FaultCause.Gone : FaultCause.Http, item.String("message") ?? $"watch error {(int)code}");
        }

        var row = type == "BOOKMARK" ? null : _kind.Project(item);
        lock (_gate)
        {
            if (!IsCurrentLocked(generation, token))
            {
                return; // from a run the cache has left behind
            }

            _resourceVersion = item.String("metadata", "resourceVersion") ?? _resourceVersion;
            switch (type)
            {
                case "ADDED" or "MODIFIED" when row is not null:
                    var added = _rows.TryAdd(Id(row), row);
                    _rows[Id(row)] = row;
                    PublishLocked(added ? ResourceChangeType.Added : ResourceChangeType.Modified, [row]);
                    break;
                case "DELETED" when row is not null && _rows.Remove(Id(row)):
                    PublishLocked(ResourceChangeType.Deleted, [row]);
                    break;
            }
        }
    }

    // Lost access (or the kind is gone): the view gets no rows and a reason; the cache waits for a new user or a reconnect.
    private void Fail(long generation, CancellationToken token, string error)
    {
        lock (_gate)
        {
            if (!IsCurrentLocked(generation, token))
            {
                return;
            }

            _rows.Clear();
            _stale = false;
            _error = error;
            PublishLocked(ResourceChangeType.Reset, []);
        }

        _firstAnswer.TrySetResult();
    }

    // Before any list succeeded a caller waiting for the first answer gets no rows, marked stale, instead of waiting for
    // the cluster to come back; the list that finally succeeds resets every view.
    private void AnswerUnreachable(long generation, CancellationToken token)
    {
        if (_firstAnswer.Task.IsCompleted)
        {
            return;
        }

        lock (_gate)
        {
            if (!IsCurrentLocked(generation, token))
            {
                return;
            }

            _stale = true;
        }

        _firstAnswer.TrySetResult();
    }

    private string Explain(KubeApiException e) => e.Status == HttpStatusCode.Forbidden
        ? $"Access to {Key.KindName} in {Key.Where} was refused (403): {e.Message}. Ask a cluster admin to restore the binding, then refresh the cluster."
        : $"The API server no longer serves {Key.KindName} (404): {e.Message}. Refresh the cluster to reload its kinds.";

    private async Task<TimeSpan> BackOffAsync(TimeSpan wait, CancellationToken token)
    {
        await Task.Delay(wait, _time, token).ConfigureAwait(false);
        return TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, _options.RetryCap.Ticks));
    }

    // A watch that held for a while before it broke was a working connection: the back-off starts again from the beginning.
    private bool Stable(long started) => started != 0 && _time.GetElapsedTime(started) >= 2 * _options.RetryCap;

    private static string Id(ResourceRow row) => row.Namespace is null ? row.Name : $"{row.Namespace}/{row.Name}";

    [LoggerMessage(Level = LogLevel.Error, Message = "Following {Kind} in {Where} on {ClusterId} stopped")]
    private static partial void LogRunFailed(ILogger logger, string clusterId, string kind, string where, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch of {Kind} in {Where} on {ClusterId} failed ({Cause}): {Message}")]
    private static partial void LogWatchFailed(ILogger logger, string clusterId, string kind, string where, FaultCause cause, string message);
}
