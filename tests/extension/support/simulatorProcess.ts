// The simulator (`kubelink-sidecar simulator`) as a child process for the extension's integration tests, in its own
// process group so `dotnet` and anything it started end together; and the bounded wait those tests share.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from './repoRoot';

export const repoRoot = findRepoRoot(__dirname);
export const sidecarDll = join(repoRoot, 'server', 'Kubelink.Sidecar', 'bin', 'Debug', 'net10.0', 'kubelink-sidecar.dll');

export interface SimulatorProcess {
  /** https://127.0.0.1:PORT */
  readonly url: string;
  /** Where admin.kubeconfig, restricted.kubeconfig and admin-endpoint.json are written. */
  readonly kubeconfigDir: string;
  /** POSTs one of the admin endpoint's fault switches (docs/simulator.md), e.g. `/faults/refuse`. */
  fault(path: string): Promise<void>;
  /** Ends the process group. Idempotent. */
  kill(): void;
}

/** Starts the simulator; resolves once it prints that it listens, rejects if it exits first or takes too long. */
export function startSimulator(kubeconfigDir: string, env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<SimulatorProcess> {
  const child: ChildProcess = spawn('dotnet', [sidecarDll, 'simulator', '--port', '0', '--kubeconfig-dir', kubeconfigDir], {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const kill = (): void => {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  };
  const fault = async (path: string): Promise<void> => {
    const { url, token } = JSON.parse(readFileSync(join(kubeconfigDir, 'admin-endpoint.json'), 'utf8')) as { url: string; token: string };
    const response = await fetch(`${url}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    if (response.status !== 200) throw new Error(`simulator admin ${path}: ${response.status} ${await response.text()}`);
  };
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      kill();
      reject(new Error(`the simulator did not start within ${timeoutMs} ms; it printed: ${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const url = /listening on (https:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolvePromise({ url, kubeconfigDir, fault, kill });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the simulator exited (${code ?? signal}) before it listened; it printed: ${output}`));
    });
  });
}

/** Resolves once `check` holds (now or after a change of `subscribe`'s source); rejects after `timeoutMs` with `show()`. */
export function until(subscribe: (listener: () => void) => { dispose(): void }, check: () => boolean, show: () => unknown, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    if (check()) {
      resolvePromise();
      return;
    }
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`not there within ${timeoutMs} ms: ${JSON.stringify(show(), null, 1)}`));
    }, timeoutMs);
    const subscription = subscribe(() => {
      if (check()) {
        clearTimeout(timer);
        subscription.dispose();
        resolvePromise();
      }
    });
  });
}
