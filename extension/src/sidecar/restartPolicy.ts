/**
 * When to restart a crashed sidecar: exponential back-off (0.5 s, 1 s, 2 s … capped), a clean slate after a healthy
 * run, and giving up after too many quick crashes in a row, because a sidecar that dies on every start only burns
 * CPU and floods the log until the user fixes something.
 */
export interface RestartPolicyOptions {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** A session that ran at least this long was healthy; its crash starts the count afresh. */
  readonly healthyAfterMs: number;
  /** This many quick crashes in a row and we stop restarting. */
  readonly maxQuickCrashes: number;
}

export const defaultRestartPolicy: RestartPolicyOptions = {
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  healthyAfterMs: 60_000,
  maxQuickCrashes: 8,
};

export type RestartDecision =
  | { readonly kind: 'restart'; readonly attempt: number; readonly delayMs: number }
  | { readonly kind: 'giveUp'; readonly crashes: number };

export class RestartPolicy {
  private crashes = 0;

  constructor(private readonly options: RestartPolicyOptions = defaultRestartPolicy) {}

  /** Records a crash of a session that ran for `uptimeMs` (0 when it never got ready) and decides what to do. */
  onCrash(uptimeMs: number): RestartDecision {
    if (uptimeMs >= this.options.healthyAfterMs) {
      this.crashes = 0;
    }
    this.crashes += 1;
    if (this.crashes >= this.options.maxQuickCrashes) {
      return { kind: 'giveUp', crashes: this.crashes };
    }
    return { kind: 'restart', attempt: this.crashes, delayMs: backoffDelay(this.crashes, this.options) };
  }

  /** A deliberate (re)start by the user starts the count afresh. */
  reset(): void {
    this.crashes = 0;
  }
}

/** The wait before restart number `attempt` (1-based): initial · 2^(attempt−1), at most the cap. */
export function backoffDelay(attempt: number, options: Pick<RestartPolicyOptions, 'initialDelayMs' | 'maxDelayMs'>): number {
  return Math.min(options.initialDelayMs * 2 ** (attempt - 1), options.maxDelayMs);
}
