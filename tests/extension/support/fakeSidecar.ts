import type { ProcessExit } from '../../../extension/src/sidecar/process';
import type { SupervisedSession } from '../../../extension/src/sidecar/supervisor';
import { protocolVersion, type InitializeResult } from '../../../extension/src/protocol';

/** A session without a process: the test decides when it "crashes". */
export class FakeSession implements SupervisedSession {
  readonly info: InitializeResult;
  readonly exited: Promise<ProcessExit>;
  stopped = false;
  private resolveExit!: (exit: ProcessExit) => void;

  constructor(processId: number) {
    this.info = { serverVersion: '9.9.9', protocolVersion, capabilities: { methods: ['initialize'], processId, logDirectory: '/tmp/logs', features: [] } };
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
  }

  /** The process dies on its own, as if killed. */
  crash(exit: ProcessExit = { code: null, signal: 'SIGKILL' }): void {
    this.resolveExit(exit);
  }

  stop(): Promise<void> {
    this.stopped = true;
    this.resolveExit({ code: 0, signal: null });
    return Promise.resolve();
  }
}

/**
 * The supervisor's injected launch: each call starts a new FakeSession (pid 1001, 1002…) unless the test queued a
 * failure or a still-pending launch for it.
 */
export class FakeLauncher {
  readonly sessions: FakeSession[] = [];
  private readonly queue: Array<() => Promise<FakeSession>> = [];
  calls = 0;

  readonly launch = (): Promise<FakeSession> => {
    this.calls += 1;
    return this.queue.shift()?.() ?? Promise.resolve(this.newSession());
  };

  get last(): FakeSession {
    const session = this.sessions.at(-1);
    if (!session) {
      throw new Error('no session launched yet');
    }
    return session;
  }

  failNext(error: unknown, times = 1): void {
    for (let i = 0; i < times; i++) {
      this.queue.push(() => Promise.reject(error instanceof Error ? error : new Error(String(error))));
    }
  }

  /** The next launch waits until the returned function is called, so a test can act while it is in flight. */
  holdNext(): () => void {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    this.queue.push(async () => {
      await gate;
      return this.newSession();
    });
    return () => release();
  }

  private newSession(): FakeSession {
    const session = new FakeSession(1001 + this.sessions.length);
    this.sessions.push(session);
    return session;
  }
}

/** Lets promise callbacks that are already queued run (not a sleep: no time passes on any clock). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
