using System.Text.RegularExpressions;

namespace Kubelink.Sidecar.Resources.Yaml;

/// <summary>
/// Strings a YAML reader would not read back as strings if written plain: YAML 1.1 and 1.2 nulls, booleans
/// (<c>yes</c>, <c>off</c>, <c>y</c>…), numbers (decimal, hex, octal, binary, sexagesimal, <c>.inf</c>, <c>.nan</c>),
/// timestamps, the merge key and the empty string. Kubernetes readers follow YAML 1.1 in places (go-yaml v2), so both
/// versions' rules apply, as kubectl's own output does (it quotes <c>"2024-01-01T00:00:00Z"</c> and <c>"8080"</c>).
/// </summary>
internal static partial class ScalarTypes
{
    private static readonly HashSet<string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", "<<", "=",
    };

    public static bool ReadsAsNonString(string text) =>
        text.Length == 0 || Words.Contains(text) || Number().IsMatch(text) || Timestamp().IsMatch(text);

    [GeneratedRegex(@"^(?:[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?0x[0-9a-fA-F_]+|0o[0-7]+|[-+]?0b[01_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:$|[Tt ])", RegexOptions.CultureInvariant)]
    private static partial Regex Timestamp();
}
