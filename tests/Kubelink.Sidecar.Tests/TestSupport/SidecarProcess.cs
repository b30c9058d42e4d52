using System.Diagnostics;
using System.Text;

namespace Kubelink.Sidecar.Tests.TestSupport;

/// <summary>The real built sidecar (kubelink-sidecar.dll, copied beside the tests) as a child process.</summary>
public sealed class SidecarProcess : IDisposable
{
    private readonly StringBuilder _stderr = new();
    private readonly MemoryStream _stdout = new();
    private readonly Task _stdoutPump;
    private readonly System.Threading.Channels.Channel<byte[]> _chunks = System.Threading.Channels.Channel.CreateUnbounded<byte[]>();
    private readonly List<byte> _unread = [];
    private int _consumed;
    private int _nextId = 1000;

    private SidecarProcess(Process process)
    {
        Process = process;
        process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        _stdoutPump = PumpAsync(process.StandardOutput.BaseStream);
    }

    public Process Process { get; }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "kubelink-sidecar.dll");

    public static SidecarProcess Start(string stateDir, IReadOnlyDictionary<string, string>? environment = null, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["KUBELINK_STATE_DIR"] = stateDir;
        // A developer's AWS setup (keys, profile, endpoints) must never reach a test's sidecar: only what the test gives.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return new SidecarProcess(Process.Start(info)!);
    }

    /// <summary>Everything on stdout is kept (for the strict parse at the end) and handed out frame by frame.</summary>
    private async Task PumpAsync(Stream stdout)
    {
        var buffer = new byte[8192];
        int read;
        while ((read = await stdout.ReadAsync(buffer)) > 0)
        {
            var chunk = buffer[..read];
            lock (_stdout)
            {
                _stdout.Write(chunk);
            }

            _chunks.Writer.TryWrite(chunk);
        }

        _chunks.Writer.TryComplete();
    }

    /// <summary>The bytes of every frame handed out so far (nothing else may be among them).</summary>
    public byte[] ConsumedStdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToArray()[.._consumed];
            }
        }
    }

    /// <summary>Notifications read while waiting for answers (<see cref="RequestAsync"/>).</summary>
    public List<System.Text.Json.JsonElement> Notifications { get; } = [];

    /// <summary>Peak resident memory since start from /proc/PID/status (VmHWM), in bytes: catches spikes between samples.</summary>
    public long PeakResidentBytes()
    {
        var line = File.ReadLines($"/proc/{Process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Sends a request and returns its answer (result or error), keeping the notifications that came before it.</summary>
    public async Task<System.Text.Json.JsonElement> RequestAsync(string method, string? paramsJson = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        await SendAsync(paramsJson is null
            ? $$"""{"jsonrpc":"2.0","id":{{id}},"method":"{{method}}"}"""
            : $$"""{"jsonrpc":"2.0","id":{{id}},"method":"{{method}}","params":{{paramsJson}}}""");
        var (answer, before) = await ReadAnswerAsync(id);
        Notifications.AddRange(before);
        return answer;
    }

    /// <summary>The next frame's JSON body, as a real client reads it.</summary>
    public async Task<System.Text.Json.JsonElement> ReadFrameAsync()
    {
        while (true)
        {
            var text = Encoding.ASCII.GetString([.. _unread]);
            // Strict: stdout carries frames only, so whatever is there must start like a header.
            var prefix = "Content-Length: ";
            Assert.True(prefix.StartsWith(text[..Math.Min(text.Length, prefix.Length)], StringComparison.Ordinal), $"stdout has bytes that are not a frame: '{text[..Math.Min(text.Length, 200)]}'");
            var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (headerEnd >= 0)
            {
                var length = int.Parse(text["Content-Length: ".Length..text.IndexOf('\r')], System.Globalization.CultureInfo.InvariantCulture);
                if (_unread.Count >= headerEnd + 4 + length)
                {
                    var body = _unread.GetRange(headerEnd + 4, length).ToArray();
                    _unread.RemoveRange(0, headerEnd + 4 + length);
                    _consumed += headerEnd + 4 + length;
                    return System.Text.Json.JsonDocument.Parse(body).RootElement.Clone();
                }
            }

            _unread.AddRange(await Wait.For(_chunks.Reader.ReadAsync().AsTask(), "a frame from the sidecar"));
        }
    }

    public Task SendAsync(string json) => SendAsync(Encoding.UTF8.GetBytes(json));

    public async Task SendAsync(byte[] body)
    {
        var stdin = Process.StandardInput.BaseStream;
        await stdin.WriteAsync(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
        await stdin.WriteAsync(body);
        await stdin.FlushAsync();
    }

    /// <summary>Reads frames until the answer to request <paramref name="id"/>; notifications and other answers are returned too.</summary>
    public async Task<(System.Text.Json.JsonElement Answer, IReadOnlyList<System.Text.Json.JsonElement> Before)> ReadAnswerAsync(int id)
    {
        var before = new List<System.Text.Json.JsonElement>();
        while (true)
        {
            var frame = await ReadFrameAsync();
            if (frame.TryGetProperty("id", out var frameId) && frameId.ValueKind == System.Text.Json.JsonValueKind.Number && frameId.GetInt32() == id)
            {
                return (frame, before);
            }

            before.Add(frame);
        }
    }

    /// <summary>Resident memory from /proc/PID/status (VmRSS), in bytes.</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{Process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Waits for exit and returns everything the process wrote to stdout.</summary>
    public async Task<byte[]> WaitForExitAsync(string what)
    {
        await Wait.For(Process.WaitForExitAsync(), what);
        await Wait.For(_stdoutPump, "stdout to close");
        lock (_stdout)
        {
            return _stdout.ToArray();
        }
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        Process.Dispose();
    }
}
