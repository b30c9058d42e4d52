// GENERATED from the sidecar's contract (`kubelink-sidecar contract`) by scripts/gen-protocol.mjs.
// Do not edit by hand: change the C# records in server/Kubelink.Protocol, then run `npm run gen:protocol`.
// A test regenerates this file and fails when it drifts from the C# side.

import { NotificationType, NotificationType0, RequestType, RequestType0 } from 'vscode-jsonrpc';
import type { CatalogChangedParams, CatalogEntry, CatalogListResult, ClusterActivateParams, ClusterChangedParams, ClusterHealth, ClusterIdParams, ClusterInfo, ClusterStageParams, ClusterStatusParams, EksConnectParams, EksDisconnectParams, EksListClustersParams, EksListClustersResult, GraphQLEndpointParams, GraphQLEndpointResult, GraphQLGatewayParams, GraphQLGatewayResult, GraphQLRegisterParams, GraphQLRegisterResult, InitializeParams, InitializeResult, ResourceChangedParams, ResourceGetParams, ResourceGetResult, ResourceListParams, ResourceListResult, ResourceSubscribeParams, ResourceUnsubscribeParams, SetDefaultNamespaceParams, SetSyncPathsParams, SimulatedClusterInfo, SimulatedCreateParams, SimulatedListResult, SimulatedNameParams, SimulatedRancherParams, SimulatedRancherResult } from './types';

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

/**
 * A connected cluster's health changed (ready, disconnected, reconnecting with the attempt, unauthorized). One probe loop per cluster produces these, whatever the number of views.
 * Direction: server → client.
 */
export const ClusterHealthChangedNotification = new NotificationType<ClusterHealth>('cluster/health');

/**
 * A cluster's state changed: the whole `ClusterInfo`, pushed by the one writer of that state, so a client
 * never has to guess from stage names or health when to ask `cluster/get`. Advertised as the
 * `ClusterChanged` feature.
 * Direction: server → client.
 */
export const ClusterChangedNotification = new NotificationType<ClusterChangedParams>('cluster/changed');

/**
 * Reconnect now: skips the back-off wait of a disconnected cluster (or re-checks a ready one at once). Answers once the attempt is done; health notifications tell how it went.
 * Direction: client → server.
 */
export const ClusterReconnectRequest = new RequestType<ClusterIdParams, ClusterHealth, void>('cluster/reconnect');

/**
 * The rows of one resource kind from the sidecar's shared watch cache (filled on first use). Only kinds the permission map says are LIST-able.
 * Direction: client → server.
 */
export const ResourcesListRequest = new RequestType<ResourceListParams, ResourceListResult, void>('resources/list');

/**
 * Like `resources/list`, then keeps the client posted with `resources/changed` until unsubscribed. After a reconnect the sidecar re-lists and sends a `reset` by itself.
 * Direction: client → server.
 */
export const ResourcesSubscribeRequest = new RequestType<ResourceSubscribeParams, ResourceListResult, void>('resources/subscribe');

/**
 * Ends a subscription; the watch stops when no subscription needs it.
 * Direction: client → server.
 */
export const ResourcesUnsubscribeRequest = new RequestType<ResourceUnsubscribeParams, null, void>('resources/unsubscribe');

/**
 * Live changes of one subscription.
 * Direction: server → client.
 */
export const ResourcesChangedNotification = new NotificationType<ResourceChangedParams>('resources/changed');

/**
 * The GraphQL endpoint of a connected cluster (built now from its OpenAPI; rebuilt when its CRDs change). Fails with
 * `ClusterNotReady` when it is not connected, `GraphQLSchemaFailed` when
 * its OpenAPI cannot be read.
 * Direction: client → server.
 */
export const GraphQLEndpointRequest = new RequestType<GraphQLEndpointParams, GraphQLEndpointResult, void>('graphql/endpoint');

/**
 * Writes a ClusterAccess for a catalog cluster (and Secrets with its credential and CA) into a connected management
 * cluster. Fails with `ClusterNotReady` when the management cluster is not connected,
 * `ClusterAccessFailed` when the credential cannot be stored or the management cluster refuses.
 * Direction: client → server.
 */
export const GraphQLRegisterRequest = new RequestType<GraphQLRegisterParams, GraphQLRegisterResult, void>('graphql/register');

/**
 * Runs the ClusterAccess listener and gateway inside the sidecar for a connected management cluster (idempotent; stops
 * when the cluster disconnects). Fails with `ClusterNotReady` when it is not connected.
 * Direction: client → server.
 */
export const GraphQLGatewayRequest = new RequestType<GraphQLGatewayParams, GraphQLGatewayResult, void>('graphql/gateway');

/**
 * One object's current YAML (read fresh from the API server), for Open YAML.
 * Direction: client → server.
 */
export const ResourcesGetRequest = new RequestType<ResourceGetParams, ResourceGetResult, void>('resources/get');

/**
 * The EKS clusters of a region, every page, each described (status, version, endpoint). Fails with
 * `AwsError` (the AWS code, message and request id in the message),
 * `AwsCredentialsMissing` or `AwsSsoLoginRequired`.
 * Direction: client → server.
 */
export const EksListClustersRequest = new RequestType<EksListClustersParams, EksListClustersResult, void>('eks/listClusters');

/**
 * Adds an EKS connection (remembered without secrets) and answers its catalog entry; `cluster/activate` connects it. A cluster that is not ACTIVE is remembered and listed invalid with its status; activating it fails with `EksClusterNotActive` until Refresh EKS Clusters finds it ACTIVE.
 * Direction: client → server.
 */
export const EksConnectRequest = new RequestType<EksConnectParams, CatalogEntry, void>('eks/connect');

/**
 * Disconnects an EKS cluster and forgets the connection.
 * Direction: client → server.
 */
export const EksDisconnectRequest = new RequestType<EksDisconnectParams, null, void>('eks/disconnect');

/**
 * Every simulated cluster (docs/simulated-clusters.md); starts nothing when there are none.
 * Direction: client → server.
 */
export const SimulatedListRequest = new RequestType0<SimulatedListResult, void>('simulated/list');

/**
 * Creates a simulated cluster; answers at once with status `creating` (its catalog entry appears through
 * `catalog/changed` and follows its status). Fails with `SimulatedInvalid` or `SimulatedExists`.
 * Direction: client → server.
 */
export const SimulatedCreateRequest = new RequestType<SimulatedCreateParams, SimulatedClusterInfo, void>('simulated/create');

/**
 * Deletes a simulated cluster: endpoint, tenant objects and entry. Fails with `SimulatedNotFound`.
 * Direction: client → server.
 */
export const SimulatedDeleteRequest = new RequestType<SimulatedNameParams, null, void>('simulated/delete');

/**
 * (Re)configures the Rancher import of the simulated clusters: every ready cluster is imported and its tunnels kept up,
 * new ones on create; no URL stops the tunnels (clusters stay). Answers with one check of the key against Rancher; each
 * cluster's own Rancher state follows in its catalog entry. Fails with `RancherSettingsInvalid`
 * (the import is then off).
 * Direction: client → server.
 */
export const SimulatedConfigureRancherRequest = new RequestType<SimulatedRancherParams, SimulatedRancherResult, void>('simulated/configureRancher');

/** Every method of the contract, by wire name. */
export const allMethods = ['initialize', 'shutdown', 'exit', 'catalog/list', 'catalog/refresh', 'catalog/changed', 'kubeconfig/setSyncPaths', 'cluster/activate', 'cluster/deactivate', 'cluster/refresh', 'cluster/get', 'cluster/setDefaultNamespace', 'cluster/stage', 'cluster/status', 'cluster/health', 'cluster/changed', 'cluster/reconnect', 'resources/list', 'resources/subscribe', 'resources/unsubscribe', 'resources/changed', 'graphql/endpoint', 'graphql/register', 'graphql/gateway', 'resources/get', 'eks/listClusters', 'eks/connect', 'eks/disconnect', 'simulated/list', 'simulated/create', 'simulated/delete', 'simulated/configureRancher'] as const;
