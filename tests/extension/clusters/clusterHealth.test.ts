// Health in the cluster store and ClusterConnections: `cluster/health` and ClusterInfo.health feed one state per
// cluster, late events from an older connection generation are ignored, Reconnect Now goes to the sidecar, and the
// clusters that were connected when a sidecar session ended are handed back for reconnection by the next one.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ClusterConnections } from '../../../extension/src/clusters/clusterConnections';
import { ClusterStore, isUnhealthy } from '../../../extension/src/clusters/clusterStore';
import { info } from '../support/clusterInfo';
import { FakeClusterClient, FakeSidecar } from '../support/fakeClusterClient';
import { settle } from '../support/fakeSidecar';
import { health } from '../support/health';

describe('ClusterStore health', () => {
  test('ClusterInfo.health seeds it, cluster/health moves it, an older generation is ignored', () => {
    const store = new ClusterStore();
    store.applyInfo(info('a', 'ready', { health: health('a', 'ready', { generation: 1 }) }));
    assert.equal(store.get('a').health?.state, 'ready');
    assert.equal(isUnhealthy(store.get('a')), false);

    store.applyHealth(health('a', 'disconnected', { generation: 1 }));
    store.applyHealth(health('a', 'reconnecting', { generation: 1, attempt: 2 }));
    assert.deepEqual([store.get('a').health?.state, store.get('a').health?.attempt], ['reconnecting', 2]);
    assert.equal(isUnhealthy(store.get('a')), true);

    store.applyHealth(health('a', 'ready', { generation: 2 }));
    // A late failure of the old client (generation 1) must not mark the new connection as lost.
    store.applyHealth(health('a', 'disconnected', { generation: 1, cause: 'reset' }));
    assert.deepEqual([store.get('a').health?.state, store.get('a').health?.generation], ['ready', 2]);
    // An answer that carries no health keeps what the notifications said.
    store.applyInfo(info('a', 'ready'));
    assert.equal(store.get('a').health?.generation, 2);
  });

  test('health of a cluster the store holds as disconnected is dropped; disconnecting forgets it', () => {
    const store = new ClusterStore();
    store.applyHealth(health('a', 'reconnecting'));
    assert.equal(store.get('a').health, undefined);
    store.applyInfo(info('a', 'ready', { health: health('a', 'reconnecting') }));
    store.applyDisconnected('a');
    assert.equal(store.get('a').health, undefined);
  });
});

describe('ClusterConnections health and restore', () => {
  test('cluster/health reaches the store; Reconnect Now sends cluster/reconnect and applies its answer', async () => {
    const sidecar = new FakeSidecar();
    const store = new ClusterStore();
    const client = new FakeClusterClient();
    sidecar.ready(client);
    const connections = new ClusterConnections(store, sidecar);
    store.applyInfo(info('a', 'ready', { health: health('a', 'ready') }));

    client.send('cluster/health', health('a', 'reconnecting', { attempt: 3, nextRetryMs: 4000 }));
    assert.deepEqual([store.get('a').health?.state, store.get('a').health?.attempt], ['reconnecting', 3]);
    assert.equal(client.calls.length, 0);

    const reconnect = connections.reconnect('a');
    assert.deepEqual(client.calls.map((c) => [c.method, c.params]), [['cluster/reconnect', { clusterId: 'a' }]]);
    client.calls[0]?.resolve(health('a', 'ready', { generation: 2 }));
    assert.equal((await reconnect).state, 'ready');
    assert.deepEqual([store.get('a').health?.state, store.get('a').health?.generation], ['ready', 2]);
    // Back after a loss: the access checks ran again in the sidecar, so the ClusterInfo is fetched afresh.
    assert.deepEqual(client.calls.slice(1).map((c) => c.method), ['cluster/get']);
    client.calls[1]?.resolve(info('a', 'ready', { health: health('a', 'ready', { generation: 2 }) }));

    client.send('cluster/health', health('a', 'disconnected', { generation: 2 }));
    client.send('cluster/health', health('a', 'ready', { generation: 3 }));
    client.send('cluster/health', health('a', 'ready', { generation: 3 }));
    assert.deepEqual(client.calls.slice(2).map((c) => c.method), ['cluster/get'], 'once per recovery');
    client.calls[2]?.resolve(info('a', 'ready', { namespaces: ['default'], health: health('a', 'ready', { generation: 3 }) }));
    await settle();
    assert.deepEqual(store.get('a').info?.namespaces, ['default']);
    connections.dispose();
  });

  test('the permissions stage after ready fetches the completed permission map once', async () => {
    const sidecar = new FakeSidecar();
    const store = new ClusterStore();
    const client = new FakeClusterClient();
    sidecar.ready(client);
    const connections = new ClusterConnections(store, sidecar);
    const stage = { clusterId: 'a', stage: 'permissions', message: 'Permission map complete: 40 kinds.', level: 'info' as const, timestamp: '2026-11-27T15:00:00Z' };
    store.applyInfo(info('a', 'ready', { permissionsComplete: false, listableResources: [] }));
    client.send('cluster/stage', stage);
    assert.deepEqual(client.calls.map((c) => [c.method, c.params]), [['cluster/get', { clusterId: 'a' }]]);
    const pods = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true, allNamespaces: false, namespaces: ['team-a'] };
    client.calls[0]?.resolve(info('a', 'ready', { permissionsComplete: true, listableResources: [pods] }));
    await settle();
    assert.deepEqual(store.get('a').info?.listableResources, [pods]);
    client.send('cluster/stage', stage);
    assert.equal(client.calls.length, 1, 'a complete map is not fetched again');
    connections.dispose();
  });

  test('after a sidecar restart, the clusters that were connected or connecting are handed back once', () => {
    const sidecar = new FakeSidecar();
    const store = new ClusterStore();
    const restored: string[][] = [];
    const first = new FakeClusterClient();
    sidecar.ready(first);
    const connections = new ClusterConnections(store, sidecar, (ids) => restored.push([...ids]));
    store.applyInfo(info('a', 'ready'));
    store.beginActivation('b');
    store.applyFailure('c', 'refused');

    sidecar.restarting();
    assert.equal(restored.length, 0, 'nothing to reconnect to while the sidecar is down');
    sidecar.ready(new FakeClusterClient());
    assert.deepEqual(restored.map((ids) => ids.sort()), [['a', 'b']], 'the failed cluster stays failed-and-forgotten');

    sidecar.restarting();
    sidecar.ready(new FakeClusterClient());
    assert.equal(restored.length, 1, 'the new session had no connected cluster, so nothing more to restore');
    // The old session's health is ignored: the new one has not connected the cluster.
    first.send('cluster/health', health('a', 'reconnecting'));
    assert.equal(store.get('a').status, 'disconnected');
    connections.dispose();
  });
});
