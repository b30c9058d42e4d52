using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Kubelink.Sidecar.Hosting;

/// <summary>
/// Makes stdout belong to the JSON-RPC wire and nothing else. In server mode stdout carries Content-Length frames;
/// one stray byte from <c>Console.WriteLine</c>, a library, native code or a child process that inherits fd 1 would
/// corrupt the stream for good. On Unix we move the real stdout to a private descriptor and point fd 1 at stderr,
/// so every other writer lands in the log instead of on the wire: the mistake becomes impossible, not just unlikely.
/// </summary>
internal static class StdoutGuard
{
    /// <summary>Takes stdout for the wire and returns it; from here on, everything else written to stdout goes to stderr.</summary>
    public static Stream TakeWire()
    {
        Stream wire;
        if (OperatingSystem.IsWindows())
        {
            // Windows has no dup2 for the CRT handles the runtime uses; redirecting Console covers managed writers.
            wire = Console.OpenStandardOutput();
        }
        else
        {
            var privateFd = Native.Dup(1);
            if (privateFd < 0 || Native.Dup2(2, 1) < 0)
            {
                throw new IOException($"Could not reserve stdout for the protocol (errno {Marshal.GetLastPInvokeError()}).");
            }

            wire = new FileStream(new SafeFileHandle(privateFd, ownsHandle: true), FileAccess.Write, bufferSize: 0);
        }

        Console.SetOut(Console.Error);
        return wire;
    }

    private static class Native
    {
        [DllImport("libc", EntryPoint = "dup", SetLastError = true)]
        public static extern int Dup(int fd);

        [DllImport("libc", EntryPoint = "dup2", SetLastError = true)]
        public static extern int Dup2(int oldFd, int newFd);
    }
}
