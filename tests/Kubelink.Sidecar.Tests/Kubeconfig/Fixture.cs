namespace Kubelink.Sidecar.Tests.Kubeconfig;

/// <summary>Named kubeconfig fixtures (one scenario per file), copied into a test's own folder before use.</summary>
public static class Fixture
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Kubeconfig", "Fixtures", name);

    public static string CopyTo(string folder, string name, string? as_ = null)
    {
        var target = System.IO.Path.Combine(folder, as_ ?? name);
        Directory.CreateDirectory(folder);
        File.Copy(Path(name), target, overwrite: true);
        return target;
    }
}
