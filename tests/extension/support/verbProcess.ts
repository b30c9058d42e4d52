// A headless sidecar verb (`gateway`, `listener`) as a child process in its own process group, resolved once it prints the
// line its caller waits for (the verbs print exactly one such line on stdout).
import { spawn, type ChildProcess } from 'node:child_process';
import { repoRoot, sidecarDll } from './simulatorProcess';

export interface VerbProcess {
  /** The first match of the awaited pattern's group 1 (e.g. the gateway's URL). */
  readonly value: string;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  kill(): void;
}

export function startVerb(args: string[], env: NodeJS.ProcessEnv, pattern: RegExp, timeoutMs = 60_000): Promise<VerbProcess> {
  const child: ChildProcess = spawn('dotnet', [sidecarDll, ...args], { cwd: repoRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  const kill = (): void => {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  };
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      kill();
      reject(new Error(`${args[0]} did not print ${String(pattern)} within ${timeoutMs} ms; it printed: ${printed}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      printed += chunk.toString();
      const value = pattern.exec(printed)?.[1];
      if (value !== undefined) {
        clearTimeout(timer);
        resolvePromise({ value, output: () => printed, kill });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${args[0]} exited (${code ?? signal}); it printed: ${printed}`));
    });
  });
}

/** Polls an asynchronous condition every 100 ms; rejects after `timeoutMs` with the last failure. A bound, not a sleep. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms (${String(last)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
