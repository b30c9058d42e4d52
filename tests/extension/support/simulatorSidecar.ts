// The extension's side of the integration tests, as ctx.ts wires it but without VS Code: the real sidecar under a
// Supervisor, reading the simulator's admin kubeconfig, and the catalog and cluster stores fed by it. Tests add what
// they exercise (connections, views) before `start()`, so every listener is in place when the first session comes.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { CatalogStore } from '../../../extension/src/catalog/catalogStore';
import { CatalogSync } from '../../../extension/src/catalog/catalogSync';
import { ClusterStore } from '../../../extension/src/clusters/clusterStore';
import type { SidecarSettings } from '../../../extension/src/protocol';
import { createLauncher } from '../../../extension/src/sidecar/launcher';
import type { SidecarSession } from '../../../extension/src/sidecar/session';
import { Supervisor } from '../../../extension/src/sidecar/supervisor';
import { RecordingLogger } from './recordingLogger';
import { repoRoot, until, type SimulatorProcess } from './simulatorProcess';

export const ADMIN_CONTEXT = 'kubelink-sim-admin';

export interface SimulatorSidecar {
  readonly log: RecordingLogger;
  readonly supervisor: Supervisor<SidecarSession>;
  readonly catalog: CatalogStore;
  readonly clusters: ClusterStore;
  /** Starts the sidecar; resolves with the admin context's catalog id once the catalog lists it. */
  start(): Promise<string>;
  /** Stops the catalog sync and the sidecar (the test disposes what it added itself). */
  dispose(): Promise<void>;
}

export function simulatorSidecar(sim: SimulatorProcess, env: NodeJS.ProcessEnv, settings: Omit<SidecarSettings, 'kubeconfigSyncPaths'> = {}): SimulatorSidecar {
  const log = new RecordingLogger();
  const launch = createLauncher({
    extensionPath: repoRoot,
    config: () => ({ sidecarPath: undefined, settings: { kubeconfigSyncPaths: [], ...settings } }),
    clientVersion: '0.0.0-test',
    log,
    env: { ...env, KUBECONFIG: join(sim.kubeconfigDir, 'admin.kubeconfig') },
  });
  const supervisor = new Supervisor<SidecarSession>({ launch, log });
  const catalog = new CatalogStore();
  const sync = new CatalogSync(catalog, supervisor, (error) => assert.fail(`catalog: ${String(error)}`));
  const clusters = new ClusterStore();
  return {
    log,
    supervisor,
    catalog,
    clusters,
    async start() {
      const listed = until(catalog.onDidChange, () => catalog.entries.some((e) => e.contextName === ADMIN_CONTEXT), () => catalog.entries);
      await supervisor.start();
      await listed;
      return catalog.entries.find((e) => e.contextName === ADMIN_CONTEXT)?.id ?? assert.fail('no admin entry');
    },
    async dispose() {
      sync.dispose();
      await supervisor.stop();
    },
  };
}
