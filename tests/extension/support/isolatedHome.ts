import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway home folder for a spawned sidecar: it reads `KUBECONFIG`, else `~/.kube/config`, so a test that left
 * either alone would list (and watch) the developer's real clusters. `env` points HOME at the folder, drops KUBECONFIG
 * (spawn skips undefined values) and puts the sidecar's state folder inside it.
 */
export interface IsolatedHome {
  readonly home: string;
  readonly stateDir: string;
  readonly env: NodeJS.ProcessEnv;
  dispose(): void;
}

export function isolatedHome(prefix: string): IsolatedHome {
  const home = mkdtempSync(join(tmpdir(), prefix));
  const stateDir = join(home, 'state');
  return {
    home,
    stateDir,
    env: { ...process.env, HOME: home, USERPROFILE: home, KUBECONFIG: undefined, KUBELINK_STATE_DIR: stateDir },
    dispose: () => rmSync(home, { recursive: true, force: true }),
  };
}

/**
 * For code that spawns with `process.env` itself (the activated extension): sets `patch` on this process's
 * environment and returns the undo. `undefined` deletes a variable (assigning it would store the string "undefined").
 */
export function patchProcessEnv(patch: NodeJS.ProcessEnv): () => void {
  const previous = Object.fromEntries(Object.keys(patch).map((key) => [key, process.env[key]]));
  const apply = (values: NodeJS.ProcessEnv): void => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) {
        delete process.env[key];
      } else {
        process.env[key] = value;
      }
    }
  };
  apply(patch);
  return () => apply(previous);
}
