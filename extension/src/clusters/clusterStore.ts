import type { ClusterHealth, ClusterInfo, ClusterStageParams, ClusterStatus, ClusterStatusParams } from '../protocol';
import { Emitter, type Disposable } from '../sidecar/events';

/** What the extension knows of one cluster's connection; everything here is rebuilt from the sidecar after a restart. */
export interface ClusterState {
  readonly id: string;
  readonly status: ClusterStatus;
  /** The last `ClusterInfo` an answer carried (activate, refresh, get, setDefaultNamespace), if any. */
  readonly info: ClusterInfo | undefined;
  /** The stage log of the current or last activation, oldest first; cleared when a new activation starts. */
  readonly stages: readonly ClusterStageParams[];
  /** Why the last activation failed (the sidecar's message: cause and next step), while `failed`. */
  readonly error: string | undefined;
  /** The connection's health once connected (from `cluster/health` or an answer's `ClusterInfo.health`). */
  readonly health: ClusterHealth | undefined;
}

/** In progress: the sidecar is still running the activation's stages. */
export function isActivating(status: ClusterStatus): boolean {
  return status === 'connecting' || status === 'accessible';
}

/** The proxy route exists: `accessible` (checks still running) or `ready`. */
export function isConnected(status: ClusterStatus): boolean {
  return status === 'accessible' || status === 'ready';
}

export function disconnectedState(id: string): ClusterState {
  return { id, status: 'disconnected', info: undefined, stages: [], error: undefined, health: undefined };
}

/** Connected, but its health loop says the API server cannot be used right now: rows on screen are stale. */
export function isUnhealthy(state: ClusterState): boolean {
  return state.health !== undefined && state.health.state !== 'ready';
}

/**
 * Per cluster id: its status, last ClusterInfo and stage log. Fed by `cluster/status` and `cluster/stage`
 * notifications and by call results; VS Code-free, so every sequence is unit-tested. A cluster it has never heard of
 * is `disconnected`. `reset` forgets everything: after a sidecar restart no cluster is connected.
 */
export class ClusterStore implements Disposable {
  private readonly byId = new Map<string, ClusterState>();
  private readonly emitter = new Emitter<string | undefined>();

  /** Fires with the cluster id after each change of one cluster, with `undefined` after `reset`. */
  readonly onDidChange = this.emitter.event;

  get(id: string): ClusterState {
    return this.byId.get(id) ?? disconnectedState(id);
  }

  /** Every cluster not `disconnected`. */
  get states(): readonly ClusterState[] {
    return [...this.byId.values()].filter((state) => state.status !== 'disconnected');
  }

  /**
   * The extension asked for an activation (connect, or refresh when `restart`): the log is cleared and the status
   * becomes `connecting` at once, unless one is already running (connecting twice is one activation).
   */
  beginActivation(id: string, restart = false): void {
    const state = this.get(id);
    if (!restart && isActivating(state.status)) {
      return;
    }
    this.set({ ...state, status: 'connecting', stages: [], error: undefined });
  }

  applyStatus({ clusterId, status }: ClusterStatusParams): void {
    const state = this.get(clusterId);
    if (status === state.status) {
      return;
    }
    if (status === 'disconnected') {
      this.applyDisconnected(clusterId);
      return;
    }
    if (status === 'connecting' && !isActivating(state.status)) {
      // A new activation the extension did not start itself (another window's refresh, a sidecar retry).
      this.set({ ...state, status, stages: [], error: undefined });
      return;
    }
    const info = state.info && { ...state.info, status };
    this.set({ ...state, status, info, error: status === 'failed' ? state.error : undefined });
  }

  applyStage(stage: ClusterStageParams): void {
    const state = this.get(stage.clusterId);
    // An error stage carries the failure's message; the status notification follows it.
    const error = stage.level === 'error' ? stage.message : state.error;
    this.set({ ...state, stages: [...state.stages, stage], error });
  }

  /** An answer's ClusterInfo: its status wins, and a failed one keeps its error. */
  applyInfo(info: ClusterInfo): void {
    const state = this.get(info.id);
    const health = newer(state.health, info.health ?? undefined);
    this.set({ ...state, status: info.status, info, health, error: info.status === 'failed' ? (info.error ?? state.error) : undefined });
  }

  /**
   * A `cluster/health` transition. One from an older connection generation than the one already known is late news
   * (the sidecar's events for an old client) and is ignored; so is health for a cluster this store holds as disconnected.
   */
  applyHealth(health: ClusterHealth): void {
    const state = this.get(health.clusterId);
    if (state.status === 'disconnected' || newer(state.health, health) !== health) {
      return;
    }
    this.set({ ...state, health });
  }

  /**
   * A call failed before (or instead of) the sidecar's own `failed` status, e.g. the entry is invalid or gone: an
   * activation this store saw start must not spin for ever.
   */
  applyFailure(id: string, message: string): void {
    const state = this.get(id);
    if (state.status === 'failed' && state.error !== undefined) {
      return;
    }
    this.set({ ...state, status: 'failed', error: message });
  }

  /** Disconnected (`cluster/deactivate` answered, or its status notification): back to the catalog's own look. */
  applyDisconnected(id: string): void {
    const state = this.get(id);
    this.set({ ...state, status: 'disconnected', info: undefined, error: undefined, stages: [], health: undefined });
  }

  /** The sidecar session ended (or a new one began): every cluster is disconnected. */
  reset(): void {
    if (this.byId.size > 0) {
      this.byId.clear();
      this.emitter.fire(undefined);
    }
  }

  dispose(): void {
    this.emitter.dispose();
  }

  private set(state: ClusterState): void {
    if (state.status === 'disconnected' && state.stages.length === 0 && state.info === undefined) {
      this.byId.delete(state.id);
    } else {
      this.byId.set(state.id, state);
    }
    this.emitter.fire(state.id);
  }
}

/** The later of two health reports by connection generation; at the same generation the incoming one wins. */
function newer(known: ClusterHealth | undefined, incoming: ClusterHealth | undefined): ClusterHealth | undefined {
  if (incoming === undefined) {
    return known;
  }
  return known !== undefined && incoming.generation < known.generation ? known : incoming;
}
