using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Kubelink.Sidecar.Hosting;

/// <summary>
/// A self-check of <see cref="StdoutGuard"/>, enabled by <see cref="Variable"/>: after the guard is up, write to "stdout"
/// in every way a careless dependency could (Console, a raw write to fd 1, a child process that inherits stdout).
/// The stdout test runs the real sidecar with it and asserts the wire still carries nothing but frames.
/// </summary>
internal static class StrayOutput
{
    public const string Variable = "KUBELINK_SELFTEST_STRAY_STDOUT";

    public const string Marker = "STRAY-STDOUT-WRITE";

    public static void WriteEverywhere()
    {
        Console.WriteLine(Marker + " via Console.WriteLine"); // deliberate: the guard must send this to stderr
        Console.Out.Write(Marker + " via Console.Out\n"); // deliberate, see above
        Console.Out.Flush(); // deliberate, see above
        if (!OperatingSystem.IsWindows())
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(Marker + " via write(1)\n");
            _ = Write(1, bytes, bytes.Length);
            using var child = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", $"echo {Marker} via child process"]) { UseShellExecute = false });
            child?.WaitForExit();
        }
    }

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    private static extern nint Write(int fd, byte[] buffer, nint count);
}
