/**
 * Time, injected: the supervisor's back-off and the shutdown grace period read it from here, so unit tests drive a
 * fake clock and never sleep.
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Opaque to callers; each clock decides what a handle is (Node's Timeout, a fake's id). */
export type TimerHandle = object;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Waits for `promise` at most `ms` on `clock`; answers `'timeout'` when time ran out. Used to bound waits (an answer
 * to `shutdown`, a process exit), never to pace work. The timer is cleared either way so it cannot hold Node open.
 */
export async function withTimeout<T>(clock: Clock, promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let handle: TimerHandle | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    handle = clock.setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([promise, timedOut]);
  } finally {
    if (handle !== undefined) {
      clock.clearTimeout(handle);
    }
  }
}
