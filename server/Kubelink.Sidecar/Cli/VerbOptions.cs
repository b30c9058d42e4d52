using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace Kubelink.Sidecar.Cli;

/// <summary>
/// <c>--name value</c> options of the headless verbs, and their logger (stderr only: these verbs own stdout, which carries the
/// one line a caller waits for).
/// </summary>
internal sealed class VerbOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private VerbOptions()
    {
    }

    /// <summary>Parses <c>--key value</c> pairs; the error names the option that is wrong.</summary>
    public static VerbOptions Parse(string[] args, IReadOnlySet<string> known)
    {
        var options = new VerbOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || !known.Contains(name[2..]))
            {
                throw new ArgumentException($"unknown option '{name}' (known: {string.Join(", ", known.Select(k => "--" + k))})");
            }
            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"option '{name}' needs a value");
            }
            options._values[name[2..]] = args[++i];
        }
        return options;
    }

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public string Require(string name) => Get(name) ?? throw new ArgumentException($"--{name} is required");

    public static SerilogLoggerFactory Loggers() => new(new LoggerConfiguration()
        .MinimumLevel.Is(Enum.TryParse<LogEventLevel>(Environment.GetEnvironmentVariable("KUBELINK_LOG_LEVEL"), true, out var level) ? level : LogEventLevel.Information)
        .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
        .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
        .WriteTo.Console(outputTemplate: Hosting.Logging.StderrTemplate, standardErrorFromLevel: LogEventLevel.Verbose)
        .CreateLogger(), dispose: true);

    /// <summary>A token cancelled by SIGTERM or Ctrl-C, for verbs that run until stopped.</summary>
    public static CancellationTokenSource StopOnSignal(out IDisposable registrations)
    {
        var stop = new CancellationTokenSource();
        var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        registrations = new Both(term, interrupt);
        return stop;
    }

    private sealed class Both(IDisposable a, IDisposable b) : IDisposable
    {
        public void Dispose()
        {
            a.Dispose();
            b.Dispose();
        }
    }
}
