using System.Text.RegularExpressions;

namespace Kubelink.Sidecar.Simulated;

/// <summary>
/// Names of simulated clusters. A name becomes the tenant namespace <c>cluster-&lt;name&gt;</c> and the prefix of its node
/// names, so it must be a DNS label that still fits 63 characters with the prefix.
/// </summary>
internal static partial class ClusterName
{
    public const string NamespacePrefix = "cluster-";
    public const int MaxLength = 63 - 8; // "cluster-" is 8 characters

    /// <summary>Null when valid, else why not (shown to the caller as the 400's message).</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "a name is required, e.g. {\"name\":\"test-cluster-012\"}";
        }
        if (name.Length > MaxLength)
        {
            return $"'{Shorten(name)}' is {name.Length} characters; at most {MaxLength}, so that 'cluster-<name>' is a valid namespace";
        }
        return Label().IsMatch(name)
            ? null
            : $"'{Shorten(name)}' is not a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit";
    }

    public static string Namespace(string name) => NamespacePrefix + name;

    private static string Shorten(string name) => name.Length <= 80 ? name : name[..80] + "…";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}
