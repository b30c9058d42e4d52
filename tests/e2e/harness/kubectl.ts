// The real kubectl (on PATH) against a kubeconfig, for tests that change the cluster the way a user does: through
// Kubelink's proxy kubeconfig, or around Kubelink through the simulator's own kubeconfig.
import { execFile } from 'node:child_process';

/** Runs `kubectl --kubeconfig <file> ...args`, `stdin` piped in; resolves with stdout, rejects with stderr and the exit code. */
export function kubectl(kubeconfig: string, args: string[], stdin?: string, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('kubectl', ['--kubeconfig', kubeconfig, ...args], { timeout: timeoutMs, env: { ...process.env, KUBECONFIG: undefined } }, (err, stdout, stderr) => {
      if (err) {
        const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'kubectl is not on PATH' : `exit ${String(err.code ?? err.signal)}`;
        reject(new Error(`e2e: kubectl ${args.join(' ')} failed (${why}): ${stderr.trim() || stdout.trim()}`));
        return;
      }
      resolve(stdout);
    });
    child.stdin?.end(stdin ?? '');
  });
}

/** A minimal Pod manifest (the simulator schedules nothing: the pod stays as written). */
export function podManifest(namespace: string, name: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app: 'kubelink-e2e' } },
    spec: { containers: [{ name: 'main', image: 'registry.sim.kubelink.dev/e2e:1.0.0' }] },
  });
}

/** Names of the pods the cluster holds, as kubectl sees them through `kubeconfig`, sorted. */
export async function podNames(kubeconfig: string): Promise<string[]> {
  const out = await kubectl(kubeconfig, ['get', 'pods', '-A', '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\n"}{end}']);
  return out.split('\n').filter((n) => n !== '').sort();
}
