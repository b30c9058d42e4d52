namespace Kubelink.Protocol.Catalog;

/// <summary>The catalog: every context of every kubeconfig source.</summary>
public sealed record CatalogListResult
{
    /// <summary>All entries, valid and invalid, in source order.</summary>
    public required IReadOnlyList<CatalogEntry> Clusters { get; init; }
}

/// <summary>Server → client: what changed in the catalog since the last notification. Never sent for an unchanged file.</summary>
public sealed record CatalogChangedParams
{
    /// <summary>New entries.</summary>
    public required IReadOnlyList<CatalogEntry> Added { get; init; }

    /// <summary>Entries whose content changed (same id).</summary>
    public required IReadOnlyList<CatalogEntry> Updated { get; init; }

    /// <summary>Ids of entries that are gone.</summary>
    public required IReadOnlyList<string> Removed { get; init; }
}

/// <summary>Client → server: the user's extra kubeconfig files and folders (setting <c>kubelink.kubeconfig.syncPaths</c>).</summary>
public sealed record SetSyncPathsParams
{
    /// <summary>Absolute paths of files or folders; <c>~</c> at the start means the home folder.</summary>
    public required IReadOnlyList<string> Paths { get; init; }
}
