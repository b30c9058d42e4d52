namespace Kubelink.Protocol.Clusters;

/// <summary>A connected cluster's health, as the sidecar's single probe loop for that cluster sees it.</summary>
public enum HealthState
{
    /// <summary>The API server answers; views are live.</summary>
    Ready,

    /// <summary>The connection was just lost; a reconnect is about to be scheduled.</summary>
    Disconnected,

    /// <summary>Waiting for the next reconnect attempt (<c>attempt</c>, in <c>nextRetryMs</c>).</summary>
    Reconnecting,

    /// <summary>The API server answers but rejects the credentials (401) or the user lost access (403): not a network fault, so the fix is a login, not a wait. Attempts continue so a refreshed token or kubeconfig edit recovers by itself.</summary>
    Unauthorized,
}

/// <summary>Server → client (<c>cluster/health</c>), and part of <see cref="ClusterInfo"/>: one health transition of a connected cluster.</summary>
public sealed record ClusterHealth
{
    /// <summary>The catalog id.</summary>
    public required string ClusterId { get; init; }

    /// <summary>The new state.</summary>
    public required HealthState State { get; init; }

    /// <summary>Why, when not ready: <c>refused</c>, <c>reset</c>, <c>timeout</c>, <c>tls</c>, <c>dns</c>, <c>http</c> (5xx / not ready), <c>unauthorized</c> (401), <c>forbidden</c> (403), <c>credentials</c> (exec plugin failed), <c>network</c> (the machine's network changed), <c>kubeconfig</c> (its entry changed); null when ready.</summary>
    public required FaultCause? Cause { get; init; }

    /// <summary>The cause in words with the next step, for the notification; null when ready.</summary>
    public required string? Message { get; init; }

    /// <summary>
    /// The AWS profile whose SSO session has expired, when <c>aws sso login --profile</c> is the fix (an EKS cluster's
    /// token could not be made, cause <c>credentials</c>); null otherwise. A field, so the client never parses the message.
    /// </summary>
    public string? SsoProfile { get; init; }

    /// <summary>The reconnect attempt that is scheduled (1, 2, …) while <c>reconnecting</c> or <c>unauthorized</c>; 0 otherwise.</summary>
    public required int Attempt { get; init; }

    /// <summary>Milliseconds until that attempt; null when none is scheduled.</summary>
    public required long? NextRetryMs { get; init; }

    /// <summary>The connection generation: it grows by one at every successful (re)connect. Clients, watches and caches carry it, so anything from an older generation is ignored.</summary>
    public required long Generation { get; init; }

    /// <summary>When the current state began (for "disconnected for 2 min").</summary>
    public required DateTimeOffset Since { get; init; }
}
