import type { InitializeResult } from '../protocol';
import { format, type Translate } from '../strings';
import { systemClock, type Clock, type TimerHandle } from './clock';
import { errorMessage, IncompatibleSidecarError, SidecarStartError } from './errors';
import { Emitter, type Disposable } from './events';
import { nullLogger, type Logger } from './logger';
import { describeExit, type ProcessExit } from './process';
import { defaultRestartPolicy, RestartPolicy, type RestartPolicyOptions } from './restartPolicy';
import type { SidecarState } from './state';

/** What the supervisor needs of a session; the real one (session.ts) also carries the client. */
export interface SupervisedSession {
  readonly info: InitializeResult;
  readonly exited: Promise<ProcessExit>;
  stop(graceMs?: number): Promise<void>;
}

export interface SupervisorOptions<S extends SupervisedSession> {
  /**
   * Spawns a sidecar and completes `initialize`; rejects with `IncompatibleSidecarError` (never retried),
   * `SidecarStartError` (retried when `retryable`) or anything else (retried). Injected so tests use fakes.
   */
  readonly launch: () => Promise<S>;
  readonly clock?: Clock;
  readonly policy?: RestartPolicyOptions;
  readonly log?: Logger;
  readonly t?: Translate;
}

/**
 * Keeps one sidecar running: starts it, restarts it with back-off when it dies, gives up when it keeps dying, and
 * never retries a protocol mismatch. Knows nothing of VS Code; the UI follows `onDidChangeState`.
 */
export class Supervisor<S extends SupervisedSession> implements Disposable {
  private current: S | undefined;
  private currentState: SidecarState = { kind: 'stopped' };
  private readyAt = 0;
  private timer: TimerHandle | undefined;
  private inFlight: Promise<void> | undefined;
  /** Bumped by every start and stop: async work begun under an older generation is discarded when it lands. */
  private generation = 0;
  private readonly policy: RestartPolicy;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly t: Translate;
  private readonly emitter = new Emitter<SidecarState>();

  readonly onDidChangeState = this.emitter.event;

  constructor(private readonly options: SupervisorOptions<S>) {
    this.policy = new RestartPolicy(options.policy ?? defaultRestartPolicy);
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? nullLogger;
    this.t = options.t ?? format;
  }

  get state(): SidecarState {
    return this.currentState;
  }

  /** The running session, only while `ready`. */
  get session(): S | undefined {
    return this.currentState.kind === 'ready' ? this.current : undefined;
  }

  /** True while a restart is scheduled; lets tests prove that nothing will be retried. */
  get restartPending(): boolean {
    return this.timer !== undefined;
  }

  /** Starts the sidecar unless it is already starting, running or about to restart. Settles when this attempt does. */
  start(): Promise<void> {
    if (this.currentState.kind === 'starting' || this.currentState.kind === 'ready' || this.currentState.kind === 'restarting') {
      return this.inFlight ?? Promise.resolve();
    }
    this.policy.reset();
    return this.launch(0);
  }

  /** The user's "Restart Sidecar": stop whatever runs, forget past crashes, start afresh. */
  async restart(): Promise<void> {
    await this.stop();
    this.policy.reset();
    await this.launch(0);
  }

  /** Stops the sidecar (politely, see SidecarSession.stop) and cancels any scheduled restart. */
  async stop(): Promise<void> {
    this.generation += 1;
    this.cancelTimer();
    const session = this.current;
    this.current = undefined;
    if (this.currentState.kind !== 'stopped') {
      this.setState({ kind: 'stopped' });
    }
    // A launch still in flight stops its own session when it lands (its generation is stale); wait for that too.
    await Promise.all([session?.stop(), this.inFlight]);
  }

  dispose(): void {
    this.generation += 1;
    this.cancelTimer();
    this.emitter.dispose();
  }

  private launch(restart: number): Promise<void> {
    const attempt = this.launchOnce(restart).catch((error: unknown) => this.log.error(`Sidecar supervision failed: ${errorMessage(error)}`));
    this.inFlight = attempt;
    return attempt;
  }

  private async launchOnce(restart: number): Promise<void> {
    const generation = ++this.generation;
    this.setState({ kind: 'starting', restart });
    let session: S;
    try {
      session = await this.options.launch();
    } catch (error) {
      if (generation === this.generation) {
        this.onFailure(error, 0);
      }
      return;
    }
    if (generation !== this.generation) {
      await session.stop();
      return;
    }
    this.current = session;
    this.readyAt = this.clock.now();
    const { serverVersion, protocolVersion, capabilities } = session.info;
    this.log.info(`Sidecar ${capabilities.processId} ready: version ${serverVersion}, protocol ${protocolVersion}, log folder ${capabilities.logDirectory}`);
    this.setState({ kind: 'ready', info: session.info });
    void session.exited.then((exit) => {
      // A session we stopped on purpose is no longer current; only an unexpected end counts as a crash.
      if (this.current === session) {
        this.current = undefined;
        this.onFailure(exit, this.clock.now() - this.readyAt);
      }
    });
  }

  private onFailure(failure: unknown, uptimeMs: number): void {
    if (failure instanceof IncompatibleSidecarError) {
      this.log.error(`Sidecar is incompatible; not restarting it: ${failure.message}`);
      this.setState({ kind: 'incompatible', message: failure.message });
      return;
    }
    const reason = failure instanceof Error ? failure.message : isProcessExit(failure) ? describeExit(failure, this.t) : String(failure);
    if (failure instanceof SidecarStartError && !failure.retryable) {
      this.log.error(`Sidecar cannot start; not retrying: ${reason}`);
      this.setState({ kind: 'crashed', cause: 'cannotStart', reason, crashes: 1 });
      return;
    }
    const decision = this.policy.onCrash(uptimeMs);
    if (decision.kind === 'giveUp') {
      this.log.error(`Sidecar failed ${decision.crashes} times in quick succession; not restarting it again. Last failure: ${reason}`);
      this.setState({ kind: 'crashed', cause: 'gaveUp', reason, crashes: decision.crashes });
      return;
    }
    this.log.warn(`Sidecar stopped unexpectedly (${reason}); restart ${decision.attempt} in ${decision.delayMs} ms`);
    this.setState({ kind: 'restarting', attempt: decision.attempt, delayMs: decision.delayMs, reason });
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.launch(decision.attempt);
    }, decision.delayMs);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private setState(state: SidecarState): void {
    this.currentState = state;
    this.emitter.fire(state);
  }
}

function isProcessExit(value: unknown): value is ProcessExit {
  return typeof value === 'object' && value !== null && 'code' in value && 'signal' in value;
}
