using System.Threading.Channels;

namespace Kubelink.Simulator.Storage;

/// <summary>A change as watchers and the history see it.</summary>
/// <param name="Type">ADDED, MODIFIED, DELETED or BOOKMARK.</param>
/// <param name="Object">The object (new state; for DELETED the last state at the deletion's version).</param>
/// <param name="Previous">The state before a MODIFIED, so a watch with a selector can tell an object left it.</param>
/// <param name="ResourceVersion">The resource version the event brings the watcher to.</param>
/// <param name="InitialEventsEnd">Marks the bookmark that ends the initial events of a watch-list.</param>
internal readonly record struct WatchEvent(
    string Type, StoredObject? Object, StoredObject? Previous, long ResourceVersion, bool InitialEventsEnd = false);

/// <summary>One open watch: a filter and a queue the HTTP handler drains.</summary>
internal sealed class Watcher(string? ns, Func<StoredObject, bool>? filter, object? owner)
{
    /// <summary>A watcher further behind than this is cut off, as the real server drops slow watchers.</summary>
    private const int MaxBacklog = 50_000;

    private readonly Channel<WatchEvent> _channel =
        Channel.CreateUnbounded<WatchEvent>();

    /// <summary>Who opened the watch (the authorization context), so access changes can end it.</summary>
    public object? Owner { get; } = owner;

    public ChannelReader<WatchEvent> Reader => _channel.Reader;

    public bool Matches(StoredObject obj) =>
        (ns is null || obj.Namespace == ns) && (filter is null || filter(obj));

    /// <summary>Queues a change, translating it for this watcher's selector the way the watch cache does.</summary>
    public void Deliver(WatchEvent change)
    {
        if (change.Type == "BOOKMARK")
        {
            Write(change);
            return;
        }
        var now = Matches(change.Object!);
        var before = change.Previous is not null && Matches(change.Previous);
        if (change.Type == "MODIFIED")
        {
            if (now && !before)
            {
                Write(change with { Type = "ADDED" });
            }
            else if (!now && before)
            {
                Write(change with { Type = "DELETED" });
            }
            else if (now)
            {
                Write(change);
            }
        }
        else if (now)
        {
            Write(change);
        }
    }

    public void Close() => _channel.Writer.TryComplete();

    private void Write(WatchEvent change)
    {
        if (_channel.Reader.Count > MaxBacklog)
        {
            Close();
            return;
        }
        _channel.Writer.TryWrite(change);
    }
}
