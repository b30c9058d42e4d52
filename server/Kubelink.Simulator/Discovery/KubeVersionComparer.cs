using System.Text.RegularExpressions;

namespace Kubelink.Simulator.Discovery;

/// <summary>
/// Orders API versions the way Kubernetes prefers them: GA before beta before alpha, higher numbers first,
/// anything unrecognised last and alphabetically.
/// </summary>
internal sealed partial class KubeVersionComparer : IComparer<string>
{
    public static readonly KubeVersionComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        var (rx, mx, nx) = Rank(x ?? "");
        var (ry, my, ny) = Rank(y ?? "");
        if (rx != ry)
        {
            return rx.CompareTo(ry);
        }
        if (rx == 3)
        {
            return string.CompareOrdinal(x, y);
        }
        return mx != my ? my.CompareTo(mx) : ny.CompareTo(nx);
    }

    private static (int Rank, int Major, int Minor) Rank(string version)
    {
        var match = VersionPattern().Match(version);
        if (!match.Success)
        {
            return (3, 0, 0);
        }
        var major = int.Parse(match.Groups[1].Value);
        var minor = match.Groups[3].Success ? int.Parse(match.Groups[3].Value) : 0;
        return match.Groups[2].Value switch
        {
            "" => (0, major, 0),
            "beta" => (1, major, minor),
            _ => (2, major, minor),
        };
    }

    [GeneratedRegex("^v([0-9]+)(?:(alpha|beta)([0-9]+))?$")]
    private static partial Regex VersionPattern();
}
