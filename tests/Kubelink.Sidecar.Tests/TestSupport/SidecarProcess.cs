using System.Diagnostics;
using System.Text;

namespace Kubelink.Sidecar.Tests.TestSupport;

/// <summary>The real built sidecar (kubelink-sidecar.dll, copied beside the tests) as a child process.</summary>
public sealed class SidecarProcess : IDisposable
{
    private readonly StringBuilder _stderr = new();
    private readonly MemoryStream _stdout = new();
    private readonly Task _stdoutPump;

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
        _stdoutPump = process.StandardOutput.BaseStream.CopyToAsync(_stdout);
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
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return new SidecarProcess(Process.Start(info)!);
    }

    public async Task SendAsync(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var stdin = Process.StandardInput.BaseStream;
        await stdin.WriteAsync(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
        await stdin.WriteAsync(body);
        await stdin.FlushAsync();
    }

    /// <summary>Waits for exit and returns everything the process wrote to stdout.</summary>
    public async Task<byte[]> WaitForExitAsync(string what)
    {
        await Wait.For(Process.WaitForExitAsync(), what);
        await Wait.For(_stdoutPump, "stdout to close");
        return _stdout.ToArray();
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
