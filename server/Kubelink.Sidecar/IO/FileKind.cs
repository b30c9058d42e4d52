using System.Runtime.InteropServices;

namespace Kubelink.Sidecar.IO;

/// <summary>What a path is, after following symlinks. Only <see cref="Regular"/> files are ever opened for reading.</summary>
internal enum FileKind
{
    /// <summary>The path does not exist (or a parent is not a folder).</summary>
    Missing,

    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A folder.</summary>
    Directory,

    /// <summary>A named pipe (<c>mkfifo</c>, <c>KUBECONFIG=&lt;(cmd)</c>): opening it waits for a writer.</summary>
    Fifo,

    /// <summary>A character device (<c>/dev/zero</c>, <c>/dev/urandom</c>, a terminal): it never ends.</summary>
    CharacterDevice,

    /// <summary>A block device (a disk).</summary>
    BlockDevice,

    /// <summary>A Unix socket.</summary>
    Socket,

    /// <summary>stat failed for another reason (permissions, a symlink loop): opening the file reports it.</summary>
    Unknown,
}

/// <summary>
/// <c>stat(2)</c> for one path. The BCL says nothing about pipes or devices (FileInfo reports a FIFO and /dev/zero as
/// ordinary empty files), and opening a FIFO blocks until someone writes to it, so the kind has to be known before the
/// open. This calls the runtime's own stat shim (libSystem.Native, shipped with every .NET runtime on every Unix), whose
/// result has one layout everywhere, instead of libc's, whose <c>struct stat</c> differs per platform (decision 11).
/// </summary>
internal static class FileKinds
{
    private const int TypeMask = 0xF000;

    public static FileKind Of(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return File.Exists(path) ? FileKind.Regular : Directory.Exists(path) ? FileKind.Directory : FileKind.Missing;
        }

        if (Native.Stat(path, out var status) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is 2 or 20 ? FileKind.Missing : FileKind.Unknown; // ENOENT, ENOTDIR: the same on Linux and macOS
        }

        return (status.Mode & TypeMask) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Unknown,
        };
    }

    /// <summary>How a person would call it, for messages.</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Fifo => "a named pipe (FIFO)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.Directory => "a folder",
        _ => "not a regular file",
    };

    /// <summary>The runtime's <c>FileStatus</c>: flags, then the mode (type bits as in POSIX). Sized generously; only Mode is read.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
    }

    private static class Native
    {
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
        public static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatus output);
    }
}
