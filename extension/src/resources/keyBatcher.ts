import type { Clock, TimerHandle } from '../sidecar/clock';

/**
 * Collects the keys that changed and hands them over once per `delayMs`: a burst of `resources/changed` (a rollout,
 * a reset of a big list) becomes one redraw per node instead of one per event. The clock is injected for the tests.
 */
export class KeyBatcher {
  private readonly keys = new Set<string>();
  private timer: TimerHandle | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly delayMs: number,
    private readonly flush: (keys: readonly string[]) => void,
  ) {}

  add(key: string): void {
    this.keys.add(key);
    this.timer ??= this.clock.setTimeout(() => {
      this.timer = undefined;
      const keys = [...this.keys];
      this.keys.clear();
      if (keys.length > 0) {
        this.flush(keys);
      }
    }, this.delayMs);
  }

  /** A key whose node is gone: nothing to redraw. */
  forget(key: string): void {
    this.keys.delete(key);
  }

  dispose(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.keys.clear();
  }
}
