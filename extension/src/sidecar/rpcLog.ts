import { errorCode, errorMessage } from './errors';
import type { Logger } from './logger';

/**
 * Every request to the sidecar goes through here, so the log shows each call's method, duration and outcome the same
 * way: a slow or failing call is found by grepping its method name.
 */
export async function loggedCall<T>(log: Logger, method: string, call: () => Promise<T>, now: () => number = performance.now.bind(performance)): Promise<T> {
  const started = now();
  log.trace(`→ ${method}`);
  try {
    const result = await call();
    log.debug(`← ${method} ok in ${elapsed(started, now)} ms`);
    return result;
  } catch (error) {
    const code = errorCode(error);
    log.warn(`← ${method} failed in ${elapsed(started, now)} ms${code === undefined ? '' : ` with code ${code}`}: ${errorMessage(error)}`);
    throw error;
  }
}

function elapsed(started: number, now: () => number): number {
  return Math.round(now() - started);
}
