using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Kubelink.Sidecar.Tests.TestSupport;

/// <summary>Keeps every event a Serilog logger writes, so a test can read what the sidecar would have logged.</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>A position to count from: events after it are the ones an action caused.</summary>
    public int Mark() => _events.Count;

    public IReadOnlyList<LogEvent> Since(int mark) => [.. _events.Skip(mark)];

    public static string SourceOf(LogEvent e) =>
        e.Properties.TryGetValue("SourceContext", out var source) ? source.ToString().Trim('"') : "";
}
