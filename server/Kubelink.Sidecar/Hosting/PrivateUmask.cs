using System.Runtime.InteropServices;

namespace Kubelink.Sidecar.Hosting;

/// <summary>
/// Sets the process umask to 077 at start, so every file the sidecar creates is 0600 and every folder 0700, whoever
/// creates it: the rolling log (Serilog's shared file sink takes no creation mode, and rolls to new files by day and size)
/// as well as the files written through <see cref="IO.PrivateFile"/> (issue 11 item 12; the log names clusters, users
/// and namespaces). Exec credential plugins inherit it, so their own caches are private too (docs/limits.md).
/// </summary>
internal static partial class PrivateUmask
{
    public static void Apply()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            _ = umask(0b000_111_111);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A libc the runtime cannot name: start anyway. The files the sidecar writes itself are 0600 by
            // IO.PrivateFile; only the log then keeps the default mode, in a 0700 folder.
        }
    }

    // A blittable signature: no marshalling code is generated, so no unsafe block is needed.
    [DllImport("libc", EntryPoint = "umask")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint umask(uint mask);
}
