// The cluster state store and ClusterConnections without a sidecar: status and stage sequences as the sidecar sends
// them, what a new activation clears, and the reset a new sidecar session causes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ClusterConnections } from '../../../extension/src/clusters/clusterConnections';
import { ClusterStore } from '../../../extension/src/clusters/clusterStore';
import type { ClusterStageParams, StageLevel } from '../../../extension/src/protocol';
import { ErrorCodes } from '../../../extension/src/protocol';
import { info } from '../support/clusterInfo';
import { FakeClusterClient, FakeSidecar } from '../support/fakeClusterClient';

const stage = (clusterId: string, name: string, level: StageLevel = 'info', message = `${name} done`): ClusterStageParams => ({
  clusterId,
  stage: name,
  message,
  level,
  timestamp: '2025-01-01T10:00:00Z',
});

describe('ClusterStore', () => {
  test('an unknown cluster is disconnected, with no log', () => {
    const store = new ClusterStore();
    assert.deepEqual(store.get('a'), { id: 'a', status: 'disconnected', info: undefined, stages: [], error: undefined, health: undefined });
    assert.deepEqual(store.states, []);
  });

  test('a successful activation: connecting → accessible → ready, each stage logged in order', () => {
    const store = new ClusterStore();
    const changes: Array<string | undefined> = [];
    store.onDidChange((id) => changes.push(id));
    store.applyStatus({ clusterId: 'a', status: 'connecting' });
    store.applyStage(stage('a', 'proxy'));
    store.applyStatus({ clusterId: 'a', status: 'accessible' });
    store.applyStage(stage('a', 'version'));
    store.applyStage(stage('a', 'admin', 'warning'));
    store.applyStage(stage('a', 'ready'));
    store.applyStatus({ clusterId: 'a', status: 'ready' });
    store.applyInfo(info('a', 'ready'));
    const state = store.get('a');
    assert.equal(state.status, 'ready');
    assert.deepEqual(state.stages.map((s) => `${s.stage}:${s.level}`), ['proxy:info', 'version:info', 'admin:warning', 'ready:info']);
    assert.equal(state.info?.proxyKubeconfigPath, '/state/clusters/a/proxy.kubeconfig');
    assert.equal(state.error, undefined);
    assert.equal(changes.length, 8);
    assert.ok(changes.every((id) => id === 'a'));
    assert.deepEqual(store.states.map((s) => s.id), ['a']);
  });

  test('a failure keeps the log and the error stage message as the reason', () => {
    const store = new ClusterStore();
    store.beginActivation('a');
    store.applyStatus({ clusterId: 'a', status: 'connecting' });
    store.applyStage(stage('a', 'proxy'));
    store.applyStage(stage('a', 'version', 'error', 'Could not reach 10.0.0.1:6443 (connection refused). Check the VPN.'));
    store.applyStatus({ clusterId: 'a', status: 'failed' });
    const state = store.get('a');
    assert.equal(state.status, 'failed');
    assert.equal(state.error, 'Could not reach 10.0.0.1:6443 (connection refused). Check the VPN.');
    assert.deepEqual(state.stages.map((s) => s.stage), ['proxy', 'version']);
    // The rejected call changes nothing more: the sidecar's reason is already there.
    store.applyFailure('a', 'other words');
    assert.equal(store.get('a').error, 'Could not reach 10.0.0.1:6443 (connection refused). Check the VPN.');
  });

  test('a new activation clears the log of the last one; connecting twice is one activation', () => {
    const store = new ClusterStore();
    store.beginActivation('a');
    store.applyStage(stage('a', 'proxy'));
    store.applyStage(stage('a', 'version', 'error', 'refused'));
    store.applyStatus({ clusterId: 'a', status: 'failed' });
    assert.equal(store.get('a').stages.length, 2);

    store.beginActivation('a');
    assert.deepEqual([store.get('a').status, store.get('a').stages, store.get('a').error], ['connecting', [], undefined]);
    store.applyStatus({ clusterId: 'a', status: 'connecting' });
    store.applyStage(stage('a', 'proxy'));
    store.beginActivation('a'); // a second click while connecting
    assert.deepEqual(store.get('a').stages.map((s) => s.stage), ['proxy']);

    // A refresh of a ready cluster is a new activation too, started by the extension…
    store.applyStage(stage('a', 'ready'));
    store.applyStatus({ clusterId: 'a', status: 'ready' });
    store.beginActivation('a', true);
    assert.deepEqual([store.get('a').status, store.get('a').stages.length], ['connecting', 0]);
    // …or by the sidecar (its status says so before any stage).
    store.applyStage(stage('a', 'ready'));
    store.applyStatus({ clusterId: 'a', status: 'ready' });
    store.applyStatus({ clusterId: 'a', status: 'connecting' });
    assert.deepEqual(store.get('a').stages, []);
  });

  test('a call that fails before the sidecar starts (invalid entry) does not leave the cluster spinning', () => {
    const store = new ClusterStore();
    store.beginActivation('a');
    store.applyFailure('a', "'a' cannot be connected: cluster not defined");
    assert.deepEqual([store.get('a').status, store.get('a').error], ['failed', "'a' cannot be connected: cluster not defined"]);
  });

  test('disconnected (answer or notification) is the catalog look again; reset forgets every cluster', () => {
    const store = new ClusterStore();
    store.applyInfo(info('a', 'ready'));
    store.applyInfo(info('b', 'ready'));
    store.applyStatus({ clusterId: 'a', status: 'disconnected' });
    assert.deepEqual(store.get('a'), { id: 'a', status: 'disconnected', info: undefined, stages: [], error: undefined, health: undefined });
    const changes: Array<string | undefined> = [];
    store.onDidChange((id) => changes.push(id));
    store.reset();
    assert.deepEqual(changes, [undefined]);
    assert.equal(store.get('b').status, 'disconnected');
    store.reset();
    assert.deepEqual(changes, [undefined], 'resetting an empty store is quiet');
  });
});

describe('ClusterConnections', () => {
  test('feeds the store from notifications and answers; a double connect is one call; a restart resets', async () => {
    const sidecar = new FakeSidecar();
    const store = new ClusterStore();
    const connections = new ClusterConnections(store, sidecar);
    await assert.rejects(connections.activate('a'), { name: 'SidecarNotRunningError' });

    const client = new FakeClusterClient();
    sidecar.ready(client);
    assert.deepEqual(client.subscribed, ['cluster/health', 'cluster/stage', 'cluster/status']);
    const first = connections.activate('a');
    const second = connections.activate('a');
    assert.equal(first, second);
    assert.deepEqual(client.calls.map((c) => [c.method, c.params]), [['cluster/activate', { clusterId: 'a' }]]);
    assert.equal(store.get('a').status, 'connecting');

    client.send('cluster/status', { clusterId: 'a', status: 'connecting' });
    client.send('cluster/stage', stage('a', 'proxy'));
    client.send('cluster/stage', stage('a', 'ready'));
    client.send('cluster/status', { clusterId: 'a', status: 'ready' });
    client.calls[0]?.resolve(info('a', 'ready'));
    assert.equal((await first).status, 'ready');
    assert.deepEqual([store.get('a').status, store.get('a').stages.length, store.get('a').info?.version], ['ready', 2, 'v1.32.4']);
    assert.equal(connections.activation('a'), undefined);

    // A failure with a code: the promise rejects with it, the store holds the reason.
    const failing = connections.activate('b');
    client.send('cluster/stage', stage('b', 'version', 'error', 'Unauthorized: the token expired. Log in again.'));
    client.send('cluster/status', { clusterId: 'b', status: 'failed' });
    client.calls[1]?.reject(Object.assign(new Error('Unauthorized: the token expired. Log in again.'), { code: ErrorCodes.ClusterUnauthorized }));
    await assert.rejects(failing, { code: ErrorCodes.ClusterUnauthorized });
    assert.deepEqual([store.get('b').status, store.get('b').error], ['failed', 'Unauthorized: the token expired. Log in again.']);

    // The sidecar restarts: nothing is connected any more, and the old session's late notifications are ignored.
    sidecar.restarting();
    assert.deepEqual(store.states, []);
    client.send('cluster/status', { clusterId: 'a', status: 'ready' });
    assert.equal(store.get('a').status, 'disconnected');
    connections.dispose();
  });

  test('deactivate, refresh and setDefaultNamespace go through the current client', async () => {
    const sidecar = new FakeSidecar();
    const store = new ClusterStore();
    const client = new FakeClusterClient();
    sidecar.ready(client);
    const connections = new ClusterConnections(store, sidecar);
    store.applyInfo(info('a', 'ready'));
    store.applyStage(stage('a', 'ready'));

    const refreshed = connections.refresh('a');
    assert.deepEqual([store.get('a').status, store.get('a').stages], ['connecting', []]);
    client.calls[0]?.resolve(info('a', 'ready'));
    await refreshed;

    const set = connections.setDefaultNamespace('a', 'kube-system');
    assert.deepEqual(client.calls[1]?.params, { clusterId: 'a', namespace: 'kube-system' });
    client.calls[1]?.resolve(info('a', 'ready', { defaultNamespace: 'kube-system' }));
    await set;
    assert.equal(store.get('a').info?.defaultNamespace, 'kube-system');

    const deactivated = connections.deactivate('a');
    assert.equal(client.calls[2]?.method, 'cluster/deactivate');
    client.calls[2]?.resolve(null);
    await deactivated;
    assert.equal(store.get('a').status, 'disconnected');
    connections.dispose();
  });
});
