// End to end without VS Code: the simulator, the real sidecar, ClusterConnections + ResourceViews + EpisodeTracker as
// the extension wires them. A configmaps view is open; the simulator refuses connections (admin endpoint), the store
// goes non-ready with one episode open and the rows stay; it accepts again, the cluster is ready, the episode closes
// once, and a configmap created after recovery reaches the same view without re-opening it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { ClusterConnections } from '../../../extension/src/clusters/clusterConnections';
import { EpisodeTracker, type EpisodeDecision } from '../../../extension/src/health/episodes';
import { ResourceViews } from '../../../extension/src/resources/resourceViews';
import { isolatedHome } from '../support/isolatedHome';
import { simulatorSidecar } from '../support/simulatorSidecar';
import { startSimulator, until, type SimulatorProcess } from '../support/simulatorProcess';

const isolated = isolatedHome('kubelink-ext-health-');
const kubeconfigDir = join(isolated.home, 'sim');
let simulator: SimulatorProcess | undefined;

after(() => {
  simulator?.kill();
  isolated.dispose();
});

test('refused → reconnecting → ready: one episode, rows kept then refreshed, changes after recovery arrive', { timeout: 240_000 }, async () => {
  const sim = (simulator = await startSimulator(kubeconfigDir, isolated.env));
  const side = simulatorSidecar(sim, isolated.env, { healthProbeIntervalSeconds: 0.5, healthProbeTimeoutSeconds: 0.5, reconnectMaxDelaySeconds: 1 });
  const { clusters, supervisor } = side;
  const connections = new ClusterConnections(clusters, supervisor);
  const views = new ResourceViews(clusters, supervisor, { debounceMs: 10 });
  const tracker = new EpisodeTracker();
  const episodes: EpisodeDecision[] = [];
  try {
    const id = await side.start();
    clusters.onDidChange((changed) => {
      const health = changed === id ? clusters.get(id).health : undefined;
      const decision = health && tracker.onHealth('sim', health);
      if (decision) {
        episodes.push(decision);
      }
    });
    await connections.activate(id);
    await until(clusters.onDidChange, () => clusters.get(id).status === 'ready', () => clusters.get(id));

    const key = `${id}/resources/core/configmaps`;
    const ref = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
    views.open(key, id, ref);
    await until(views.onDidChange, () => views.peek(key)?.loading === false, () => views.peek(key));
    const before = views.peek(key)?.rows.length ?? 0;

    // Refuse new connections and reset the open ones, as a server that went away does.
    await sim.fault('/faults/refuse');
    await sim.fault('/faults/drop');
    await until(clusters.onDidChange, () => clusters.get(id).health?.state === 'reconnecting', () => clusters.get(id).health);
    assert.equal(views.peek(key)?.rows.length, before, 'rows stay on screen while the cluster is away');

    await sim.fault('/faults/accept');
    await until(clusters.onDidChange, () => clusters.get(id).health?.state === 'ready', () => clusters.get(id).health);
    assert.deepEqual(episodes.filter((e) => e.kind !== 'update').map((e) => e.kind), ['open', 'close'], 'one episode, one notification');

    await promisify(execFile)('kubectl', ['create', 'configmap', 'after-recovery', '-n', 'default'], { env: { ...isolated.env, KUBECONFIG: join(kubeconfigDir, 'admin.kubeconfig') }, timeout: 60_000 });
    await until(views.onDidChange, () => views.peek(key)?.rows.some((r) => r.name === 'after-recovery') === true, () => views.peek(key));
    assert.equal(views.peek(key)?.stale, false);
  } finally {
    views.dispose();
    connections.dispose();
    await side.dispose();
  }
});
