using System.Text;
using System.Text.RegularExpressions;

namespace Kubelink.Sidecar.GraphQL.Schema;

/// <summary>
/// GraphQL names from Kubernetes names. Type names always carry the group and version (<c>V1Pod</c>,
/// <c>AppsV1Deployment</c>) so two kinds, or a kind and a CRD's nested field, never collide; a name taken anyway gets a number.
/// </summary>
internal sealed partial class GraphNames
{
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    /// <summary>Reserves <paramref name="wanted"/>, or the first free <c>wanted2</c>, <c>wanted3</c>…</summary>
    public string Unique(string wanted)
    {
        var name = wanted;
        for (var n = 2; !_taken.Add(name); n++)
        {
            name = wanted + n;
        }
        return name;
    }

    /// <summary>A valid GraphQL name: letters, digits and underscores, not starting with a digit or <c>__</c>.</summary>
    public static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }
        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }
        var result = builder.ToString();
        return result.StartsWith("__", StringComparison.Ordinal) ? "x" + result : result;
    }

    /// <summary>The group as a field name: <c>rbac.authorization.k8s.io</c> → <c>rbac_authorization_k8s_io</c>.</summary>
    public static string GroupField(string group) => Sanitize(group);

    /// <summary>The prefix of every type of a group-version: <c>V1</c>, <c>AppsV1</c>, <c>RbacAuthorizationK8sIoV1</c>.</summary>
    public static string Prefix(string group, string version) => Pascal(group) + Pascal(version);

    public static string Pascal(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var part in text.Split(['.', '-', '_', '/', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            var clean = Sanitize(part).TrimStart('_');
            if (clean.Length > 0)
            {
                builder.Append(char.ToUpperInvariant(clean[0])).Append(clean.AsSpan(1));
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// The type name of a definition without a group-version-kind (PodSpec, ObjectMeta): its version segment and the
    /// segment before it give the prefix (<c>io.k8s.api.apps.v1.DeploymentSpec</c> → <c>AppsV1DeploymentSpec</c>,
    /// <c>io.k8s.api.core.v1.PodSpec</c> → <c>V1PodSpec</c>, <c>…apis.meta.v1.ObjectMeta</c> → <c>MetaV1ObjectMeta</c>).
    /// </summary>
    public static string ForDefinition(string definition)
    {
        var segments = definition.Split('.');
        var kind = segments[^1];
        for (var i = segments.Length - 2; i >= 0; i--)
        {
            if (Version().IsMatch(segments[i]))
            {
                var group = i > 0 && segments[i - 1] is not ("core" or "api" or "k8s") ? segments[i - 1] : "";
                return Pascal(group) + Pascal(segments[i]) + Pascal(kind);
            }
        }
        return Pascal(definition);
    }

    [GeneratedRegex("^v[0-9]+((alpha|beta)[0-9]+)?$")]
    private static partial Regex Version();
}
