namespace Kubelink.Protocol;

/// <summary>
/// Every error code that crosses the wire. The extension branches on these numbers (never on message text)
/// to choose the next step it offers. JSON-RPC reserves -32768..-32000; Kubelink's own codes start at 1000.
/// </summary>
public static class ErrorCodes
{
    /// <summary>JSON-RPC: the frame was not valid JSON.</summary>
    public const int ParseError = -32700;

    /// <summary>JSON-RPC: the message was not a valid request object.</summary>
    public const int InvalidRequest = -32600;

    /// <summary>JSON-RPC: no such method.</summary>
    public const int MethodNotFound = -32601;

    /// <summary>JSON-RPC: params missing or of the wrong shape.</summary>
    public const int InvalidParams = -32602;

    /// <summary>JSON-RPC: an unexpected failure inside the sidecar; the message says where to look (the log).</summary>
    public const int InternalError = -32603;

    /// <summary>A request other than <c>initialize</c> arrived before <c>initialize</c> succeeded.</summary>
    public const int ServerNotInitialized = -32002;

    /// <summary>The client speaks a protocol version this sidecar does not.</summary>
    public const int ProtocolMismatch = 1000;

    /// <summary>The sidecar is shutting down and accepts no new work.</summary>
    public const int ShuttingDown = 1001;

    /// <summary>A setting passed by the client is invalid; the message names the setting.</summary>
    public const int InvalidSettings = 1002;

    /// <summary>No catalog entry has this id (the kubeconfig changed, or the id is wrong). Refresh the catalog.</summary>
    public const int ClusterNotFound = 1100;

    /// <summary>The catalog entry is invalid; its error says what to fix in the kubeconfig.</summary>
    public const int ClusterInvalid = 1101;

    /// <summary>The API server could not be reached (DNS, refused, TLS, timeout); the message names which.</summary>
    public const int ClusterUnreachable = 1102;

    /// <summary>The API server rejected the credentials (401): expired or wrong.</summary>
    public const int ClusterUnauthorized = 1103;

    /// <summary>The user may not do anything useful on the cluster (no LIST-able resource, or 403 on /version).</summary>
    public const int ClusterForbidden = 1104;

    /// <summary>The exec credential plugin failed; the message carries its error output.</summary>
    public const int CredentialPluginFailed = 1105;

    /// <summary>The cluster is not connected (or not ready yet): connect it first.</summary>
    public const int ClusterNotReady = 1106;

    /// <summary>The permission map says this kind may not be listed there; the message names the kind and namespace.</summary>
    public const int ResourceNotListable = 1107;

    /// <summary>The object does not exist (any more).</summary>
    public const int ResourceNotFound = 1108;

    /// <summary>A subscription with this id is already open.</summary>
    public const int SubscriptionExists = 1109;

    /// <summary>The cluster's OpenAPI document could not be read or turned into a GraphQL schema; the message says why.</summary>
    public const int GraphQLSchemaFailed = 1300;

    /// <summary>A ClusterAccess could not be written (no CRD, forbidden, a credential kind that cannot be stored); the message says why.</summary>
    public const int ClusterAccessFailed = 1301;

    /// <summary>AWS answered with an error; the message carries its code, message and request id ("AccessDeniedException: … (request id …)") and a next step.</summary>
    public const int AwsError = 1400;

    /// <summary>No usable AWS credentials: the profile does not exist, the default chain found none, or <c>credential_process</c> failed.</summary>
    public const int AwsCredentialsMissing = 1401;

    /// <summary>The SSO session of the profile is missing or expired: run <c>aws sso login --profile NAME</c> (the data is the profile name).</summary>
    public const int AwsSsoLoginRequired = 1402;

    /// <summary>The AWS endpoint could not be reached (no endpoint for the region, refused, DNS, TLS, timeout).</summary>
    public const int AwsUnreachable = 1403;

    /// <summary>The EKS cluster is not ACTIVE (CREATING, DELETING, ...) and cannot be connected; the message gives its status.</summary>
    public const int EksClusterNotActive = 1404;

    /// <summary>A simulated cluster's name is not usable (not a DNS label, too long).</summary>
    public const int SimulatedInvalid = 1500;

    /// <summary>A simulated cluster with that name exists.</summary>
    public const int SimulatedExists = 1501;

    /// <summary>No simulated cluster has that name.</summary>
    public const int SimulatedNotFound = 1502;

    /// <summary>The main cluster of the simulated clusters could not be started or refused a call.</summary>
    public const int SimulatedMainCluster = 1503;

    /// <summary>The Rancher import's settings are not usable (not an http(s) URL, an unreadable CA file, no API key); the message names the setting.</summary>
    public const int RancherSettingsInvalid = 1504;
}
