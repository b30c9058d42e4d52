// The session of an e2e file that runs Kubelink itself against a simulator: a throwaway folder for the kubeconfig the
// extension host reads (KUBECONFIG) and Kubelink's own state (KUBELINK_STATE_DIR), so nothing of the machine's ~/.kube
// or of another file's run leaks in, and one stop() that ends the session before the clusters it talked to.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { trackTempDir } from './processes.js';
import { repoRoot } from './paths.js';
import { e2eSession, type E2ESession } from './session.js';
import type { WorkbenchOptions } from './workbench.js';

export interface KubelinkSession {
  /** `$TMPDIR/kl-e2e-<name>-kc-*`, removed by stop() and at exit (also when interrupted). */
  readonly dir: string;
  /** The KUBECONFIG of code-server and so of the extension: write it before `session.start()`. */
  readonly kubeconfig: string;
  readonly session: E2ESession;
  /** Ends the session first (no reconnect noise from a cluster going away), then `parts` in order, then removes dir. */
  stop(...parts: Array<{ stop(): Promise<void> } | undefined>): Promise<void>;
}

/**
 * Kubelink from the repo root in its own code-server, with `settings` merged over the harness defaults; `env(dir)`
 * adds variables for code-server (and so the extension and its sidecar) that name files in the session's dir.
 */
export function kubelinkSession(name: string, settings: Record<string, unknown> = {}, workbench?: WorkbenchOptions, env?: (dir: string) => Record<string, string>): KubelinkSession {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kl-e2e-${name}-kc-`));
  trackTempDir(dir);
  const kubeconfig = path.join(dir, 'kubeconfig.yaml');
  const session = e2eSession(name, {
    extensions: [repoRoot()],
    env: { KUBECONFIG: kubeconfig, KUBELINK_STATE_DIR: path.join(dir, 'state'), ...env?.(dir) },
    settings,
    workbench,
  });
  return {
    dir,
    kubeconfig,
    session,
    stop: async (...parts) => {
      await session.stop();
      for (const part of parts) await part?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
