using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kubelink.Protocol.Resources;

/// <summary>Client → server (<c>resources/list</c>): one resource kind of one cluster, in one namespace or all of them.</summary>
public sealed record ResourceListParams
{
    /// <summary>The catalog id of a ready cluster.</summary>
    public required string ClusterId { get; init; }

    /// <summary>API group, "" for the core group.</summary>
    public required string Group { get; init; }

    /// <summary>API version (<c>v1</c>).</summary>
    public required string Version { get; init; }

    /// <summary>Plural resource name (<c>pods</c>).</summary>
    public required string Resource { get; init; }

    /// <summary>One namespace; null for every namespace the user may list (or for a cluster-scoped kind).</summary>
    public string? Namespace { get; init; }
}

/// <summary>Client → server (<c>resources/subscribe</c>): the same selector plus the client's id for the subscription.</summary>
public sealed record ResourceSubscribeParams
{
    /// <summary>Chosen by the client, unique among its open subscriptions; every <c>resources/changed</c> names it.</summary>
    public required string SubscriptionId { get; init; }

    /// <summary>The catalog id of a ready cluster.</summary>
    public required string ClusterId { get; init; }

    /// <summary>API group, "" for the core group.</summary>
    public required string Group { get; init; }

    /// <summary>API version.</summary>
    public required string Version { get; init; }

    /// <summary>Plural resource name.</summary>
    public required string Resource { get; init; }

    /// <summary>One namespace; null for every namespace the user may list.</summary>
    public string? Namespace { get; init; }
}

/// <summary>Client → server (<c>resources/unsubscribe</c>).</summary>
public sealed record ResourceUnsubscribeParams
{
    /// <summary>The id given to <c>resources/subscribe</c>; unknown ids are ignored.</summary>
    public required string SubscriptionId { get; init; }
}

/// <summary>A column of a resource view.</summary>
public sealed record ResourceColumn
{
    /// <summary>The row field that holds the value (<c>phase</c>); <c>createdAt</c> is shown as an age.</summary>
    public required string Key { get; init; }

    /// <summary>The header (<c>Phase</c>).</summary>
    public required string Title { get; init; }
}

/// <summary>One object as a row: identity plus the kind's columns, spread beside them (pods: <c>phase</c>, <c>ready</c>, <c>restarts</c>, <c>node</c>; …).</summary>
public sealed record ResourceRow
{
    /// <summary><c>metadata.name</c>.</summary>
    public required string Name { get; init; }

    /// <summary><c>metadata.namespace</c>; null for cluster-scoped objects.</summary>
    public required string? Namespace { get; init; }

    /// <summary><c>metadata.uid</c>.</summary>
    public required string Uid { get; init; }

    /// <summary><c>metadata.creationTimestamp</c>; the age column is computed from it by the client, so rows need not change every second.</summary>
    public required DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The kind's columns, by <see cref="ResourceColumn.Key"/>: strings and numbers.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Columns { get; init; }
}

/// <summary>Server → client answer to <c>resources/list</c> and <c>resources/subscribe</c>.</summary>
public sealed record ResourceListResult
{
    /// <summary>Every object, sorted by namespace then name.</summary>
    public required IReadOnlyList<ResourceRow> Items { get; init; }

    /// <summary>True when these rows are the last known ones and the cluster is not reachable right now.</summary>
    public required bool Stale { get; init; }

    /// <summary>The columns of this kind, in display order (name and namespace first).</summary>
    public required IReadOnlyList<ResourceColumn> Columns { get; init; }
}

/// <summary>What a <c>resources/changed</c> carries.</summary>
public enum ResourceChangeType
{
    /// <summary>New objects.</summary>
    Added,

    /// <summary>Changed objects (the whole new row).</summary>
    Modified,

    /// <summary>Removed objects (their last row).</summary>
    Deleted,

    /// <summary>Replace everything with <c>items</c>: after a reconnect, a re-list, a lost permission, or when the view goes stale.</summary>
    Reset,
}

/// <summary>Server → client (<c>resources/changed</c>): live changes of one subscription.</summary>
public sealed record ResourceChangedParams
{
    /// <summary>The subscription.</summary>
    public required string SubscriptionId { get; init; }

    /// <summary>What happened.</summary>
    public required ResourceChangeType Type { get; init; }

    /// <summary>The rows concerned (for <c>reset</c>: all of them).</summary>
    public required IReadOnlyList<ResourceRow> Items { get; init; }

    /// <summary>True when the rows are the last known ones while the cluster is unreachable.</summary>
    public required bool Stale { get; init; }

    /// <summary>Set when the view cannot be kept live (access revoked: 403), with the next step; the rows are then empty.</summary>
    public string? Error { get; init; }
}

/// <summary>Client → server (<c>resources/get</c>): one object, for Open YAML.</summary>
public sealed record ResourceGetParams
{
    /// <summary>The catalog id of a ready cluster.</summary>
    public required string ClusterId { get; init; }

    /// <summary>API group, "" for the core group.</summary>
    public required string Group { get; init; }

    /// <summary>API version.</summary>
    public required string Version { get; init; }

    /// <summary>Plural resource name.</summary>
    public required string Resource { get; init; }

    /// <summary>The namespace; null for cluster-scoped objects.</summary>
    public string? Namespace { get; init; }

    /// <summary>The object's name.</summary>
    public required string Name { get; init; }
}

/// <summary>Server → client answer to <c>resources/get</c>.</summary>
public sealed record ResourceGetResult
{
    /// <summary>The object's current YAML as the API server returns it, without <c>metadata.managedFields</c>.</summary>
    public required string Yaml { get; init; }

    /// <summary><c>metadata.resourceVersion</c>.</summary>
    public required string? ResourceVersion { get; init; }
}
