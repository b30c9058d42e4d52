namespace Kubelink.Sidecar.Resources;

/// <summary>Tuning of the watch caches. Not user settings: these are protocol hygiene, chosen once (see docs/decisions/0008).</summary>
internal sealed record ResourceOptions
{
    /// <summary>How long a cache keeps watching after its last user left, so flipping between views does not re-list.</summary>
    public TimeSpan Linger { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>LIST page size: big lists arrive in pieces the server can serve cheaply.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>A LIST page that takes longer counts as a fault (a black hole must not hang a view forever).</summary>
    public TimeSpan ListTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The server ends each watch after this long and the cache re-watches from its last version, as client-go does (it picks 5-10 min).</summary>
    public int WatchTimeoutSeconds { get; init; } = 300;

    /// <summary>First wait before re-watching after a blip while the cluster stays ready; doubles up to <see cref="RetryCap"/>.</summary>
    public TimeSpan RetryInitial { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan RetryCap { get; init; } = TimeSpan.FromSeconds(5);
}
