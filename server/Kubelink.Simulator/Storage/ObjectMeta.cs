using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kubelink.Simulator.Discovery;
using Kubelink.Simulator.Http;

namespace Kubelink.Simulator.Storage;

/// <summary>Metadata checks and defaults shared by every write.</summary>
internal static partial class ObjectMeta
{
    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>Ensures kind, apiVersion and metadata are present and the name is valid; returns metadata.</summary>
    public static JsonObject Prepare(ResourceType type, JsonObject obj)
    {
        obj["kind"] = type.Kind;
        obj["apiVersion"] = type.ApiVersion;
        if (obj["metadata"] is not JsonObject meta)
        {
            meta = [];
            obj["metadata"] = meta;
        }
        var name = meta["name"]?.ToString();
        if (string.IsNullOrEmpty(name) && meta["generateName"]?.ToString() is { Length: > 0 } prefix)
        {
            name = prefix + RandomSuffix();
            meta["name"] = name;
        }
        if (string.IsNullOrEmpty(name))
        {
            throw ApiException.Invalid(type.Kind, "", "metadata.name: Required value: name or generateName is required", type.Group);
        }
        if (type.Group == "rbac.authorization.k8s.io")
        {
            // RBAC names are path segments (system:basic-user), not DNS names.
            if (name is "." or ".." || name.Contains('/') || name.Contains('%'))
            {
                throw ApiException.Invalid(type.Kind, name, $"metadata.name: Invalid value: \"{name}\": may not contain '/' or '%'", type.Group);
            }
        }
        else if (name.Length > 253 || !NamePattern().IsMatch(name))
        {
            throw ApiException.Invalid(type.Kind, name,
                $"metadata.name: Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
                type.Group);
        }
        if (type.Namespaced)
        {
            if (string.IsNullOrEmpty(meta["namespace"]?.ToString()))
            {
                meta["namespace"] = "default";
            }
        }
        else
        {
            meta.Remove("namespace");
        }
        return meta;
    }

    public static string Name(JsonObject meta) => meta["name"]?.ToString() ?? "";

    public static string Namespace(JsonObject meta) => meta["namespace"]?.ToString() ?? "";

    private static string RandomSuffix() =>
        string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = NameAlphabet[RandomNumberGenerator.GetInt32(NameAlphabet.Length)];
            }
        });

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex NamePattern();
}
