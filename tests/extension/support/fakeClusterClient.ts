import type { NotificationType, RequestType } from 'vscode-jsonrpc';
import type { ClusterClient } from '../../../extension/src/clusters/clusterConnections';
import { Emitter } from '../../../extension/src/sidecar/events';
import type { SidecarState } from '../../../extension/src/sidecar/state';

/** A client whose requests the test answers, and whose notifications it sends. */
export class FakeClusterClient implements ClusterClient {
  readonly calls: Array<{ method: string; params: unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void }> = [];
  private readonly handlers = new Map<string, (params: unknown) => void>();

  request<P, R>(type: RequestType<P, R, unknown>, params: P): Promise<R> {
    return new Promise<R>((resolve, reject) => this.calls.push({ method: type.method, params, resolve: resolve as (value: unknown) => void, reject }));
  }

  onNotification<P>(type: NotificationType<P>, handler: (params: P) => void): { dispose(): void } {
    this.handlers.set(type.method, handler as (params: unknown) => void);
    return { dispose: () => this.handlers.delete(type.method) };
  }

  send(method: string, params: unknown): void {
    this.handlers.get(method)?.(params);
  }

  get subscribed(): string[] {
    return [...this.handlers.keys()].sort();
  }
}

export class FakeSidecar {
  state: SidecarState = { kind: 'starting', restart: 0 };
  session: { client: FakeClusterClient; info?: { capabilities: { features: string[] } } } | undefined;
  private readonly emitter = new Emitter<SidecarState>();
  readonly onDidChangeState = this.emitter.event;

  /** A ready session; with `features`, its initialize answer lists them (without, it is an older sidecar's). */
  ready(client: FakeClusterClient, features?: string[]): void {
    this.session = features ? { client, info: { capabilities: { features } } } : { client };
    this.state = { kind: 'ready', info: { serverVersion: '1', protocolVersion: 1, capabilities: { methods: [], processId: 1, logDirectory: '/tmp', features: [] } } };
    this.emitter.fire(this.state);
  }

  restarting(): void {
    this.session = undefined;
    this.state = { kind: 'restarting', attempt: 1, delayMs: 500, reason: 'killed' };
    this.emitter.fire(this.state);
  }
}
