namespace Kubelink.Bench;

internal sealed record Options(bool Quick, int Rounds, string SidecarDll, string HelloDll, string Kubectl, string JsonPath, IReadOnlySet<string> Only)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        var quick = args.Contains("--quick");
        var only = Value("--only", "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => s.ToUpperInvariant()).ToHashSet();
        return new Options(
            quick,
            int.Parse(Value("--rounds", quick ? "3" : "7"), System.Globalization.CultureInfo.InvariantCulture),
            Path.GetFullPath(Value("--sidecar", "server/Kubelink.Sidecar/bin/Release/net10.0/kubelink-sidecar.dll")),
            Path.GetFullPath(Value("--hello", "tests/Kubelink.Bench.Hello/bin/Release/net10.0/Kubelink.Bench.Hello.dll")),
            Value("--kubectl", "kubectl"),
            Value("--json", ".test-output/bench/results.json"),
            only);
    }

    public bool Runs(string bench) => Only.Count == 0 || Only.Contains(bench);
}

internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("kubelink-bench-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
