import type { SidecarState, SidecarStateKind } from '../../../extension/src/sidecar/state';
import type { Event } from '../../../extension/src/sidecar/events';

/**
 * Records a supervisor's state changes and lets a test await the next one of a kind: tests wait on events, never on
 * time. The timeout only turns a hang into a readable failure.
 */
export class StateRecorder {
  readonly states: SidecarState[] = [];
  private waiters: Array<{ kind: SidecarStateKind; resolve: (state: SidecarState) => void }> = [];

  constructor(onDidChangeState: Event<SidecarState>) {
    onDidChangeState((state) => {
      this.states.push(state);
      for (const waiter of [...this.waiters]) {
        if (state.kind === waiter.kind) {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          waiter.resolve(state);
        }
      }
    });
  }

  get kinds(): SidecarStateKind[] {
    return this.states.map((state) => state.kind);
  }

  /** The next `kind` state emitted after this call. */
  next<K extends SidecarStateKind>(kind: K, timeoutMs = 60_000): Promise<Extract<SidecarState, { kind: K }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no '${kind}' state within ${timeoutMs} ms; saw: ${this.kinds.join(' → ')}`)), timeoutMs);
      this.waiters.push({
        kind,
        resolve: (state) => {
          clearTimeout(timer);
          resolve(state as Extract<SidecarState, { kind: K }>);
        },
      });
    });
  }
}
