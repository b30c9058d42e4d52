import type { ClusterCommandTargets } from '../../../extension/src/commands/clusterCommands';
import { CatalogStore } from '../../../extension/src/catalog/catalogStore';
import { ClusterConnections } from '../../../extension/src/clusters/clusterConnections';
import { ClusterFocus } from '../../../extension/src/clusters/clusterFocus';
import { ClusterStore } from '../../../extension/src/clusters/clusterStore';
import { entry } from './catalogEntries';
import { FakeClusterClient, FakeSidecar } from './fakeClusterClient';

/**
 * What the command and view adapters are built from, over a fake sidecar whose client the test answers: a catalog
 * with the named entries (ids `id-<name>`), the cluster store, ClusterConnections, the focus, and a log channel that
 * counts `show()`.
 */
export function clusterFixture(...names: string[]) {
  const catalog = new CatalogStore();
  catalog.applyChange({ added: names.map((name) => entry(name)), updated: [], removed: [] });
  const sidecar = new FakeSidecar();
  const client = new FakeClusterClient();
  sidecar.ready(client);
  const clusters = new ClusterStore();
  const connections = new ClusterConnections(clusters, sidecar);
  const shown = { count: 0 };
  // Only `show` is used by the commands; the rest of the channel never runs here.
  const log = { show: () => (shown.count += 1) } as unknown as ClusterCommandTargets['log'];
  return { catalog, sidecar, client, clusters, connections, focus: new ClusterFocus(), log, shown };
}
