using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Kubelink.Sidecar.IO;

namespace Kubelink.Sidecar.Clusters.Upstream;

/// <summary>What a finished plugin said.</summary>
internal sealed record PluginOutput(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// One run of an exec credential plugin, bounded on every side (decision 12): stdin closed, stdout capped at
/// <see cref="InputLimits.PluginStdoutMaxBytes"/> (more and it is killed: 100 MB of output cost the sidecar a gigabyte),
/// stderr kept up to <see cref="InputLimits.PluginStderrMaxBytes"/> and drained past it (so a chatty plugin cannot block
/// on a full pipe), a time limit, and on every way out but a clean exit its whole process tree is killed.
/// </summary>
internal static class PluginRun
{
    public static async Task<PluginOutput> RunAsync(ProcessStartInfo info, string name, TimeSpan limit, TimeProvider time, CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = info };
        // The clock starts before the process does, so no child can be seen running before its deadline exists.
        using var deadline = new CancellationTokenSource(limit, time);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"The credential plugin '{name}' cannot be started: {e.Message}. Check that it is an executable file.");
        }

        using var tracked = ChildProcesses.Track(process);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        try
        {
            process.StandardInput.Close();
            var stdoutTask = ReadAsync(process.StandardOutput.BaseStream, stdout, InputLimits.PluginStdoutMaxBytes, stopWhenFull: true, linked.Token);
            var stderrTask = ReadAsync(process.StandardError.BaseStream, stderr, InputLimits.PluginStderrMaxBytes, stopWhenFull: false, linked.Token);
            if (!await stdoutTask.ConfigureAwait(false))
            {
                throw new InvalidOperationException($"The credential plugin '{name}' printed more than {BoundedFile.Size(InputLimits.PluginStdoutMaxBytes)} on stdout and was stopped; an ExecCredential is a few KB. Run it in a terminal to see what it prints.");
            }

            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            await stderrTask.ConfigureAwait(false);
            return new PluginOutput(process.ExitCode, Text(stdout), Text(stderr));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var said = Text(stderr);
            throw new InvalidOperationException(
                $"The credential plugin '{name}' did not answer within {limit.TotalSeconds:0} s and was stopped. Kubelink runs it without a terminal: run it in one to see what it waits for (a login, an MFA code, the network)." +
                (said.Length > 0 ? $" It said: {Truncate(said)}" : ""));
        }
        finally
        {
            ChildProcesses.Kill(process);
        }
    }

    public static string Truncate(string text) => text.Length > 500 ? text[..500] + "…" : text;

    private static string Text(MemoryStream bytes)
    {
        lock (bytes)
        {
            return Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length).Trim();
        }
    }

    /// <summary>Reads to the end into <paramref name="sink"/>, keeping at most <paramref name="cap"/> bytes; false when more came and <paramref name="stopWhenFull"/>.</summary>
    private static async Task<bool> ReadAsync(Stream stream, MemoryStream sink, int cap, bool stopWhenFull, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            lock (sink)
            {
                var room = (int)Math.Max(0, cap - sink.Length);
                if (read > room && stopWhenFull)
                {
                    return false;
                }

                sink.Write(buffer, 0, Math.Min(read, room)); // past the cap stderr is read and dropped, so the plugin never blocks on it
            }
        }

        return true;
    }
}
