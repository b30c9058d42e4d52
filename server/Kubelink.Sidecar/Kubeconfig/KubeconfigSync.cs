using System.Threading.Channels;
using Kubelink.Protocol.Catalog;
using Kubelink.Protocol.Lifecycle;
using Kubelink.Sidecar.Lifecycle;
using Kubelink.Sidecar.Sources;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Kubeconfig;

/// <summary>
/// The kubeconfig source: reads every kubeconfig file and sync path, keeps its snapshot, watches for changes, and
/// publishes each new snapshot to the catalog, which sends <c>catalog/changed</c>. All scans run on one loop, so they never
/// race; watcher events are debounced so an editor's burst of writes becomes one re-read.
/// </summary>
internal sealed partial class KubeconfigSync : BackgroundService, ISettingsConsumer, IClusterSource
{
    /// <summary>Quiet time after the last file event before re-reading; short enough to report an edit well within 300 ms.</summary>
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(75);

    /// <summary>A safety net for file systems without reliable events (network mounts); unchanged files cost a hash.</summary>
    public static readonly TimeSpan PeriodicRescan = TimeSpan.FromSeconds(30);

    private readonly Channel<ScanRequest> _requests = Channel.CreateUnbounded<ScanRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly KubeconfigEnvironment _environment;
    private readonly TimeProvider _time;
    private readonly ILogger<KubeconfigSync> _logger;
    private readonly SourceWatcher _watcher;
    private readonly TaskCompletionSource _firstScan = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyList<string> _syncPaths = [];
    private Dictionary<string, FileRead> _reads = new(StringComparer.Ordinal);
    private Dictionary<string, FolderListing> _folders = new(StringComparer.Ordinal);

    public KubeconfigSync(KubeconfigEnvironment environment, TimeProvider time, ILogger<KubeconfigSync> logger)
    {
        _environment = environment;
        _time = time;
        _logger = logger;
        _watcher = new SourceWatcher(path => _requests.Writer.TryWrite(new ScanRequest(path, null, false)), logger);
    }

    public ClusterSourceKind Kind => ClusterSourceKind.Kubeconfig;

    /// <summary>The latest entries (one per context, valid or not) and the targets of the valid ones. Replaced whole on every change.</summary>
    public SourceSnapshot Current { get; private set; } = SourceSnapshot.Empty;

    /// <summary>Raised after each change, awaited, so the catalog has published it before a sync-path request answers.</summary>
    public event Func<SourceSnapshot, Task>? Changed;

    /// <summary>Completes when the first full read is done; <c>catalog/list</c> waits for it rather than answer empty.</summary>
    public Task Ready => _firstScan.Task;

    public void Apply(SidecarSettings settings)
    {
        if (settings.KubeconfigSyncPaths is { } paths)
        {
            _ = SetSyncPathsAsync(paths, CancellationToken.None);
        }
    }

    public Task SetSyncPathsAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken) =>
        EnqueueAsync(new ScanRequest(null, paths, true), cancellationToken);

    public Task RefreshAsync(CancellationToken cancellationToken) =>
        EnqueueAsync(new ScanRequest(null, null, true), cancellationToken);

    public override void Dispose()
    {
        _watcher.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _requests.Writer.TryWrite(new ScanRequest(null, null, true));
        using var periodic = new PeriodicTimer(PeriodicRescan, _time);
        _ = Task.Run(async () =>
        {
            while (await periodic.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                _requests.Writer.TryWrite(new ScanRequest(null, null, false));
            }
        }, stoppingToken);

        try
        {
            while (await _requests.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                var batch = await CollectBatchAsync(stoppingToken).ConfigureAwait(false);
                await RunScanAsync(batch).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private async Task EnqueueAsync(ScanRequest request, CancellationToken cancellationToken)
    {
        _requests.Writer.TryWrite(request);
        await request.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drains requests until the sources have been quiet for <see cref="Debounce"/>; explicit requests skip the wait.</summary>
    private async Task<List<ScanRequest>> CollectBatchAsync(CancellationToken cancellationToken)
    {
        var batch = new List<ScanRequest>();
        while (true)
        {
            while (_requests.Reader.TryRead(out var request))
            {
                batch.Add(request);
            }

            if (batch.Any(r => r.Explicit))
            {
                return batch;
            }

            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            quiet.CancelAfter(Debounce);
            try
            {
                await _requests.Reader.WaitToReadAsync(quiet.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return batch;
            }
        }
    }

    private async Task RunScanAsync(List<ScanRequest> batch)
    {
        try
        {
            if (batch.LastOrDefault(r => r.SyncPaths is not null) is { SyncPaths: { } paths })
            {
                _syncPaths = paths;
            }

            var full = batch.Any(r => r.Path is null);
            var dirty = full ? null : batch.Select(r => r.Path!).ToHashSet(StringComparer.Ordinal);
            var scan = await Task.Run(() => CatalogScan.Run(_environment, _syncPaths, _reads, _folders, dirty)).ConfigureAwait(false);
            _reads = scan.Reads;
            _folders = scan.Folders;
            _watcher.Watch(scan.WatchedFiles, scan.WatchedFolders);
            await PublishAsync(scan).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // A bug in a scan must not take the sidecar down; the next event or the periodic rescan tries again.
            LogScanFailed(_logger, e);
        }
        finally
        {
            _firstScan.TrySetResult();
            foreach (var request in batch)
            {
                request.Done.TrySetResult();
            }
        }
    }

    private async Task PublishAsync(CatalogScanResult scan)
    {
        var targets = scan.Resolved.ToDictionary(r => r.Key, r => KubeconfigTargets.From(r.Value), StringComparer.Ordinal);
        if (CatalogDiff.Between(Current.Entries, Current.Targets, scan.Entries, targets) is null)
        {
            return;
        }

        Current = new SourceSnapshot(scan.Entries, targets);
        await SourceEvents.RaiseAsync(Changed, Current).ConfigureAwait(false);
    }

    private sealed record ScanRequest(string? Path, IReadOnlyList<string>? SyncPaths, bool Explicit)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Kubeconfig scan failed")]
    private static partial void LogScanFailed(ILogger logger, Exception exception);
}
