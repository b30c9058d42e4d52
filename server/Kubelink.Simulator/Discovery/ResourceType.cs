using System.Text.Json.Nodes;

namespace Kubelink.Simulator.Discovery;

/// <summary>
/// One served resource in one API version: what discovery advertises and what the router serves.
/// Several versions of the same group and plural share one storage table (see <see cref="StorageKey"/>).
/// </summary>
/// <param name="Group">API group; empty for the core ("legacy") group.</param>
/// <param name="Version">API version, e.g. <c>v1</c>.</param>
/// <param name="Plural">Resource name used in URLs, e.g. <c>pods</c>.</param>
/// <param name="Kind">Object kind, e.g. <c>Pod</c>.</param>
/// <param name="Namespaced">Whether objects live in a namespace.</param>
public sealed record ResourceType(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    /// <summary>Verbs every stored kind supports.</summary>
    public static readonly IReadOnlyList<string> StandardVerbs =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary>Singular name (kubectl accepts it as an alias).</summary>
    public string Singular { get; init; } = Kind.ToLowerInvariant();

    /// <summary>Short names, e.g. <c>po</c>.</summary>
    public IReadOnlyList<string> ShortNames { get; init; } = [];

    /// <summary>Categories, e.g. <c>all</c>.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Verbs advertised and accepted.</summary>
    public IReadOnlyList<string> Verbs { get; init; } = StandardVerbs;

    /// <summary>Subresources served, e.g. <c>status</c> or <c>log</c>.</summary>
    public IReadOnlyList<string> Subresources { get; init; } = [];

    /// <summary>True for kinds that are only ever POSTed and answered, never stored (access reviews).</summary>
    public bool Virtual { get; init; }

    /// <summary>The storage version, when several versions share one table (CRDs).</summary>
    public bool StorageVersion { get; init; } = true;

    /// <summary>The KubernetesClient model type used to describe the schema in OpenAPI, when one exists.</summary>
    public Type? ModelType { get; init; }

    /// <summary>OpenAPI v3 schema for custom kinds (from the CRD), when given.</summary>
    public JsonNode? Schema { get; init; }

    /// <summary>Extra printer columns (CRD <c>additionalPrinterColumns</c>).</summary>
    public IReadOnlyList<PrinterColumn> PrinterColumns { get; init; } = [];

    /// <summary><c>group/version</c>, or just the version for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary>The kind of a list of these objects.</summary>
    public string ListKind => Kind + "List";

    /// <summary>Identity of the storage table shared by all versions of this resource.</summary>
    public StorageKey StorageKey => new(Group, Plural);

    /// <summary>Whether the kind has a status subresource (and so ignores status on a plain update).</summary>
    public bool HasStatus => Subresources.Contains("status");
}

/// <summary>Identity of one storage table: group plus plural resource name.</summary>
/// <param name="Group">API group ("" for core).</param>
/// <param name="Plural">Plural resource name.</param>
public readonly record struct StorageKey(string Group, string Plural)
{
    /// <inheritdoc />
    public override string ToString() => Group.Length == 0 ? Plural : Plural + "." + Group;
}

/// <summary>A table column computed from a JSON path, as CRDs declare them.</summary>
/// <param name="Name">Column header.</param>
/// <param name="Type">OpenAPI type (string, integer, date...).</param>
/// <param name="JsonPath">Simple dotted path such as <c>.spec.replicas</c>.</param>
/// <param name="Priority">0 shows by default; higher only with <c>-o wide</c>.</param>
public sealed record PrinterColumn(string Name, string Type, string JsonPath, int Priority = 0);
