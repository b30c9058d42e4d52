// GENERATED from the sidecar's contract (`kubelink-sidecar contract`) by scripts/gen-protocol.mjs.
// Do not edit by hand: change the C# records in server/Kubelink.Protocol, then run `npm run gen:protocol`.
// A test regenerates this file and fails when it drifts from the C# side.

import type { CatalogEntryState, ClusterSourceKind, ClusterStatus, FaultCause, HealthState, KubeconfigProblem, RancherCheck, ResourceChangeType, StageLevel } from './codes';

/** Server → client: what changed in the catalog since the last notification. Never sent for an unchanged file. */
export interface CatalogChangedParams {
  /** New entries. */
  added: CatalogEntry[];
  /** Entries whose content changed (same id). */
  updated: CatalogEntry[];
  /** Ids of entries that are gone. */
  removed: string[];
}

/**
 * One connectable cluster in the catalog, valid or not, from any source (a kubeconfig context, later an EKS cluster, a
 * simulated cluster, a `ClusterAccess` object). A broken entry is listed with its error, never dropped.
 */
export interface CatalogEntry {
  /** Stable across restarts and edits. Kubeconfig: derived from the file's full path and the context name; other sources prefix theirs with the source kind. */
  id: string;
  /** Which source the entry comes from; the tree has a group per source (kubeconfig: a group per file or sync path). */
  sourceKind: ClusterSourceKind;
  /** What the tree shows: the context name, or the file name for a file that has no readable context. */
  name: string;
  /** The context's name in its kubeconfig ("" for an entry that stands for a whole unreadable file); other sources: the cluster's name in that source. */
  contextName: string;
  /** Kubeconfig: the file the context is defined in. Other sources: where the entry comes from, in words the user recognises (a region, an object path). */
  source: string;
  /** What the tree groups by within the source: the `KUBECONFIG` / `~/.kube/config` file, or the sync path (file or folder) the user added; other sources choose their own groups. */
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
  /** The 1-based line of the context entry in `Source`, for "open at line" (kubeconfig entries only; null for other sources). */
  line: number | null;
  /** EKS entries only: the cluster as `DescribeCluster` last reported it (status, version, endpoint, created); null for other sources. */
  eks?: EksClusterSummary | null;
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

/**
 * Server → client: a cluster's whole state after any change (status, permission map, metadata, health, default
 * namespace). Changes of one cluster carry increasing revisions; a client keeps the highest it has seen, because
 * notifications sent from different threads may arrive out of order.
 */
export interface ClusterChangedParams {
  /** The catalog id. */
  clusterId: string;
  /** Orders the changes of one cluster within one sidecar session (a later one replaces an earlier one). */
  revision: number;
  /** The cluster's state after the change, as `cluster/get` would answer it. */
  info: ClusterInfo;
}

/** Server → client (`cluster/health`), and part of `ClusterInfo`: one health transition of a connected cluster. */
export interface ClusterHealth {
  /** The catalog id. */
  clusterId: string;
  /** The new state. */
  state: HealthState;
  /** Why, when not ready: `refused`, `reset`, `timeout`, `tls`, `dns`, `http` (5xx / not ready), `unauthorized` (401), `forbidden` (403), `credentials` (exec plugin failed), `network` (the machine's network changed), `kubeconfig` (its entry changed); null when ready. */
  cause: FaultCause | null;
  /** The cause in words with the next step, for the notification; null when ready. */
  message: string | null;
  /**
   * The AWS profile whose SSO session has expired, when `aws sso login --profile` is the fix (an EKS cluster's
   * token could not be made, cause `credentials`); null otherwise. A field, so the client never parses the message.
   */
  ssoProfile?: string | null;
  /** The reconnect attempt that is scheduled (1, 2, …) while `reconnecting` or `unauthorized`; 0 otherwise. */
  attempt: number;
  /** Milliseconds until that attempt; null when none is scheduled. */
  nextRetryMs: number | null;
  /** The connection generation: it grows by one at every successful (re)connect. Clients, watches and caches carry it, so anything from an older generation is ignored. */
  generation: number;
  /** When the current state began (for "disconnected for 2 min"). */
  since: string;
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
  /** The connection's health while activated (null before the first ready); `cluster/health` carries each change. */
  health?: ClusterHealth | null;
}

/** Server → client: one step of an activation, shown as the connection log. */
export interface ClusterStageParams {
  /** The catalog id. */
  clusterId: string;
  /** Which step: `proxy`, `credentials`, `version`, `validated` (EKS connections), `admin`, `watch`, `namespaces`, `discovery`, `permissions`, `ready`. */
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

/** One EKS cluster as `DescribeCluster` reports it. */
export interface EksClusterSummary {
  /** The cluster's name. */
  name: string;
  /** CREATING, ACTIVE, DELETING, FAILED, UPDATING or PENDING; only ACTIVE clusters can be connected. */
  status: string;
  /** The Kubernetes version, e.g. `1.32`. */
  version: string | null;
  /** The API server URL (null while the cluster is being created). */
  endpoint: string | null;
  /** When the cluster was created (ISO 8601, UTC). */
  createdAt: string | null;
  /** The cluster's ARN. */
  arn: string | null;
  /** The EKS platform version, e.g. `eks.7`. */
  platformVersion?: string | null;
}

/** Client → server: add (or update) an EKS connection; answers its catalog entry, which `cluster/activate` then connects. */
export interface EksConnectParams {
  /** The credentials; a profile is remembered by name, typed keys are not remembered at all. */
  credentials: EksCredentials;
  /** The region; null takes the profile's. */
  region?: string | null;
  /** The cluster's name. */
  name: string;
}

/**
 * Which AWS credentials to use: a named profile (`~/.aws/config` / `~/.aws/credentials`: static keys,
 * assume-role, SSO, `credential_process`), keys the user typed (kept by the extension in SecretStorage and sent
 * with each call, never stored by the sidecar), or, when every field is null, the SDK's default chain
 * (environment variables, `AWS_PROFILE`, ...).
 */
export interface EksCredentials {
  /** A profile name; null for typed keys or the default chain. */
  profile?: string | null;
  /** A typed access key id (with `SecretAccessKey`). */
  accessKeyId?: string | null;
  /** The typed secret access key. Never logged, never persisted by the sidecar. */
  secretAccessKey?: string | null;
  /** A session token for temporary typed keys. */
  sessionToken?: string | null;
}

/** Client → server: forget an EKS connection (disconnecting it first when connected). */
export interface EksDisconnectParams {
  /** The connection's catalog id (`{region}_{name}`). */
  clusterId: string;
}

/** Client → server: the EKS clusters of one region. */
export interface EksListClustersParams {
  /** The credentials to call EKS with. */
  credentials: EksCredentials;
  /** The AWS region, e.g. `us-east-1`; null takes the profile's (or the default chain's) region. */
  region?: string | null;
}

/** Every cluster of the region (all `ListClusters` pages, each described). */
export interface EksListClustersResult {
  /** The clusters, by name. */
  clusters: EksClusterSummary[];
}

/** Which connected cluster's GraphQL endpoint to open (`graphql/endpoint`). */
export interface GraphQLEndpointParams {
  /** The catalog id of a connected cluster. */
  clusterId: string;
}

/**
 * A connected cluster's GraphQL endpoint on the sidecar's loopback listener: the schema is built from the cluster's own
 * OpenAPI, and queries run with the cluster's kubeconfig identity. Callers present the cluster's proxy token.
 */
export interface GraphQLEndpointResult {
  /** `https://127.0.0.1:PORT/graphql/{clusterId}`: POST JSON, GET `?query=`, SSE, graphql-transport-ws. */
  url: string;
  /** The bearer token the endpoint requires (the cluster's proxy token). */
  token: string;
  /** The GraphiQL page with the token in the URL fragment (never sent to a server), for a browser. */
  browserUrl: string;
  /** How many resource kinds the schema has. */
  kinds: number;
}

/** Which connected management cluster's ClusterAccess objects to serve (`graphql/gateway`). */
export interface GraphQLGatewayParams {
  /** The catalog id of a connected cluster that serves the ClusterAccess kind. */
  clusterId: string;
}

/** The in-sidecar gateway of a management cluster: its listener writes the schema files, the sidecar serves them. */
export interface GraphQLGatewayResult {
  /**
   * `https://127.0.0.1:PORT/graphql/{clusterId}/`; each ClusterAccess is served at `{Url}{path}/graphql`, and
   * callers bring their own bearer token for the target (it is forwarded).
   */
  url: string;
  /** The definitions folder the listener writes (`{state}/graphql/{clusterId}/definitions`). */
  definitions: string;
  /** The paths served now (the listener may still be writing others). */
  paths: string[];
}

/**
 * Registers a cluster of the catalog in a connected management cluster as a `ClusterAccess` (`graphql/register`),
 * as `kubelink-sidecar clusteraccess create` does from two kubeconfigs.
 */
export interface GraphQLRegisterParams {
  /** The catalog id of the cluster to register (the target); it need not be connected. */
  clusterId: string;
  /** The catalog id of the connected management cluster the Secrets and the ClusterAccess are written to. */
  managementClusterId: string;
  /** The ClusterAccess's name and path (a DNS-1123 name); null derives one from the target's name. */
  name?: string | null;
}

/** What `graphql/register` wrote into the management cluster. */
export interface GraphQLRegisterResult {
  /** The ClusterAccess's name, which is also its `spec.path` (the gateway's `/{name}/graphql`). */
  name: string;
  /** One line per object, as kubectl prints them (`secret/prod-token (namespace default) created`). */
  objects: string[];
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

/** Server → client (`resources/changed`): live changes of one subscription. */
export interface ResourceChangedParams {
  /** The subscription. */
  subscriptionId: string;
  /** What happened. */
  type: ResourceChangeType;
  /** The rows concerned (for `reset`: all of them). */
  items: ResourceRow[];
  /** True when the rows are the last known ones while the cluster is unreachable. */
  stale: boolean;
  /** Set when the view cannot be kept live (access revoked: 403), with the next step; the rows are then empty. */
  error?: string | null;
}

/** A column of a resource view. */
export interface ResourceColumn {
  /** The row field that holds the value (`phase`); `createdAt` is shown as an age. */
  key: string;
  /** The header (`Phase`). */
  title: string;
}

/** Client → server (`resources/get`): one object, for Open YAML. */
export interface ResourceGetParams {
  /** The catalog id of a ready cluster. */
  clusterId: string;
  /** API group, "" for the core group. */
  group: string;
  /** API version. */
  version: string;
  /** Plural resource name. */
  resource: string;
  /** The namespace; null for cluster-scoped objects. */
  namespace?: string | null;
  /** The object's name. */
  name: string;
}

/** Server → client answer to `resources/get`. */
export interface ResourceGetResult {
  /** The object's current YAML as the API server returns it, without `metadata.managedFields`. */
  yaml: string;
  /** `metadata.resourceVersion`. */
  resourceVersion: string | null;
}

/** Client → server (`resources/list`): one resource kind of one cluster, in one namespace or all of them. */
export interface ResourceListParams {
  /** The catalog id of a ready cluster. */
  clusterId: string;
  /** API group, "" for the core group. */
  group: string;
  /** API version (`v1`). */
  version: string;
  /** Plural resource name (`pods`). */
  resource: string;
  /** One namespace; null for every namespace the user may list (or for a cluster-scoped kind). */
  namespace?: string | null;
}

/** Server → client answer to `resources/list` and `resources/subscribe`. */
export interface ResourceListResult {
  /** Every object, sorted by namespace then name. */
  items: ResourceRow[];
  /** True when these rows are the last known ones and the cluster is not reachable right now. */
  stale: boolean;
  /** The columns of this kind, in display order (name and namespace first). */
  columns: ResourceColumn[];
}

/** One object as a row: identity plus the kind's columns, spread beside them (pods: `phase`, `ready`, `restarts`, `node`; …). */
export interface ResourceRow {
  /** `metadata.name`. */
  name: string;
  /** `metadata.namespace`; null for cluster-scoped objects. */
  namespace: string | null;
  /** `metadata.uid`. */
  uid: string;
  /** `metadata.creationTimestamp`; the age column is computed from it by the client, so rows need not change every second. */
  createdAt: string | null;
  /** The kind's columns, by `Key`: strings and numbers. */
  [columns: string]: unknown;
}

/** Client → server (`resources/subscribe`): the same selector plus the client's id for the subscription. */
export interface ResourceSubscribeParams {
  /** Chosen by the client, unique among its open subscriptions; every `resources/changed` names it. */
  subscriptionId: string;
  /** The catalog id of a ready cluster. */
  clusterId: string;
  /** API group, "" for the core group. */
  group: string;
  /** API version. */
  version: string;
  /** Plural resource name. */
  resource: string;
  /** One namespace; null for every namespace the user may list. */
  namespace?: string | null;
}

/** Client → server (`resources/unsubscribe`). */
export interface ResourceUnsubscribeParams {
  /** The id given to `resources/subscribe`; unknown ids are ignored. */
  subscriptionId: string;
}

/** What the sidecar offers, so a client can hide what an older sidecar lacks. */
export interface ServerCapabilities {
  /** Every method name the sidecar handles, requests and notifications alike. */
  methods: string[];
  /** The process id of the sidecar, so the client can tell a restart from a reconnect. */
  processId: number;
  /** Where the sidecar writes its rolling log file. */
  logDirectory: string;
  /**
   * The features this sidecar has (`SidecarFeatures`): each capability folder registers its own, so the
   * client shows a command only when the sidecar it talks to can answer it.
   */
  features: string[];
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
  /** Seconds between two health probes of a connected cluster (default 5, minimum 0.05). A watch that breaks triggers a probe at once, whatever the interval. */
  healthProbeIntervalSeconds?: number | null;
  /** Seconds a health probe may take before the cluster counts as unreachable: this bounds how long a silent black hole goes unnoticed (default 3, minimum 0.05). */
  healthProbeTimeoutSeconds?: number | null;
  /** The first reconnect delay in seconds; each failed attempt doubles it, with jitter (default 0.5, minimum 0.01). */
  reconnectInitialDelaySeconds?: number | null;
  /** The longest wait between two reconnect attempts, in seconds (default 30, minimum 0.05). */
  reconnectMaxDelaySeconds?: number | null;
  /** Make the token of kubeconfig users that exec `aws eks get-token` in-process instead of running `aws` (default true). */
  eksInProcessToken?: boolean | null;
}

/** One simulated cluster as the agent sees it. Its token is never sent: the catalog entry connects with it. */
export interface SimulatedClusterInfo {
  /** The cluster's name. */
  name: string;
  /** The catalog id of its entry (`simulated_<name>`), to connect it like any cluster. */
  catalogId: string;
  /** `creating`, `ready`, `failed` or `deleting`. */
  status: string;
  /** Why it failed, or a note on its last repair. */
  reason: string | null;
  /** Its own API endpoint, `https://127.0.0.1:PORT`. */
  endpoint: string;
  /** The kubeconfig (0600) that points kubectl at the endpoint. */
  kubeconfig: string;
  /** Nodes of the tenant, once populated. */
  nodes: number;
  /** Pods of the tenant, once populated. */
  pods: number;
  /** Rancher import state: `disabled` when no Rancher is configured. */
  rancherState: string;
}

/** A new simulated cluster (`simulated/create`): a tenant of the main cluster with its own endpoint. */
export interface SimulatedCreateParams {
  /** A DNS label of at most 55 characters (the tenant namespace is `cluster-<name>`). */
  name: string;
  /** Only reads pass through the cluster's endpoint. */
  readOnly?: boolean | null;
  /** Lists through the endpoint show only the tenant's nodes and namespace. */
  tenantScoped?: boolean | null;
}

/** Every simulated cluster (`simulated/list`). */
export interface SimulatedListResult {
  /** The clusters, by name. */
  clusters: SimulatedClusterInfo[];
}

/** Names one simulated cluster (`simulated/delete`). */
export interface SimulatedNameParams {
  /** The cluster's name. */
  name: string;
}

/**
 * The Rancher import of the sidecar's simulated clusters (`simulated/configureRancher`), sent by the editor from its
 * settings and SecretStorage when a sidecar starts and whenever one of them changes.
 */
export interface SimulatedRancherParams {
  /** Rancher's URL (`https://rancher.example.com`); null or empty turns the import off (tunnels closed, clusters kept). */
  url?: string | null;
  /** An absolute path (or `~/…`) of a PEM file with the CA that signed Rancher's certificate; null: the system trust store. */
  caFile?: string | null;
  /** The Rancher API key (`token-xxxxx:secret`); needed with a URL. Held in the sidecar's memory only, never logged or saved. */
  token?: string | null;
}

/** The import's configuration took effect; the check says whether the imports can work. */
export interface SimulatedRancherResult {
  /** What Rancher answered. */
  check: RancherCheck;
  /** The cause and the next step when the check is not `ok` or `off`; never the key. */
  problem?: string | null;
}
