// Cluster activation end to end without VS Code: the simulator serves a Kubernetes API, the real sidecar reads its
// admin kubeconfig (KUBECONFIG in a throwaway HOME), ClusterConnections activates the catalog entry while the store
// records every cluster/status and cluster/stage, and plain kubectl works through the proxy kubeconfig. Waits are on
// process output and store events, each bounded so a hang fails with what was seen.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { ClusterConnections } from '../../../extension/src/clusters/clusterConnections';
import type { ClusterState } from '../../../extension/src/clusters/clusterStore';
import { isolatedHome } from '../support/isolatedHome';
import { simulatorSidecar } from '../support/simulatorSidecar';
import { startSimulator, until, type SimulatorProcess } from '../support/simulatorProcess';

const isolated = isolatedHome('kubelink-ext-cluster-');
const kubeconfigDir = join(isolated.home, 'sim');
let simulator: SimulatorProcess | undefined;

after(() => {
  simulator?.kill();
  isolated.dispose();
});

describe('cluster activation against the simulator', { timeout: 180_000 }, () => {
  test('connects through the store, logs every stage up to ready, and kubectl works with the proxy kubeconfig', async () => {
    simulator = await startSimulator(kubeconfigDir, isolated.env);
    assert.ok(existsSync(join(kubeconfigDir, 'admin.kubeconfig')), 'the simulator wrote admin.kubeconfig');

    const side = simulatorSidecar(simulator, isolated.env);
    const { catalog, clusters } = side;
    const connections = new ClusterConnections(clusters, side.supervisor);
    try {
      const id = await side.start();
      assert.equal(catalog.entries.find((e) => e.id === id)?.state, 'valid');

      // Everything the store goes through, as the tree would render it.
      const seen: Array<Pick<ClusterState, 'status'> & { stages: string[] }> = [];
      clusters.onDidChange((changed) => {
        if (changed === id) {
          const state = clusters.get(id);
          seen.push({ status: state.status, stages: state.stages.map((s) => s.stage) });
        }
      });

      const activation = connections.activate(id);
      assert.equal(connections.activate(id), activation, 'connecting twice is one activation');
      assert.equal(clusters.get(id).status, 'connecting', 'the tree spins at once');
      const info = await activation;
      await until(clusters.onDidChange, () => clusters.get(id).status === 'ready', () => clusters.get(id));

      const state = clusters.get(id);
      assert.equal(info.status, 'ready');
      assert.equal(state.status, 'ready');
      assert.equal(state.error, undefined);
      const stages = state.stages.map((s) => s.stage);
      assert.equal(stages[0], 'proxy');
      assert.ok(stages.includes('version'), stages.join());
      assert.equal(stages.at(-1), 'ready', `stages: ${stages.join(', ')}`);
      assert.ok(state.stages.every((s) => s.level !== 'error'), JSON.stringify(state.stages));
      const statuses = seen.map((s) => s.status).filter((s, i, all) => s !== all[i - 1]);
      assert.deepEqual(statuses, ['connecting', 'accessible', 'ready']);
      assert.match(state.info?.proxyUrl ?? '', /^https:\/\/127\.0\.0\.1:\d+\/clusters\//);
      const proxyKubeconfig = state.info?.proxyKubeconfigPath;
      assert.ok(proxyKubeconfig && existsSync(proxyKubeconfig), `proxy kubeconfig: ${proxyKubeconfig}`);

      // Plain kubectl through the proxy: its own CA and token, nothing of the admin kubeconfig.
      const { stdout } = await promisify(execFile)('kubectl', ['get', 'ns', '-o', 'name'], {
        env: { ...isolated.env, KUBECONFIG: proxyKubeconfig },
        timeout: 60_000,
      });
      assert.match(stdout, /^namespace\/default$/m);

      // Disconnect: the route and the file go, the cluster reads as the catalog entry again.
      await connections.deactivate(id);
      assert.equal(clusters.get(id).status, 'disconnected');
      assert.equal(existsSync(proxyKubeconfig), false, 'the proxy kubeconfig is deleted');
    } finally {
      connections.dispose();
      await side.dispose();
    }
  });

  test('a sidecar that crashes comes back, and the cluster that was connected reconnects by itself through a new proxy', async () => {
    simulator ??= await startSimulator(kubeconfigDir, isolated.env);
    const side = simulatorSidecar(simulator, isolated.env);
    const { clusters, supervisor } = side;
    const restored: string[][] = [];
    // Wired as ctx.ts wires it: the ids that were connected when the last session ended are activated again.
    const connections: ClusterConnections = new ClusterConnections(clusters, supervisor, (ids) => {
      restored.push([...ids]);
      for (const id of ids) void connections.activate(id).catch(() => undefined);
    });
    try {
      const id = await side.start();
      await connections.activate(id);
      const firstPid = supervisor.session?.info.capabilities.processId ?? assert.fail('no session');

      process.kill(firstPid, 'SIGKILL'); // a crash: no shutdown, no goodbye
      await until(supervisor.onDidChangeState, () => supervisor.state.kind === 'ready' && supervisor.session?.info.capabilities.processId !== firstPid, () => supervisor.state, 120_000);
      // Ready, with the activation's answer in (the ready status notification comes just before it).
      await until(clusters.onDidChange, () => clusters.get(id).status === 'ready' && typeof clusters.get(id).info?.proxyKubeconfigPath === 'string', () => clusters.get(id), 120_000);

      assert.deepEqual(restored, [[id]], 'one restore, of the cluster that was connected');
      const proxyKubeconfig = clusters.get(id).info?.proxyKubeconfigPath;
      assert.ok(proxyKubeconfig && existsSync(proxyKubeconfig), `new proxy kubeconfig: ${proxyKubeconfig}`);
      const { stdout } = await promisify(execFile)('kubectl', ['get', 'ns', '-o', 'name'], {
        env: { ...isolated.env, KUBECONFIG: proxyKubeconfig },
        timeout: 60_000,
      });
      assert.match(stdout, /^namespace\/default$/m, 'kubectl works through the new sidecar\'s proxy');
    } finally {
      connections.dispose();
      await side.dispose();
    }
  });
});
