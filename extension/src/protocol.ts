// GENERATED from the sidecar's contract (`kubelink-sidecar contract`) by scripts/gen-protocol.mjs.
// Do not edit by hand: change the C# records in server/Kubelink.Protocol, then run `npm run gen:protocol`.
// A test regenerates this file and fails when it drifts from the C# side.

import { NotificationType, NotificationType0, RequestType, RequestType0 } from 'vscode-jsonrpc';

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
} as const;

/** Whether a catalog entry can be connected to. */
export type CatalogEntryState = 'valid' | 'invalid';

/** A cluster's connection state. */
export type ClusterStatus = 'disconnected' | 'connecting' | 'accessible' | 'ready' | 'failed';

/** Every kind of kubeconfig problem the validator reports. */
export type KubeconfigProblem = 'unreadableFile' | 'fileTooLarge' | 'notText' | 'yamlSyntax' | 'notAKubeconfig' | 'missingCluster' | 'missingUser' | 'missingServer' | 'invalidServerUrl' | 'unreadableCredentialFile' | 'invalidBase64' | 'unknownAuthProvider' | 'execCommandNotFound';

/** How a stage went. */
export type StageLevel = 'info' | 'warning' | 'error';

/** Server → client: what changed in the catalog since the last notification. Never sent for an unchanged file. */
export interface CatalogChangedParams {
  /** New entries. */
  added: CatalogEntry[];
  /** Entries whose content changed (same id). */
  updated: CatalogEntry[];
  /** Ids of entries that are gone. */
  removed: string[];
}

/** One kubeconfig context in the cluster catalog, valid or not. A broken context is listed with its error, never dropped. */
export interface CatalogEntry {
  /** Stable across restarts and edits: derived from the file's full path and the context name. */
  id: string;
  /** What the tree shows: the context name, or the file name for a file that has no readable context. */
  name: string;
  /** The context's name in its kubeconfig ("" for an entry that stands for a whole unreadable file). */
  contextName: string;
  /** The kubeconfig file the context is defined in. */
  source: string;
  /** What the tree groups by: the `KUBECONFIG` / `~/.kube/config` file, or the sync path (file or folder) the user added. */
  sourceGroup: string;
  /** The API server URL, when the context resolves to a cluster that has one. */
  server: string | null;
  /** The kubeconfig user name the context uses. */
  user: string | null;
  /** The context's default namespace. */
  namespace: string | null;
  /** Whether the entry can be connected to. */
  state: CatalogEntryState;
  /** Why the entry is invalid, or null. */
  error: CatalogError | null;
  /** True for the `current-context` of the merged `KUBECONFIG` (kubectl's rule: the first file that sets it). */
  isCurrentContext: boolean;
  /** The 1-based line of the context entry in `Source`, for "open at line". */
  line: number | null;
}

/** Why a kubeconfig entry cannot be used, with where to look. */
export interface CatalogError {
  /** What kind of problem it is. */
  code: KubeconfigProblem;
  /** The cause and the next step, in words. */
  message: string;
  /** The file to open. */
  file: string;
  /** The 1-based line to open it at, when known. */
  line: number | null;
}

/** The catalog: every context of every kubeconfig source. */
export interface CatalogListResult {
  /** All entries, valid and invalid, in source order. */
  clusters: CatalogEntry[];
}

/** Client → server: connect a cluster. */
export interface ClusterActivateParams {
  /** The catalog id. */
  clusterId: string;
  /** Namespaces the user configured for this cluster (setting `kubelink.clusters.accessibleNamespaces`); when set, they are used instead of listing namespaces, for users who may not list them. */
  accessibleNamespaces?: string[] | null;
}

/** Names one catalog entry. */
export interface ClusterIdParams {
  /** The catalog id (`CatalogEntry.id`). */
  clusterId: string;
}

/** Everything known about a cluster's connection: the answer of `cluster/get` and `cluster/activate`. */
export interface ClusterInfo {
  /** The catalog id. */
  id: string;
  /** Connection status. */
  status: ClusterStatus;
  /** The API server's `gitVersion`, once known. */
  version: string | null;
  /** May create anything in `kube-system`. */
  isAdmin: boolean;
  /** May watch every resource cluster-wide. */
  canWatchAll: boolean;
  /** The namespaces Kubelink works with. */
  namespaces: string[];
  /** Where `Namespaces` came from: `configured`, `list`, `kubeconfig` or `none`. */
  namespaceSource: string | null;
  /** The LIST-permission map so far (it grows after ready). */
  listableResources: ListableResource[];
  /** True once every namespace's permissions are known. */
  permissionsComplete: boolean;
  /** The local proxy URL for this cluster (`https://127.0.0.1:PORT/clusters/{id}`), while connected. */
  proxyUrl: string | null;
  /** The kubeconfig that points kubectl at the proxy (mode 0600), while connected. */
  proxyKubeconfigPath: string | null;
  /** The default namespace written into the proxy kubeconfig. */
  defaultNamespace: string | null;
  /** Why the last activation failed, or null. */
  error: string | null;
  /** Number of nodes, when the user may list them. */
  nodeCount?: number | null;
  /** The distribution guessed from the version and node labels: `eks`, `gke`, `aks`, `k3s`, `rke2`, `openshift`, `kind`, `minikube`, `vanilla`. */
  distribution?: string | null;
  /** When version and metadata were last refreshed. */
  metadataRefreshedAt?: string | null;
}

/** Server → client: one step of an activation, shown as the connection log. */
export interface ClusterStageParams {
  /** The catalog id. */
  clusterId: string;
  /** Which step: `proxy`, `version`, `admin`, `watch`, `namespaces`, `discovery`, `permissions`, `ready`. */
  stage: string;
  /** What happened, in words; for a failure also the next step. */
  message: string;
  /** How it went. */
  level: StageLevel;
  /** When, ISO 8601. */
  timestamp: string;
}

/** Server → client: the cluster's status changed. */
export interface ClusterStatusParams {
  /** The catalog id. */
  clusterId: string;
  /** The new status. */
  status: ClusterStatus;
}

/** Client → server, first message of every session: who the client is and which protocol it speaks. */
export interface InitializeParams {
  /** The client's name, for the log ("Kubelink for VS Code"). */
  clientName: string;
  /** The client's version, for the log. */
  clientVersion: string;
  /** The protocol version the client was built against; must equal `Version`. */
  protocolVersion: number;
  /** The user's settings that the sidecar needs; absent fields keep their defaults. */
  settings?: SidecarSettings | null;
}

/** Server → client answer to `initialize`. */
export interface InitializeResult {
  /** The sidecar's version (its assembly informational version). */
  serverVersion: string;
  /** The protocol version the sidecar speaks. */
  protocolVersion: number;
  /** What this sidecar can do. */
  capabilities: ServerCapabilities;
}

/** A resource kind the user may LIST, and where. */
export interface ListableResource {
  /** API group, "" for the core group. */
  group: string;
  /** Preferred version. */
  version: string;
  /** Plural resource name (`pods`). */
  resource: string;
  /** Kind (`Pod`). */
  kind: string;
  /** True for namespaced kinds. */
  namespaced: boolean;
  /** True when LIST is allowed cluster-wide (all namespaces at once). */
  allNamespaces: boolean;
  /** The namespaces where LIST is allowed, when not cluster-wide. */
  namespaces: string[];
}

/** What the sidecar offers, so a client can hide what an older sidecar lacks. */
export interface ServerCapabilities {
  /** Every method name the sidecar handles, requests and notifications alike. */
  methods: string[];
  /** The process id of the sidecar, so the client can tell a restart from a reconnect. */
  processId: number;
  /** Where the sidecar writes its rolling log file. */
  logDirectory: string;
}

/** Client → server: change the namespace kubectl uses through the proxy kubeconfig. */
export interface SetDefaultNamespaceParams {
  /** The catalog id. */
  clusterId: string;
  /** The new default namespace; null goes back to the kubeconfig context's own. */
  namespace?: string | null;
}

/** Client → server: the user's extra kubeconfig files and folders (setting `kubelink.kubeconfig.syncPaths`). */
export interface SetSyncPathsParams {
  /** Absolute paths of files or folders; `~` at the start means the home folder. */
  paths: string[];
}

/** Settings the extension forwards to the sidecar. Every field is optional. */
export interface SidecarSettings {
  /** Extra kubeconfig files or folders to sync, besides `KUBECONFIG` / `~/.kube/config`. */
  kubeconfigSyncPaths?: string[] | null;
  /** How often a connected cluster's version, node count and distribution are refreshed, in seconds (default 60, minimum 1). */
  clusterRefreshIntervalSeconds?: number | null;
}

/**
 * Handshake: the first request of every session. Fails with `ProtocolMismatch` when versions differ.
 * Direction: client → server.
 */
export const InitializeRequest = new RequestType<InitializeParams, InitializeResult, void>('initialize');

/**
 * Asks the sidecar to stop its work; it answers when done. Only `exit` may follow.
 * Direction: client → server.
 */
export const ShutdownRequest = new RequestType0<null, void>('shutdown');

/**
 * Tells the sidecar to exit its process now.
 * Direction: client → server.
 */
export const ExitNotification = new NotificationType0('exit');

/**
 * The whole cluster catalog.
 * Direction: client → server.
 */
export const CatalogListRequest = new RequestType0<CatalogListResult, void>('catalog/list');

/**
 * Re-reads every kubeconfig source now (the watcher normally makes this unnecessary); answers the new catalog.
 * Direction: client → server.
 */
export const CatalogRefreshRequest = new RequestType0<CatalogListResult, void>('catalog/refresh');

/**
 * Entries added, updated or removed, after a kubeconfig file or folder changed.
 * Direction: server → client.
 */
export const CatalogChangedNotification = new NotificationType<CatalogChangedParams>('catalog/changed');

/**
 * Replaces the user's sync paths; answers the catalog once they have been read.
 * Direction: client → server.
 */
export const KubeconfigSetSyncPathsRequest = new RequestType<SetSyncPathsParams, CatalogListResult, void>('kubeconfig/setSyncPaths');

/**
 * Connects to a cluster: proxy route, version, permission checks. Answers once it is ready, or fails with a code and the cause.
 * Connecting twice to the same cluster is one activation.
 * Direction: client → server.
 */
export const ClusterActivateRequest = new RequestType<ClusterActivateParams, ClusterInfo, void>('cluster/activate');

/**
 * Disconnects: the proxy route closes and the proxy kubeconfig is deleted.
 * Direction: client → server.
 */
export const ClusterDeactivateRequest = new RequestType<ClusterIdParams, null, void>('cluster/deactivate');

/**
 * Re-runs the accessibility and permission checks of a connected cluster.
 * Direction: client → server.
 */
export const ClusterRefreshRequest = new RequestType<ClusterIdParams, ClusterInfo, void>('cluster/refresh');

/**
 * The cluster's connection state, whether connected or not.
 * Direction: client → server.
 */
export const ClusterGetRequest = new RequestType<ClusterIdParams, ClusterInfo, void>('cluster/get');

/**
 * Sets the default namespace of the proxy kubeconfig (rewritten at once).
 * Direction: client → server.
 */
export const ClusterSetDefaultNamespaceRequest = new RequestType<SetDefaultNamespaceParams, ClusterInfo, void>('cluster/setDefaultNamespace');

/**
 * One activation step, as it happens.
 * Direction: server → client.
 */
export const ClusterStageNotification = new NotificationType<ClusterStageParams>('cluster/stage');

/**
 * A cluster's status changed.
 * Direction: server → client.
 */
export const ClusterStatusChangedNotification = new NotificationType<ClusterStatusParams>('cluster/status');

/** Every method of the contract, by wire name. */
export const allMethods = ['initialize', 'shutdown', 'exit', 'catalog/list', 'catalog/refresh', 'catalog/changed', 'kubeconfig/setSyncPaths', 'cluster/activate', 'cluster/deactivate', 'cluster/refresh', 'cluster/get', 'cluster/setDefaultNamespace', 'cluster/stage', 'cluster/status'] as const;
