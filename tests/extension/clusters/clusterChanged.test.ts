// cluster/changed: with a sidecar that has the `clusterChanged` feature, ClusterConnections takes every pushed
// ClusterInfo (the latest revision wins) and asks cluster/get on no guess; without it, the guesses stay (see
// clusterHealth.test.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ClusterConnections } from '../../../extension/src/clusters/clusterConnections';
import { ClusterStore } from '../../../extension/src/clusters/clusterStore';
import type { ClusterInfo } from '../../../extension/src/protocol';
import { info } from '../support/clusterInfo';
import { FakeClusterClient, FakeSidecar } from '../support/fakeClusterClient';
import { health } from '../support/health';

function pushing(): { store: ClusterStore; client: FakeClusterClient; connections: ClusterConnections } {
  const sidecar = new FakeSidecar();
  const store = new ClusterStore();
  const client = new FakeClusterClient();
  sidecar.ready(client, ['clusterChanged']);
  return { store, client, connections: new ClusterConnections(store, sidecar) };
}

const changed = (revision: number, clusterInfo: ClusterInfo) => ({ clusterId: clusterInfo.id, revision, info: clusterInfo });
const pods = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true, allNamespaces: false, namespaces: ['team-a'] };

describe('ClusterConnections with cluster/changed', () => {
  test('subscribes to it only when the sidecar has the feature', () => {
    const { client, connections } = pushing();
    assert.deepEqual(client.subscribed, ['cluster/changed', 'cluster/health', 'cluster/stage', 'cluster/status']);
    connections.dispose();
  });

  test('a pushed map completes the Resources node; the permissions stage asks nothing', () => {
    const { store, client, connections } = pushing();
    store.applyInfo(info('a', 'ready', { permissionsComplete: false, listableResources: [] }));

    client.send('cluster/stage', { clusterId: 'a', stage: 'permissions', message: 'Permission map complete: 1 kinds.', level: 'info', timestamp: '2026-12-07T05:00:00Z' });
    client.send('cluster/changed', changed(7, info('a', 'ready', { permissionsComplete: true, listableResources: [pods] })));

    assert.deepEqual(store.get('a').info?.listableResources, [pods]);
    assert.equal(client.calls.length, 0);
    connections.dispose();
  });

  test('a recovery asks nothing: the new ClusterInfo arrives by itself', () => {
    const { store, client, connections } = pushing();
    store.applyInfo(info('a', 'ready', { health: health('a', 'reconnecting', { generation: 1 }) }));

    client.send('cluster/health', health('a', 'ready', { generation: 2 }));
    client.send('cluster/changed', changed(3, info('a', 'ready', { namespaces: ['default'], health: health('a', 'ready', { generation: 2 }) })));

    assert.equal(client.calls.length, 0);
    assert.deepEqual([store.get('a').info?.namespaces, store.get('a').health?.generation], [['default'], 2]);
    connections.dispose();
  });

  test('an older revision arriving late is dropped', () => {
    const { store, client, connections } = pushing();
    store.beginActivation('a');

    client.send('cluster/changed', changed(5, info('a', 'ready', { version: 'v1.33.0' })));
    client.send('cluster/changed', changed(4, info('a', 'accessible', { version: 'v1.32.0' })));

    assert.deepEqual([store.get('a').status, store.get('a').info?.version], ['ready', 'v1.33.0']);
    connections.dispose();
  });

  test('a push does not bring back a cluster the user disconnected', () => {
    const { store, client, connections } = pushing();
    store.applyInfo(info('a', 'ready'));
    store.applyDisconnected('a');

    client.send('cluster/changed', changed(9, info('a', 'ready')));

    assert.equal(store.get('a').status, 'disconnected');
    connections.dispose();
  });
});
