using Kubelink.Sidecar.Hosting;
using Kubelink.Sidecar.Tests.TestSupport;
using Serilog.Events;

namespace Kubelink.Sidecar.Tests.Hosting;

/// <summary>
/// The rolling log file is set up after the first answer, not on the start path (decision 60): nothing is created until
/// it opens, and the lines written before reach it, in order, when it does (or when the logger closes first).
/// </summary>
public sealed class DeferredLogFileTests
{
    [Fact]
    public void LinesWrittenBeforeTheFileOpens_ReachItInOrder()
    {
        using var dir = new TempDir();
        var paths = new StatePaths(dir.Path);
        paths.Ensure();
        var (logger, file) = Logging.Create(paths, LogEventLevel.Information);

        logger.Information("first line {N}", 1);
        Assert.Empty(Directory.GetFiles(paths.Logs));
        file.Open();
        logger.Information("second line {N}", 2);
        logger.Dispose();

        var text = File.ReadAllText(Directory.GetFiles(paths.Logs).Single());
        Assert.Contains("first line 1", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("first line 1", StringComparison.Ordinal) < text.IndexOf("second line 2", StringComparison.Ordinal), text);
    }

    [Fact]
    public void ALoggerClosedBeforeTheFileOpened_StillLeavesItsLines()
    {
        using var dir = new TempDir();
        var paths = new StatePaths(dir.Path);
        paths.Ensure();
        var (logger, _) = Logging.Create(paths, LogEventLevel.Information);

        logger.Warning("stopped early");
        logger.Dispose();

        Assert.Contains("stopped early", File.ReadAllText(Directory.GetFiles(paths.Logs).Single()), StringComparison.Ordinal);
    }
}
