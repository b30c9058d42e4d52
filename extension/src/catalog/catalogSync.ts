import type { NotificationType, RequestType0 } from 'vscode-jsonrpc';
import { CatalogChangedNotification, CatalogListRequest, CatalogRefreshRequest, type CatalogListResult } from '../protocol';
import type { Disposable, Event } from '../sidecar/events';
import type { SidecarState } from '../sidecar/state';
import type { CatalogStore } from './catalogStore';

/** What the sync needs of a connection; `SidecarClient` has this shape (and logs every call through `loggedCall`). */
export interface CatalogClient {
  request0<R>(type: RequestType0<R, unknown>): Promise<R>;
  onNotification<P>(type: NotificationType<P>, handler: (params: P) => void): Disposable;
}

/** What the sync needs of the supervisor: its state, and the session while `ready`. */
export interface CatalogSidecar {
  readonly state: SidecarState;
  readonly onDidChangeState: Event<SidecarState>;
  readonly session: { readonly client: CatalogClient } | undefined;
}

/** Thrown by `refresh` when no sidecar is ready to answer. */
export class SidecarNotRunningError extends Error {
  constructor() {
    super('The sidecar is not running');
    this.name = 'SidecarNotRunningError';
  }
}

/**
 * Feeds the store from whichever sidecar session is current: every `ready` session (the first, and each one after a
 * restart) gets its own `catalog/changed` subscription and a full `catalog/list`, which replaces what the store held.
 * `onError` hears about failed loads of the current session only: a request cut short because the sidecar died is
 * already told by the supervisor's own notice.
 */
export class CatalogSync implements Disposable {
  private client: CatalogClient | undefined;
  private subscription: Disposable | undefined;
  private readonly stateSubscription: Disposable;

  constructor(
    private readonly store: CatalogStore,
    private readonly sidecar: CatalogSidecar,
    private readonly onError: (error: unknown) => void,
  ) {
    this.stateSubscription = sidecar.onDidChangeState((state) => this.follow(state));
    this.follow(sidecar.state);
  }

  /** `catalog/refresh`: the sidecar re-reads every source and answers the whole catalog. Rejects when it fails. */
  refresh(): Promise<void> {
    const client = this.client;
    if (!client) {
      return Promise.reject(new SidecarNotRunningError());
    }
    return this.store.load(() => client.request0(CatalogRefreshRequest).then(clustersOf));
  }

  dispose(): void {
    this.stateSubscription.dispose();
    this.subscription?.dispose();
    this.client = undefined;
  }

  private follow(state: SidecarState): void {
    const client = state.kind === 'ready' ? this.sidecar.session?.client : undefined;
    if (client === this.client) {
      return;
    }
    this.subscription?.dispose();
    this.subscription = undefined;
    this.client = client;
    if (!client) {
      // Starting, restarting and stopped are on the way to a new session, whose list replaces the entries; until then
      // the tree keeps its clusters rather than flash the welcome text. Nothing will answer after these two:
      if (state.kind === 'crashed' || state.kind === 'incompatible') {
        this.store.clear();
      }
      return;
    }
    // Subscribe before asking, so no change published after the sidecar's snapshot can slip between the two.
    this.subscription = client.onNotification(CatalogChangedNotification, (change) => {
      if (this.client === client) {
        this.store.applyChange(change);
      }
    });
    this.store.load(() => client.request0(CatalogListRequest).then(clustersOf)).catch((error: unknown) => {
      if (this.client === client) {
        this.onError(error);
      }
    });
  }
}

function clustersOf(result: CatalogListResult): CatalogListResult['clusters'] {
  return result.clusters;
}
