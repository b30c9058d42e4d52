using System.Threading.Channels;
using Kubelink.Protocol.Resources;
using Kubelink.Sidecar.Kube;
using Kubelink.Sidecar.Resources;
using Kubelink.Sidecar.Resources.Rows;
using Kubelink.Sidecar.Tests.Clusters;
using Kubelink.Sidecar.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kubelink.Sidecar.Tests.Resources;

/// <summary>
/// One cache on the real simulator, isolated from cluster health (<see cref="IsolatedLink"/>): what it does by itself while
/// the cluster counts as ready. The back-off runs on an injected clock; each wait is asserted exactly and skipped.
/// </summary>
public sealed class WatchCacheTests
{
    [Fact]
    public async Task HistoryExpiredDuringABlip_ReListsAndResets()
    {
        await using var bed = await ClusterTestBed.StartAsync(new Kubelink.Simulator.SimulatorOptions { Namespaces = 1, Nodes = 1, PodsPerNamespace = 1, WatchHistoryLimit = 5 });
        var info = await bed.ActivateAsync("sim-admin");
        var link = new IsolatedLink(bed.Session(info.Id));
        using var cache = ConfigMapCache(link, TimeProvider.System, new ResourceOptions());
        var changes = new ChangeRecorder();
        cache.Start();
        await Wait.For(cache.FirstAnswer, "the first list");
        cache.Attach(changes);

        await bed.Simulator.Faults.RefuseConnectionsAsync();
        var cut = await Wait.For(link.Faults.Reader.ReadAsync().AsTask(), "the fault of the cut watch");
        var names = Enumerable.Range(0, 10).Select(i => $"expired-{i}").ToList();
        names.ForEach(n => bed.Simulator.Store.Create(ResourceViews.ConfigMap("team-a", n)));
        await bed.Simulator.Faults.AcceptConnectionsAsync();
        // Health never left ready, so only the re-watch's 410 can explain a reset.
        var reset = await Wait.For(changes.Changes.Reader.ReadAsync().AsTask(), "the reset after 410");

        Assert.Equal(link.Generation, cut.Generation);
        Assert.Equal(ResourceChangeType.Reset, reset.Type);
        Assert.Subset(reset.Items.Select(r => r.Name).ToHashSet(), names.ToHashSet());
        Assert.False(cache.Snapshot().Stale);
    }

    [Fact]
    public async Task UnreachableWhileReady_RetriesWithDoublingWaitsUpToTheCap_ThenResets()
    {
        await using var refused = await RefusedCache.StartAsync();
        var (bed, link, time, cache) = (refused.Bed, refused.Link, refused.Time, refused.Cache);
        var changes = new ChangeRecorder();

        cache.Start();
        var first = await Wait.For(link.Faults.Reader.ReadAsync().AsTask(), "the first fault");
        await Wait.For(cache.FirstAnswer, "the first answer");
        var answer = cache.Attach(changes);
        var waits = new List<TimeSpan>();
        for (var retry = 0; retry < 4; retry++)
        {
            var wait = await time.NextTimerAsync("a back-off timer");
            waits.Add(wait);
            time.Fake.Advance(wait);
            await Wait.For(link.Faults.Reader.ReadAsync().AsTask(), "the retry's fault");
        }

        await bed.Simulator.Faults.AcceptConnectionsAsync();
        time.Fake.Advance(await time.NextTimerAsync("the last back-off timer"));
        var reset = await Wait.For(changes.Changes.Reader.ReadAsync().AsTask(), "the reset after the server came back");

        Assert.Equal((link.Generation, "refused"), first);
        Assert.True(answer.Stale);
        Assert.Empty(answer.Items);
        Assert.Equal([250, 500, 1000, 1000], waits.Select(w => w.TotalMilliseconds));
        Assert.Equal(ResourceChangeType.Reset, reset.Type);
        Assert.Equal(bed.Simulator.Store.List("v1", "ConfigMap", "team-a").Count, reset.Items.Count);
        Assert.False(cache.Snapshot().Stale);
    }

    [Fact]
    public async Task AWatchThatHeldForAWhile_BreaksIntoAFreshBackOff()
    {
        await using var refused = await RefusedCache.StartAsync();
        var (bed, link, time, cache) = (refused.Bed, refused.Link, refused.Time, refused.Cache);

        cache.Start();
        time.Fake.Advance(await time.NextTimerAsync("the first back-off"));
        var second = await time.NextTimerAsync("the second back-off");
        await bed.Simulator.Faults.AcceptConnectionsAsync();
        time.Fake.Advance(second);
        await Wait.For(ResourceViews.UntilAsync(() => bed.Simulator.Store.OpenWatches("v1", "ConfigMap") == 1), "the watch to open");
        time.Fake.Advance(TimeSpan.FromSeconds(10)); // the watch has now held for longer than twice the cap
        bed.Simulator.Faults.DropConnections();
        var afterStableWatch = await time.NextTimerAsync("the back-off after the drop");

        Assert.Equal(TimeSpan.FromMilliseconds(500), second);
        Assert.Equal(TimeSpan.FromMilliseconds(250), afterStableWatch); // not 1000: the escalation was forgotten
    }

    private static readonly ResourceOptions QuickBackOff = new() { RetryInitial = TimeSpan.FromMilliseconds(250), RetryCap = TimeSpan.FromSeconds(1) };

    private static WatchCache ConfigMapCache(IsolatedLink link, TimeProvider time, ResourceOptions options) =>
        new(new ResourceKey(link.ClusterId, "", "v1", "configmaps", "team-a"), link, RowKinds.Generic, options, time, NullLogger.Instance);

    /// <summary>A configmap cache on the injected clock, created while the simulator refuses connections.</summary>
    private sealed class RefusedCache : IAsyncDisposable
    {
        private RefusedCache(ClusterTestBed bed, IsolatedLink link, TimerRecordingTime time)
        {
            Bed = bed;
            Link = link;
            Time = time;
            Cache = ConfigMapCache(link, time, QuickBackOff);
        }

        public ClusterTestBed Bed { get; }

        public IsolatedLink Link { get; }

        public TimerRecordingTime Time { get; }

        public WatchCache Cache { get; }

        public static async Task<RefusedCache> StartAsync()
        {
            var bed = await ClusterTestBed.StartAsync();
            var info = await bed.ActivateAsync("sim-admin");
            await bed.Simulator.Faults.RefuseConnectionsAsync();
            return new RefusedCache(bed, new IsolatedLink(bed.Session(info.Id)), new TimerRecordingTime());
        }

        public async ValueTask DisposeAsync()
        {
            Cache.Dispose();
            await Bed.DisposeAsync();
        }
    }

    /// <summary>A fake clock that tells when a timer is set and for how long, so the test advances exactly when the cache waits.</summary>
    private sealed class TimerRecordingTime : TimeProvider
    {
        public FakeTimeProvider Fake { get; } = new();

        public Channel<TimeSpan> Timers { get; } = Channel.CreateUnbounded<TimeSpan>();

        public Task<TimeSpan> NextTimerAsync(string what) => Wait.For(Timers.Reader.ReadAsync().AsTask(), what);

        public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

        public override long GetTimestamp() => Fake.GetTimestamp();

        public override long TimestampFrequency => Fake.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = Fake.CreateTimer(callback, state, dueTime, period);
            Timers.Writer.TryWrite(dueTime);
            return timer;
        }
    }

    private sealed class ChangeRecorder : ICacheListener
    {
        public Channel<CacheChange> Changes { get; } = Channel.CreateUnbounded<CacheChange>();

        public void OnChange(WatchCache cache, CacheChange change) => Changes.Writer.TryWrite(change);
    }
}
