namespace Kubelink.Protocol.Clusters;

/// <summary>
/// Why a request, a watch, a probe or an activation step failed. One enumeration for every layer (activation, proxy,
/// health, resources), so a cause is never a string compared in several files; on the wire it is the camelCase name.
/// </summary>
public enum FaultCause
{
    /// <summary>Nothing listens at the server's address and port.</summary>
    Refused,

    /// <summary>The connection was reset or closed by the peer (or the server ended a stream early).</summary>
    Reset,

    /// <summary>No answer in time (a silent black hole, an overloaded server).</summary>
    Timeout,

    /// <summary>The TLS handshake failed: the server's certificate is not trusted by the entry's certificate authority.</summary>
    Tls,

    /// <summary>The server's host name does not resolve.</summary>
    Dns,

    /// <summary>The server answered with an error status (5xx, not ready) or malformed content.</summary>
    Http,

    /// <summary>401: the credentials were rejected.</summary>
    Unauthorized,

    /// <summary>403: the user may not do this.</summary>
    Forbidden,

    /// <summary>The credentials could not be obtained (an exec plugin failed).</summary>
    Credentials,

    /// <summary>This machine has no network connection.</summary>
    Network,

    /// <summary>The cluster's catalog entry changed, disappeared, or its credential files cannot be loaded (the name is kept from when the kubeconfig was the only source).</summary>
    Kubeconfig,

    /// <summary>410: a watch's resource version is too old (re-list).</summary>
    Gone,

    /// <summary>404: the path does not exist.</summary>
    NotFound,

    /// <summary>Anything else; the message says what.</summary>
    Unknown,
}
