namespace Kubelink.Simulator.Storage;

/// <summary>Files holding credentials: created readable by the owner only (0600) where the OS has modes.</summary>
internal static class PrivateFile
{
    public static FileStreamOptions CreateNew()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        return options;
    }
}
