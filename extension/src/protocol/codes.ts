// GENERATED from the sidecar's contract (`kubelink-sidecar contract`) by scripts/gen-protocol.mjs.
// Do not edit by hand: change the C# records in server/Kubelink.Protocol, then run `npm run gen:protocol`.
// A test regenerates this file and fails when it drifts from the C# side.

/** The protocol version this extension speaks; the sidecar must answer the same in `initialize`. */
export const protocolVersion = 1;

/** Error codes on the wire. Branch on these, never on message text. */
export const ErrorCodes = {
  /** JSON-RPC: the frame was not valid JSON. */
  ParseError: -32700,
  /** JSON-RPC: the message was not a valid request object. */
  InvalidRequest: -32600,
  /** JSON-RPC: no such method. */
  MethodNotFound: -32601,
  /** JSON-RPC: params missing or of the wrong shape. */
  InvalidParams: -32602,
  /** JSON-RPC: an unexpected failure inside the sidecar; the message says where to look (the log). */
  InternalError: -32603,
  /** A request other than `initialize` arrived before `initialize` succeeded. */
  ServerNotInitialized: -32002,
  /** The client speaks a protocol version this sidecar does not. */
  ProtocolMismatch: 1000,
  /** The sidecar is shutting down and accepts no new work. */
  ShuttingDown: 1001,
  /** A setting passed by the client is invalid; the message names the setting. */
  InvalidSettings: 1002,
  /** No catalog entry has this id (the kubeconfig changed, or the id is wrong). Refresh the catalog. */
  ClusterNotFound: 1100,
  /** The catalog entry is invalid; its error says what to fix in the kubeconfig. */
  ClusterInvalid: 1101,
  /** The API server could not be reached (DNS, refused, TLS, timeout); the message names which. */
  ClusterUnreachable: 1102,
  /** The API server rejected the credentials (401): expired or wrong. */
  ClusterUnauthorized: 1103,
  /** The user may not do anything useful on the cluster (no LIST-able resource, or 403 on /version). */
  ClusterForbidden: 1104,
  /** The exec credential plugin failed; the message carries its error output. */
  CredentialPluginFailed: 1105,
  /** The cluster is not connected (or not ready yet): connect it first. */
  ClusterNotReady: 1106,
  /** The permission map says this kind may not be listed there; the message names the kind and namespace. */
  ResourceNotListable: 1107,
  /** The object does not exist (any more). */
  ResourceNotFound: 1108,
  /** A subscription with this id is already open. */
  SubscriptionExists: 1109,
  /** The cluster's OpenAPI document could not be read or turned into a GraphQL schema; the message says why. */
  GraphQLSchemaFailed: 1300,
  /** A ClusterAccess could not be written (no CRD, forbidden, a credential kind that cannot be stored); the message says why. */
  ClusterAccessFailed: 1301,
  /** AWS answered with an error; the message carries its code, message and request id ("AccessDeniedException: … (request id …)") and a next step. */
  AwsError: 1400,
  /** No usable AWS credentials: the profile does not exist, the default chain found none, or `credential_process` failed. */
  AwsCredentialsMissing: 1401,
  /** The SSO session of the profile is missing or expired: run `aws sso login --profile NAME` (the data is the profile name). */
  AwsSsoLoginRequired: 1402,
  /** The AWS endpoint could not be reached (no endpoint for the region, refused, DNS, TLS, timeout). */
  AwsUnreachable: 1403,
  /** The EKS cluster is not ACTIVE (CREATING, DELETING, ...) and cannot be connected; the message gives its status. */
  EksClusterNotActive: 1404,
  /** A simulated cluster's name is not usable (not a DNS label, too long). */
  SimulatedInvalid: 1500,
  /** A simulated cluster with that name exists. */
  SimulatedExists: 1501,
  /** No simulated cluster has that name. */
  SimulatedNotFound: 1502,
  /** The main cluster of the simulated clusters could not be started or refused a call. */
  SimulatedMainCluster: 1503,
  /** The Rancher import's settings are not usable (not an http(s) URL, an unreadable CA file, no API key); the message names the setting. */
  RancherSettingsInvalid: 1504,
} as const;

/** Whether a catalog entry can be connected to. */
export type CatalogEntryState = 'valid' | 'invalid';

/** The kinds of cluster source the catalog merges. Each source is a capability of its own that registers itself. */
export type ClusterSourceKind = 'kubeconfig' | 'eks' | 'simulated' | 'clusterAccess';

/** A cluster's connection state. */
export type ClusterStatus = 'disconnected' | 'connecting' | 'accessible' | 'ready' | 'failed';

/**
 * Why a request, a watch, a probe or an activation step failed. One enumeration for every layer (activation, proxy,
 * health, resources), so a cause is never a string compared in several files; on the wire it is the camelCase name.
 */
export type FaultCause = 'refused' | 'reset' | 'timeout' | 'tls' | 'dns' | 'http' | 'unauthorized' | 'forbidden' | 'credentials' | 'network' | 'kubeconfig' | 'gone' | 'notFound' | 'unknown';

/** A connected cluster's health, as the sidecar's single probe loop for that cluster sees it. */
export type HealthState = 'ready' | 'disconnected' | 'reconnecting' | 'unauthorized';

/** Every kind of kubeconfig problem the validator reports. */
export type KubeconfigProblem = 'unreadableFile' | 'fileTooLarge' | 'notText' | 'yamlSyntax' | 'notAKubeconfig' | 'missingCluster' | 'missingUser' | 'missingServer' | 'invalidServerUrl' | 'unreadableCredentialFile' | 'invalidBase64' | 'unknownAuthProvider' | 'execCommandNotFound' | 'clusterAccessUnresolved' | 'eksUnavailable';

/** What Rancher answered the key when the import was configured (one call, before any cluster's import). */
export type RancherCheck = 'off' | 'ok' | 'keyRefused' | 'unreachable' | 'failed';

/** What a `resources/changed` carries. */
export type ResourceChangeType = 'added' | 'modified' | 'deleted' | 'reset';

/** How a stage went. */
export type StageLevel = 'info' | 'warning' | 'error';
