using Serilog.Core;
using Serilog.Events;

namespace Kubelink.Sidecar.Hosting;

/// <summary>
/// A sink that is built later: until <see cref="Open"/> runs, events wait in memory (at most <see cref="MaxPending"/>;
/// later ones are counted and reported when the sink opens). The rolling log file's set-up (the shared-file mutex, the
/// folder scan for old files to delete, opening the file) took a sizeable part of the time to the first answer
/// (docs/benchmarks.md, issue 16), and nothing needs the file before the extension has its answer.
/// </summary>
internal sealed class DeferredSink(Func<Logger> open) : ILogEventSink, IDisposable
{
    /// <summary>Events kept before the file opens; a start writes a handful, so this only bounds a flood.</summary>
    public const int MaxPending = 1000;

    private readonly object _lock = new();
    private List<LogEvent>? _pending = [];
    private int _dropped;
    private Logger? _sink;
    private bool _disposed;

    public void Emit(LogEvent logEvent)
    {
        lock (_lock)
        {
            if (_sink is not null)
            {
                _sink.Write(logEvent);
            }
            else if (_pending is { Count: < MaxPending })
            {
                _pending.Add(logEvent);
            }
            else if (!_disposed)
            {
                _dropped++;
            }
        }
    }

    /// <summary>Builds the sink and writes what waited, in order; later calls do nothing.</summary>
    public void Open()
    {
        lock (_lock)
        {
            if (_sink is not null || _disposed)
            {
                return;
            }

            _sink = open();
            foreach (var pending in _pending!)
            {
                _sink.Write(pending);
            }

            if (_dropped > 0)
            {
                _sink.Warning("{Count} log events written before the log file opened were left out of it (they went to stderr)", _dropped);
            }

            _pending = null;
        }
    }

    /// <summary>Opens the sink if it never was (a sidecar that stops early still leaves its lines in the file), then closes it.</summary>
    public void Dispose()
    {
        Open();
        lock (_lock)
        {
            _disposed = true;
            _sink?.Dispose();
        }
    }
}
