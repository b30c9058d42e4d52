import type { NotificationType, RequestType } from 'vscode-jsonrpc';
import { SidecarNotRunningError } from '../catalog/catalogSync';
import { ClusterActivateRequest, ClusterChangedNotification, ClusterDeactivateRequest, ClusterGetRequest, ClusterHealthChangedNotification, ClusterReconnectRequest, ClusterRefreshRequest, ClusterSetDefaultNamespaceRequest, ClusterStageNotification, ClusterStatusChangedNotification, ResourcesGetRequest, type ClusterChangedParams, type ClusterHealth, type ClusterInfo, type ClusterStageParams, type ResourceGetParams, type ResourceGetResult, GraphQLEndpointRequest, type GraphQLEndpointResult, GraphQLRegisterRequest, type GraphQLRegisterParams, type GraphQLRegisterResult, SimulatedCreateRequest, SimulatedDeleteRequest, type SimulatedClusterInfo , GraphQLGatewayRequest, type GraphQLGatewayResult } from '../protocol';
import { errorMessage } from '../sidecar/errors';
import type { Disposable, Event } from '../sidecar/events';
import { hasFeature, SidecarFeature, type FeatureSource } from '../sidecar/features';
import type { SidecarState } from '../sidecar/state';
import { isActivating, isConnected, type ClusterStore } from './clusterStore';

/** What the connections need of a JSON-RPC client; `SidecarClient` has this shape. */
export interface ClusterClient {
  request<P, R>(type: RequestType<P, R, unknown>, params: P): Promise<R>;
  onNotification<P>(type: NotificationType<P>, handler: (params: P) => void): Disposable;
}

export interface ClusterSidecar {
  readonly state: SidecarState;
  readonly onDidChangeState: Event<SidecarState>;
  readonly session: ({ readonly client: ClusterClient } & FeatureSource) | undefined;
}

/**
 * Called with the ids of the clusters that were connected (or connecting) when a sidecar session ended, once the next
 * session is ready: the new sidecar has no connected cluster, and the user expects them back without a click.
 */
export type RestoreClusters = (ids: readonly string[]) => void;

/**
 * The cluster calls, feeding the store: every `ready` sidecar session gets its own `cluster/status`, `cluster/stage`,
 * `cluster/health` and `cluster/changed` subscriptions, and the store is reset whenever the session changes (a new
 * sidecar has no connected cluster). Activations are shared per id while they run, so a double click is one call and
 * one progress notification. A sidecar with the `clusterChanged` feature pushes every ClusterInfo change; with an older
 * one the connections guess when to ask `cluster/get` (the permissions stage, a recovery).
 */
export class ClusterConnections implements Disposable {
  private client: ClusterClient | undefined;
  private subscriptions: Disposable[] = [];
  private readonly inFlight = new Map<string, Promise<ClusterInfo>>();
  private readonly stateSubscription: Disposable;
  /** Connected when the last session ended; handed to `restore` when the next one is ready. */
  private toRestore = new Set<string>();
  /** The session pushes `cluster/changed`, so nothing is fetched on a guess. */
  private pushes = false;
  /** The highest `cluster/changed` revision applied per cluster in this session. */
  private readonly revisions = new Map<string, number>();

  constructor(
    readonly store: ClusterStore,
    private readonly sidecar: ClusterSidecar,
    private readonly restore?: RestoreClusters,
  ) {
    this.stateSubscription = sidecar.onDidChangeState((state) => this.follow(state));
    this.follow(sidecar.state);
  }

  /** The running activation of `id`, if any. */
  activation(id: string): Promise<ClusterInfo> | undefined {
    return this.inFlight.get(id);
  }

  /**
   * `cluster/activate`: resolves with the ready ClusterInfo, rejects with the sidecar's error (its `code` tells which).
   * `accessibleNamespaces` (setting `kubelink.clusters.accessibleNamespaces`) is sent only when there is some.
   */
  activate(id: string, accessibleNamespaces?: readonly string[]): Promise<ClusterInfo> {
    const params = accessibleNamespaces && accessibleNamespaces.length > 0 ? { clusterId: id, accessibleNamespaces: [...accessibleNamespaces] } : { clusterId: id };
    return this.run(id, false, (client) => client.request(ClusterActivateRequest, params));
  }

  /** `cluster/refresh`: a new activation of a connected cluster (the log starts over). */
  refresh(id: string): Promise<ClusterInfo> {
    return this.run(id, true, (client) => client.request(ClusterRefreshRequest, { clusterId: id }));
  }

  async deactivate(id: string): Promise<void> {
    const client = this.current();
    await client.request(ClusterDeactivateRequest, { clusterId: id });
    if (this.client === client) {
      this.store.applyDisconnected(id);
    }
  }

  /** `cluster/reconnect`: skip the back-off wait now; the health notifications tell how it went. */
  async reconnect(id: string): Promise<ClusterHealth> {
    const client = this.current();
    const health = await client.request(ClusterReconnectRequest, { clusterId: id });
    this.applyHealth(client, health);
    return health;
  }

  /** `resources/get`: one object's current YAML, for Open YAML. */
  getResource(params: ResourceGetParams): Promise<ResourceGetResult> {
    return this.current().request(ResourcesGetRequest, params);
  }

  /** `graphql/endpoint`: the cluster's GraphQL endpoint on the sidecar's loopback listener (its schema built first). */
  graphQLEndpoint(id: string): Promise<GraphQLEndpointResult> {
    return this.current().request(GraphQLEndpointRequest, { clusterId: id });
  }

  /** `graphql/register`: a ClusterAccess for cluster `id` in the connected management cluster. */
  registerClusterAccess(params: GraphQLRegisterParams): Promise<GraphQLRegisterResult> {
    return this.current().request(GraphQLRegisterRequest, params);
  }

  /** `graphql/gateway`: the ClusterAccess listener and gateway of connected management cluster `id`, inside the sidecar. */
  runGraphQLGateway(id: string): Promise<GraphQLGatewayResult> {
    return this.current().request(GraphQLGatewayRequest, { clusterId: id });
  }

  /** `simulated/create`: answers at once (status `creating`); the catalog entry follows through `catalog/changed`. */
  createSimulated(name: string): Promise<SimulatedClusterInfo> {
    return this.current().request(SimulatedCreateRequest, { name });
  }

  /** `simulated/delete`: answers once the cluster's endpoint, tenant objects and entry are gone. */
  async deleteSimulated(name: string): Promise<void> {
    await this.current().request(SimulatedDeleteRequest, { name });
  }

  async get(id: string): Promise<ClusterInfo> {
    return this.applied(this.current(), await this.current().request(ClusterGetRequest, { clusterId: id }));
  }

  async setDefaultNamespace(id: string, namespace: string | null): Promise<ClusterInfo> {
    const client = this.current();
    return this.applied(client, await client.request(ClusterSetDefaultNamespaceRequest, { clusterId: id, namespace }));
  }

  dispose(): void {
    this.stateSubscription.dispose();
    this.unsubscribe();
    this.client = undefined;
  }

  private run(id: string, restart: boolean, call: (client: ClusterClient) => Promise<ClusterInfo>): Promise<ClusterInfo> {
    const running = this.inFlight.get(id);
    if (running && !restart) {
      return running;
    }
    const client = this.client;
    if (!client) {
      return Promise.reject(new SidecarNotRunningError());
    }
    this.store.beginActivation(id, restart);
    const promise = call(client).then(
      (info) => this.applied(client, info),
      (error: unknown) => {
        if (this.client === client) {
          this.store.applyFailure(id, errorMessage(error));
        }
        throw error;
      },
    );
    this.inFlight.set(id, promise);
    const forget = (): void => {
      if (this.inFlight.get(id) === promise) {
        this.inFlight.delete(id);
      }
    };
    promise.then(forget, forget);
    return promise;
  }

  private applied(client: ClusterClient, info: ClusterInfo): ClusterInfo {
    if (this.client === client) {
      this.store.applyInfo(info);
    }
    return info;
  }

  private current(): ClusterClient {
    if (!this.client) {
      throw new SidecarNotRunningError();
    }
    return this.client;
  }

  private follow(state: SidecarState): void {
    const client = state.kind === 'ready' ? this.sidecar.session?.client : undefined;
    if (client === this.client) {
      return;
    }
    this.unsubscribe();
    for (const state of this.store.states) {
      if (isConnected(state.status) || isActivating(state.status)) {
        this.toRestore.add(state.id);
      }
    }
    this.client = client;
    this.pushes = hasFeature(this.sidecar.session, SidecarFeature.clusterChanged);
    this.revisions.clear();
    this.inFlight.clear();
    this.store.reset();
    if (!client) {
      return;
    }
    this.subscriptions = [
      client.onNotification(ClusterStatusChangedNotification, (params) => {
        if (this.client === client) {
          this.store.applyStatus(params);
        }
      }),
      client.onNotification(ClusterStageNotification, (params) => {
        if (this.client === client) {
          this.store.applyStage(params);
          this.refreshPermissions(params);
        }
      }),
      client.onNotification(ClusterHealthChangedNotification, (params) => this.applyHealth(client, params)),
      // Subscribed only when the sidecar says it pushes: an older one never sends it.
      ...(this.pushes ? [client.onNotification(ClusterChangedNotification, (params) => this.applyChanged(client, params))] : []),
    ];
    const ids = [...this.toRestore];
    this.toRestore = new Set();
    if (ids.length > 0) {
      this.restore?.(ids);
    }
  }

  private applyHealth(client: ClusterClient, health: ClusterHealth): void {
    if (this.client !== client) {
      return;
    }
    const before = this.store.get(health.clusterId).health;
    this.store.applyHealth(health);
    // A reconnect re-runs the access checks in the sidecar: namespaces and LIST-able kinds may have changed. A sidecar
    // that pushes cluster/changed sends the new ClusterInfo by itself.
    if (!this.pushes && health.state === 'ready' && before !== undefined && before.state !== 'ready' && this.store.get(health.clusterId).health === health) {
      this.get(health.clusterId).catch(() => undefined); // loggedCall has logged it; the tree keeps what it had.
    }
  }

  /**
   * A cluster is ready at its first LIST-able kind and its permission map keeps filling in; the `permissions` stage
   * that follows says the map is complete. Nothing else carries the grown map, so fetch it then: the Resources node
   * lists every kind the user may list, not only those known at ready.
   */
  private refreshPermissions(stage: ClusterStageParams): void {
    const state = this.store.get(stage.clusterId);
    if (!this.pushes && stage.stage === 'permissions' && stage.level === 'info' && state.status === 'ready' && state.info?.permissionsComplete === false) {
      this.get(stage.clusterId).catch(() => undefined); // loggedCall has logged it; the tree keeps the partial map.
    }
  }

  /**
   * A pushed ClusterInfo. Only a connected or failed state is taken from it: the start and end of a connection stay
   * with the extension's own calls and `cluster/status` (which also clear the stage log), and a late push must not bring
   * back a cluster the user has just disconnected. An older revision than one applied is late news.
   */
  private applyChanged(client: ClusterClient, { clusterId, revision, info }: ClusterChangedParams): void {
    if (this.client !== client || (this.revisions.get(clusterId) ?? -1) >= revision) {
      return;
    }
    this.revisions.set(clusterId, revision);
    if (this.store.get(clusterId).status !== 'disconnected' && (isConnected(info.status) || info.status === 'failed')) {
      this.store.applyInfo(info);
    }
  }

  private unsubscribe(): void {
    for (const subscription of this.subscriptions.splice(0)) {
      subscription.dispose();
    }
  }
}
