import type { ClusterClient, ClusterSidecar } from '../clusters/clusterConnections';
import { isUnhealthy, type ClusterState, type ClusterStore } from '../clusters/clusterStore';
import {
  ResourcesChangedNotification,
  ResourcesSubscribeRequest,
  ResourcesUnsubscribeRequest,
  type ResourceChangedParams,
} from '../protocol';
import { systemClock, type Clock } from '../sidecar/clock';
import { errorMessage } from '../sidecar/errors';
import { Emitter, type Disposable } from '../sidecar/events';
import type { SidecarState } from '../sidecar/state';
import { KeyBatcher } from './keyBatcher';
import { applyChange, byUid, snapshot, type KindRef, type View, type ViewSnapshot } from './viewState';


export interface ResourceViewsOptions {
  readonly clock?: Clock;
  /** Bursts of `resources/changed` (a rollout, a reset) become one redraw per view per this many ms. */
  readonly debounceMs?: number;
}

let subscriptionCounter = 0;

/**
 * The open resource views: one `resources/subscribe` per expanded tree node (keyed by the node's id), fed by
 * `resources/changed`, closed with `resources/unsubscribe` when the node collapses or its cluster disconnects. Rows stay
 * on screen, marked stale, while the cluster or the sidecar is away; a new sidecar session or a reconnect re-subscribes
 * every open view by itself. VS Code-free: the tree adapter calls `open` from `getChildren` and redraws the keys
 * `onDidChange` names.
 */
export class ResourceViews implements Disposable {
  private readonly views = new Map<string, View>();
  private readonly bySubscription = new Map<string, View>();
  private readonly filters = new Map<string, string | null>();
  private readonly emitter = new Emitter<readonly string[]>();
  private readonly dirty: KeyBatcher;
  private client: ClusterClient | undefined;
  private notifications: Disposable | undefined;
  private readonly subscriptions: Disposable[];

  /** Fires, debounced, with the keys of the views whose rows or state changed. */
  readonly onDidChange = this.emitter.event;

  constructor(
    private readonly store: ClusterStore,
    private readonly sidecar: ClusterSidecar,
    options: ResourceViewsOptions = {},
  ) {
    this.dirty = new KeyBatcher(options.clock ?? systemClock, options.debounceMs ?? 100, (keys) => this.emitter.fire(keys));
    this.subscriptions = [sidecar.onDidChangeState((state) => this.follow(state)), store.onDidChange((id) => id !== undefined && this.onCluster(id))];
    this.follow(sidecar.state);
  }

  /** The view of `key` (a tree node id), subscribing on first use. */
  open(key: string, clusterId: string, ref: KindRef): ViewSnapshot {
    let view = this.views.get(key);
    if (!view) {
      const namespace = ref.namespaced ? (this.filters.get(clusterId) ?? null) : null;
      view = { key, clusterId, ref, namespace, rows: new Map(), columns: [], stale: false, loading: true, error: undefined, subscriptionId: undefined, client: undefined, failedOn: undefined, early: undefined };
      this.views.set(key, view);
      this.subscribe(view);
    }
    return snapshot(view);
  }

  /** The view's state without opening it; undefined while closed. */
  peek(key: string): ViewSnapshot | undefined {
    const view = this.views.get(key);
    return view && snapshot(view);
  }

  /** Closes the view of `key` and every view under it (`key/…`): a collapsed node hides its descendants too. */
  close(key: string): void {
    for (const view of [...this.views.values()].filter((v) => v.key === key || v.key.startsWith(`${key}/`))) {
      this.drop(view);
    }
  }

  namespaceFilter(clusterId: string): string | null {
    return this.filters.get(clusterId) ?? null;
  }

  /**
   * Limits the cluster's namespaced views to `namespace` (null: all): each open one re-subscribes with it. The change
   * event names `<cluster>/resources` too, the node whose description shows the filter.
   */
  setNamespaceFilter(clusterId: string, namespace: string | null): void {
    this.filters.set(clusterId, namespace);
    this.dirty.add(`${clusterId}/resources`);
    for (const view of this.views.values()) {
      if (view.clusterId === clusterId && view.ref.namespaced && view.namespace !== namespace) {
        this.unsubscribe(view);
        Object.assign(view, { namespace, rows: new Map(), loading: true, error: undefined, stale: false, failedOn: undefined });
        this.subscribe(view);
        this.dirty.add(view.key);
      }
    }
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.notifications?.dispose();
    for (const view of [...this.views.values()]) {
      this.drop(view);
    }
    this.dirty.dispose();
    this.emitter.dispose();
  }

  /** A new sidecar session: every subscription died with the old one; rows stay, stale, until the cluster is back. */
  private follow(state: SidecarState): void {
    const client = state.kind === 'ready' ? this.sidecar.session?.client : undefined;
    if (client === this.client) {
      return;
    }
    this.notifications?.dispose();
    this.client = client;
    this.bySubscription.clear();
    for (const view of this.views.values()) {
      Object.assign(view, { subscriptionId: undefined, client: undefined, stale: true, failedOn: undefined, early: undefined });
      this.dirty.add(view.key);
    }
    this.notifications = client?.onNotification(ResourcesChangedNotification, (params) => this.apply(client, params));
  }

  private onCluster(id: string): void {
    const state = this.store.get(id);
    const views = [...this.views.values()].filter((v) => v.clusterId === id);
    if (state.status === 'disconnected' || state.status === 'failed') {
      views.forEach((view) => this.drop(view));
      this.filters.delete(id);
    } else if (isLive(state)) {
      // A kind that left the permission map (a binding revoked while away) has no node any more: stop its view.
      const listable = state.info?.listableResources ?? [];
      const [gone, kept] = partition(views, (view) => !listable.some((r) => r.group === view.ref.group && r.resource === view.ref.resource));
      gone.forEach((view) => this.drop(view));
      kept.filter((view) => view.subscriptionId === undefined && view.failedOn !== connectionOf(state)).forEach((view) => this.subscribe(view));
    }
  }

  private subscribe(view: View): void {
    const client = this.client;
    const state = this.store.get(view.clusterId);
    if (!client || !isLive(state)) {
      return; // onCluster subscribes once the cluster is ready and healthy.
    }
    const subscriptionId = `view-${++subscriptionCounter}`;
    Object.assign(view, { subscriptionId, client, early: [] });
    this.bySubscription.set(subscriptionId, view);
    const { clusterId, ref, namespace } = view;
    client.request(ResourcesSubscribeRequest, { subscriptionId, clusterId, group: ref.group, version: ref.version, resource: ref.resource, namespace }).then(
      (result) => {
        if (view.subscriptionId === subscriptionId) {
          const early = view.early ?? [];
          Object.assign(view, { rows: byUid(result.items), columns: result.columns, stale: result.stale, loading: false, error: undefined, early: undefined });
          early.forEach((change) => applyChange(view, change));
          this.dirty.add(view.key);
        }
      },
      (error: unknown) => {
        if (view.subscriptionId === subscriptionId) {
          this.bySubscription.delete(subscriptionId);
          const failedOn = connectionOf(this.store.get(clusterId));
          Object.assign(view, { subscriptionId: undefined, client: undefined, loading: false, error: errorMessage(error), failedOn, early: undefined });
          this.dirty.add(view.key);
        }
      },
    );
  }

  private apply(client: ClusterClient, params: ResourceChangedParams): void {
    const view = this.bySubscription.get(params.subscriptionId);
    if (!view || view.client !== client) {
      return;
    }
    if (view.early) {
      view.early.push(params);
      return;
    }
    applyChange(view, params);
    this.dirty.add(view.key);
  }

  private drop(view: View): void {
    this.unsubscribe(view);
    this.views.delete(view.key);
    this.dirty.forget(view.key);
  }

  private unsubscribe(view: View): void {
    const { subscriptionId, client } = view;
    if (subscriptionId !== undefined && client !== undefined) {
      this.bySubscription.delete(subscriptionId);
      Object.assign(view, { subscriptionId: undefined, client: undefined, early: undefined });
      // Unknown ids are ignored by the sidecar, and a dead session rejects: nothing to tell the user either way.
      client.request(ResourcesUnsubscribeRequest, { subscriptionId }).catch(() => undefined);
    }
  }

}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

/** Ready, and its health loop does not say otherwise: a subscribe can be answered now. */
function isLive(state: ClusterState): boolean {
  return state.status === 'ready' && !isUnhealthy(state);
}

/** Which connection a failure happened on: a reconnect (new generation) is worth another try, another store change is not. */
function connectionOf(state: ClusterState): string {
  return `${state.status}/${state.health?.generation ?? 0}`;
}
