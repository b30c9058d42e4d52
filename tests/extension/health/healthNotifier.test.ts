// The health adapters against the fake `vscode`: one progress notification per disconnection episode, updated in
// place and closed at recovery with one "Reconnected to X"; a credentials episode is one warning; the focused
// cluster's status-bar item follows health with the matching theme colours, and its click offers the cluster's actions.
import { fake } from '../support/installFakeVscode';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CatalogStore } from '../../../extension/src/catalog/catalogStore';
import { ClusterFocus } from '../../../extension/src/clusters/clusterFocus';
import { ClusterStore } from '../../../extension/src/clusters/clusterStore';
import { registerHealthCommands } from '../../../extension/src/commands/healthCommands';
import { createHealthNotifier } from '../../../extension/src/health/healthNotifier';
import { clusterStatusItemId, CommandIds } from '../../../extension/src/ids';
import { createClusterStatusBar } from '../../../extension/src/status/clusterStatusBar';
import { entry } from '../support/catalogEntries';
import { info } from '../support/clusterInfo';
import { clusterFixture } from '../support/clusterFixture';
import { settle } from '../support/fakeSidecar';
import { health } from '../support/health';

const { record } = fake;

/** Lets the queued promise callbacks run until `check` holds (no time passes); fails if it never does. */
async function settledUntil(check: () => boolean): Promise<void> {
  for (let turn = 0; turn < 50 && !check(); turn++) {
    await settle();
  }
  assert.ok(check(), 'not reached after the queued work ran');
}

function setUp(): { catalog: CatalogStore; clusters: ClusterStore; focus: ClusterFocus; dispose: () => void } {
  const catalog = new CatalogStore();
  catalog.applyChange({ added: [entry('prod'), entry('dev')], updated: [], removed: [] });
  const clusters = new ClusterStore();
  const focus = new ClusterFocus();
  const notifier = createHealthNotifier(catalog, clusters);
  const bar = createClusterStatusBar(catalog, clusters, focus);
  const dispose = (): void => {
    notifier.dispose();
    bar.dispose();
  };
  return { catalog, clusters, focus, dispose };
}

test('a flapping cluster: one progress notification per episode, updated in place, then "Reconnected"', async () => {
  record.progress.length = 0;
  record.messages.length = 0;
  const { clusters, dispose } = setUp();
  clusters.applyInfo(info('id-prod', 'ready', { health: health('id-prod', 'ready') }));
  assert.deepEqual(record.progress, []);

  for (let generation = 1; generation <= 50; generation++) {
    clusters.applyHealth(health('id-prod', 'disconnected', { generation }));
    clusters.applyHealth(health('id-prod', 'reconnecting', { generation, attempt: 1, nextRetryMs: 500 }));
    clusters.applyHealth(health('id-prod', 'reconnecting', { generation, attempt: 2, nextRetryMs: 1000 }));
    clusters.applyHealth(health('id-prod', 'ready', { generation: generation + 1 }));
  }
  await record.until(() => record.progress.every((p) => p.done));
  assert.equal(record.progress.length, 50);
  assert.deepEqual(record.progress[0], {
    title: 'Lost connection to prod: connection refused. Reconnecting…',
    messages: ['checking…', 'attempt 1 in 0.5 s', 'attempt 2 in 1 s'],
    done: true,
  });
  assert.deepEqual(new Set(record.messages), new Set(['info: Reconnected to prod']));
  assert.equal(record.messages.length, 50);
  dispose();
});

test('expired credentials: one warning however often it fails; disconnecting ends the episode silently', () => {
  record.progress.length = 0;
  record.messages.length = 0;
  const { clusters, dispose } = setUp();
  clusters.applyInfo(info('id-dev', 'ready', { health: health('id-dev', 'ready') }));
  for (let attempt = 1; attempt <= 5; attempt++) {
    clusters.applyHealth(health('id-dev', 'unauthorized', { cause: 'unauthorized', attempt }));
  }
  assert.equal(record.messages.length, 1);
  assert.match(record.messages[0] ?? '', /^warning: Kubelink cannot use the credentials for dev/);
  clusters.applyDisconnected('id-dev');
  assert.equal(record.messages.length, 1, 'no "Reconnected" after a disconnect');
  assert.equal(record.progress.length, 0);
  dispose();
});

test('a progress notification closes when the sidecar session ends (store reset)', async () => {
  record.progress.length = 0;
  const { clusters, dispose } = setUp();
  clusters.applyInfo(info('id-prod', 'ready', { health: health('id-prod', 'ready') }));
  clusters.applyHealth(health('id-prod', 'disconnected'));
  assert.equal(record.progress[0]?.done, false);
  clusters.reset();
  await record.until(() => record.progress[0]?.done === true);
  dispose();
});

test('the cluster status-bar item shows the focused cluster in the colour of its health', () => {
  const { clusters, focus, dispose } = setUp();
  const item = record.statusItems.findLast((i) => i.id === clusterStatusItemId);
  assert.ok(item);
  assert.equal(item.visible, false, 'hidden while nothing is connected');
  clusters.beginActivation('id-prod');
  assert.deepEqual([item.visible, item.text, (item.backgroundColor as { id: string }).id], [true, '$(sync~spin) prod: connecting…', 'statusBarItem.warningBackground']);
  clusters.applyInfo(info('id-prod', 'ready', { health: health('id-prod', 'ready') }));
  clusters.applyInfo(info('id-dev', 'ready', { health: health('id-dev', 'ready') }));
  assert.deepEqual([item.text, item.backgroundColor], ['$(pass) prod', undefined]);
  focus.set('id-dev');
  assert.equal(item.text, '$(pass) dev');
  clusters.applyHealth(health('id-dev', 'reconnecting', { attempt: 3 }));
  assert.deepEqual([item.text, (item.backgroundColor as { id: string }).id], ['$(sync~spin) dev: reconnecting (attempt 3)', 'statusBarItem.warningBackground']);
  clusters.applyHealth(health('id-dev', 'unauthorized', { cause: 'unauthorized' }));
  assert.deepEqual([item.text, (item.backgroundColor as { id: string }).id], ['$(key) dev: unauthorized', 'statusBarItem.errorBackground']);
  assert.deepEqual(item.command, { command: 'kubelink.clusterActions', title: 'Kubelink cluster', arguments: ['id-dev'] });
  clusters.applyDisconnected('id-dev');
  assert.equal(item.text, '$(pass) prod', 'back to the other connected cluster');
  clusters.applyDisconnected('id-prod');
  assert.equal(item.visible, false);
  dispose();
});

test('the status item click offers Reconnect Now, Disconnect and Show Log; each reaches the sidecar or the log', async () => {
  const { log, shown, catalog, connections, focus, client, clusters } = clusterFixture('prod');
  const commands = registerHealthCommands({ log, catalog, connections, focus });
  clusters.applyInfo(info('id-prod', 'ready', { health: health('id-prod', 'reconnecting', { attempt: 2 }) }));

  const offered: string[] = [];
  const pick = (label: string) => (items: readonly unknown[]) => {
    offered.splice(0, offered.length, ...(items as Array<{ label: string }>).map((i) => i.label));
    return (items as Array<{ label: string }>).find((i) => i.label.endsWith(label));
  };
  record.answers.quickPick.push(pick('Reconnect Now'));
  const reconnecting = fake.api.commands.executeCommand(CommandIds.clusterActions, 'id-prod');
  await settledUntil(() => client.calls.length === 1);
  assert.deepEqual(offered, ['$(refresh) Reconnect Now', '$(debug-disconnect) Disconnect', '$(output) Show Log']);
  assert.deepEqual([client.calls[0]?.method, client.calls[0]?.params], ['cluster/reconnect', { clusterId: 'id-prod' }]);
  client.calls[0]?.resolve(health('id-prod', 'ready', { generation: 2 }));
  await reconnecting;
  assert.deepEqual([clusters.get('id-prod').health?.state, focus.id], ['ready', 'id-prod']);
  // Back from reconnecting: the ClusterInfo is read again (see ClusterConnections).
  assert.equal(client.calls[1]?.method, 'cluster/get');
  client.calls[1]?.resolve(info('id-prod', 'ready', { health: health('id-prod', 'ready', { generation: 2 }) }));

  record.answers.quickPick.push(pick('Show Log'));
  await fake.api.commands.executeCommand(CommandIds.clusterActions, 'id-prod');
  assert.equal(shown.count, 1);

  record.answers.quickPick.push(pick('Disconnect'));
  const disconnecting = fake.api.commands.executeCommand(CommandIds.clusterActions, 'id-prod');
  await settledUntil(() => client.calls.length === 3);
  assert.deepEqual([client.calls[2]?.method, client.calls[2]?.params], ['cluster/deactivate', { clusterId: 'id-prod' }]);
  client.calls[2]?.resolve(null);
  await disconnecting;
  assert.equal(clusters.get('id-prod').status, 'disconnected');

  // A failed cluster has no connection to reconnect: the same item connects it.
  clusters.applyFailure('id-prod', 'connection refused');
  let connected: unknown;
  const connect = fake.api.commands.registerCommand(CommandIds.connect, (id: unknown) => (connected = id));
  record.answers.quickPick.push(pick('Reconnect Now'));
  await fake.api.commands.executeCommand(CommandIds.clusterActions, 'id-prod');
  assert.equal(connected, 'id-prod');
  assert.equal(client.calls.length, 3, 'no cluster/reconnect for a failed cluster');
  connect.dispose();
  commands.dispose();
  connections.dispose();
});
