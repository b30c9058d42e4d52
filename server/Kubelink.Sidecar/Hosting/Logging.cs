using Serilog;
using Serilog.Events;

namespace Kubelink.Sidecar.Hosting;

/// <summary>Serilog to stderr (the extension's output channel reads it) and to a rolling file in the state folder.</summary>
internal static class Logging
{
    /// <summary>The stderr line shape the extension parses: <c>[INF] Source: message</c>. Keep in sync with extension/src/sidecar/logLines.ts.</summary>
    public const string StderrTemplate = "[{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// The logger, and the file sink behind it, which is opened by <see cref="DeferredSink.Open"/> (after the first answer)
    /// and closed with the logger: stderr gets every line at once, the file gets the early ones when it opens.
    /// </summary>
    public static (Serilog.Core.Logger Logger, DeferredSink File) Create(StatePaths paths, LogEventLevel minimum)
    {
        var file = new DeferredSink(() => new LoggerConfiguration()
            .MinimumLevel.Verbose() // the outer logger has already applied the levels
            .WriteTo.File(
                Path.Combine(paths.Logs, "sidecar-.log"),
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] ({ProcessId}) {SourceContext}: {Message:lj}{NewLine}{Exception}",
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 7,
                fileSizeLimitBytes: 10 * 1024 * 1024,
                rollOnFileSizeLimit: true,
                shared: true) // several VS Code windows run several sidecars
            .CreateLogger());
        var logger = new LoggerConfiguration()
            .Levels(minimum)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("ProcessId", Environment.ProcessId)
            .WriteTo.Console(outputTemplate: StderrTemplate, standardErrorFromLevel: LogEventLevel.Verbose)
            .WriteTo.Sink(file)
            .CreateLogger();
        return (logger, file);
    }

    /// <summary>
    /// The sidecar's levels, shared with the tests that check them. Libraries log per request or per connection at
    /// Information (YARP's forwarder writes "Proxying to …" and "Received HTTP/1.1 response …" for every proxied call:
    /// 95,000 lines in 16 s under load, and the URL it names is the path where user-info could leak), so Information must
    /// stay readable for a day of use: library chatter only shows when the user asks for Debug.
    /// </summary>
    public static LoggerConfiguration Levels(this LoggerConfiguration configuration, LogEventLevel minimum)
    {
        var libraries = minimum <= LogEventLevel.Debug ? minimum : LogEventLevel.Warning;
        return configuration
            .MinimumLevel.Is(minimum)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
            .MinimumLevel.Override("Yarp", libraries);
    }
}
