// ResourceViews against a fake client: subscribe on open, live changes (added, modified, deleted, reset), debounced
// redraws, unsubscribe on close and disconnect, stale rows kept while the sidecar is away and re-subscribed by
// themselves after a restart or a reconnect, and the namespace filter.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ClusterStore } from '../../../extension/src/clusters/clusterStore';
import { ResourceViews } from '../../../extension/src/resources/resourceViews';
import type { KindRef } from '../../../extension/src/resources/viewState';
import { info } from '../support/clusterInfo';
import { FakeClock } from '../support/fakeClock';
import { FakeClusterClient, FakeSidecar } from '../support/fakeClusterClient';
import { settle } from '../support/fakeSidecar';
import { health } from '../support/health';
import { kind, pod, podColumns } from '../support/resources';

const pods: KindRef = { group: '', version: 'v1', resource: 'pods', namespaced: true };
const key = 'a/resources/core/pods';
const listable = [kind('', 'pods', 'Pod'), kind('apps', 'deployments', 'Deployment'), kind('', 'nodes', 'Node', { namespaced: false }), kind('', 'namespaces', 'Namespace', { namespaced: false })];

function setUp() {
  const sidecar = new FakeSidecar();
  const client = new FakeClusterClient();
  sidecar.ready(client);
  const store = new ClusterStore();
  store.applyInfo(info('a', 'ready', { health: health('a', 'ready'), listableResources: listable }));
  const clock = new FakeClock();
  const views = new ResourceViews(store, sidecar, { clock, debounceMs: 100 });
  const redraws: string[][] = [];
  views.onDidChange((keys) => redraws.push([...keys]));
  return { sidecar, client, store, clock, views, redraws };
}

const names = (views: ResourceViews): string[] | undefined => views.peek(key)?.rows.map((r) => r.name);

describe('ResourceViews', () => {
  test('open subscribes once; the answer, then live changes, reach the view in one redraw per burst', async () => {
    const { client, clock, views, redraws } = setUp();
    assert.deepEqual(views.open(key, 'a', pods), { rows: [], columns: [], stale: false, loading: true, error: undefined, namespace: null });
    views.open(key, 'a', pods);
    assert.equal(client.calls.length, 1, 'a second open is the same view');
    const subscribe = client.calls[0];
    assert.equal(subscribe?.method, 'resources/subscribe');
    const { subscriptionId, ...selector } = subscribe?.params as { subscriptionId: string };
    assert.deepEqual(selector, { clusterId: 'a', group: '', version: 'v1', resource: 'pods', namespace: null });

    subscribe?.resolve({ items: [pod('web-2'), pod('web-1')], stale: false, columns: podColumns });
    await settle();
    assert.deepEqual(names(views), ['web-1', 'web-2']);
    assert.deepEqual(redraws, [], 'redraws wait for the debounce');
    clock.advance(100);
    assert.deepEqual(redraws, [[key]]);

    client.send('resources/changed', { subscriptionId, type: 'added', items: [pod('web-3')], stale: false });
    client.send('resources/changed', { subscriptionId, type: 'modified', items: [pod('web-1', 'default', { phase: 'Failed' })], stale: false });
    client.send('resources/changed', { subscriptionId, type: 'deleted', items: [pod('web-2')], stale: false });
    clock.advance(100);
    assert.deepEqual(redraws, [[key], [key]], 'three changes, one redraw');
    assert.deepEqual(views.peek(key)?.rows.map((r) => `${r.name}:${String(r.phase)}`), ['web-1:Failed', 'web-3:Running']);

    client.send('resources/changed', { subscriptionId, type: 'reset', items: [pod('db-0')], stale: false });
    assert.deepEqual(names(views), ['db-0']);
    client.send('resources/changed', { subscriptionId: 'someone-else', type: 'reset', items: [], stale: false });
    assert.deepEqual(names(views), ['db-0'], 'another subscription is not this view');
    views.dispose();
  });

  test('close unsubscribes this view and the views under it; a disconnect closes every view of the cluster', async () => {
    const { client, store, views } = setUp();
    views.open('a/resources/core/pods', 'a', pods);
    views.open('a/resources/apps/deployments', 'a', { ...pods, group: 'apps', resource: 'deployments' });
    views.open('a/namespaces', 'a', { group: '', version: 'v1', resource: 'namespaces', namespaced: false });
    const ids = client.calls.map((c) => (c.params as { subscriptionId: string }).subscriptionId);
    views.close('a/resources');
    await settle();
    assert.deepEqual(client.calls.slice(3).map((c) => [c.method, (c.params as { subscriptionId: string }).subscriptionId]), [
      ['resources/unsubscribe', ids[0]],
      ['resources/unsubscribe', ids[1]],
    ]);
    assert.equal(views.peek('a/resources/core/pods'), undefined);
    store.applyDisconnected('a');
    assert.deepEqual(client.calls.slice(5).map((c) => c.method), ['resources/unsubscribe']);
    assert.equal(views.peek('a/namespaces'), undefined);
    views.dispose();
  });

  test('a sidecar restart keeps the rows as stale and re-subscribes when the cluster is ready again', async () => {
    const { sidecar, client, store, views } = setUp();
    views.open(key, 'a', pods);
    client.calls[0]?.resolve({ items: [pod('web-1')], stale: false, columns: podColumns });
    await settle();

    sidecar.restarting();
    store.reset(); // what ClusterConnections does for a new session
    assert.deepEqual([names(views), views.peek(key)?.stale], [['web-1'], true]);
    const next = new FakeClusterClient();
    sidecar.ready(next);
    assert.equal(next.calls.length, 0, 'not before the cluster is connected again');
    store.beginActivation('a');
    store.applyInfo(info('a', 'ready', { health: health('a', 'ready', { generation: 1 }), listableResources: listable }));
    assert.deepEqual(next.calls.map((c) => c.method), ['resources/subscribe']);
    next.calls[0]?.resolve({ items: [pod('web-1'), pod('web-2')], stale: false, columns: podColumns });
    await settle();
    assert.deepEqual([names(views), views.peek(key)?.stale], [['web-1', 'web-2'], false]);
    // The old session's late notification is ignored.
    client.send('resources/changed', { subscriptionId: (client.calls[0]?.params as { subscriptionId: string }).subscriptionId, type: 'reset', items: [], stale: false });
    assert.deepEqual(names(views), ['web-1', 'web-2']);
    views.dispose();
  });

  test('a view opened while the cluster reconnects waits; one that fails is retried after the reconnect only', async () => {
    const { client, store, views } = setUp();
    store.applyHealth(health('a', 'reconnecting', { generation: 1 }));
    views.open(key, 'a', pods);
    assert.equal(client.calls.length, 0, 'no subscribe while the health loop says the cluster is away');
    store.applyHealth(health('a', 'ready', { generation: 2 }));
    assert.equal(client.calls.length, 1);
    client.calls[0]?.reject(Object.assign(new Error('pods may not be listed in any namespace. Ask for access.'), { code: 1107 }));
    await settle();
    assert.equal(views.peek(key)?.error, 'pods may not be listed in any namespace. Ask for access.');
    store.applyStage({ clusterId: 'a', stage: 'permissions', message: 'more', level: 'info', timestamp: '2026-11-27T15:00:00Z' });
    assert.equal(client.calls.length, 1, 'an unrelated change does not retry a failed subscribe');
    store.applyHealth(health('a', 'disconnected', { generation: 2 }));
    store.applyHealth(health('a', 'ready', { generation: 3 }));
    assert.equal(client.calls.length, 2, 'a reconnect does');
    views.dispose();
  });

  test('the namespace filter re-subscribes the open namespaced views and names the Resources node', async () => {
    const { client, clock, views, redraws } = setUp();
    views.open(key, 'a', pods);
    views.open('a/resources/core/nodes', 'a', { group: '', version: 'v1', resource: 'nodes', namespaced: false });
    client.calls[0]?.resolve({ items: [pod('web-1')], stale: false, columns: podColumns });
    await settle();
    clock.advance(100);
    views.setNamespaceFilter('a', 'team-a');
    assert.equal(views.namespaceFilter('a'), 'team-a');
    assert.deepEqual(client.calls.slice(2).map((c) => [c.method, (c.params as { namespace?: string | null }).namespace]), [
      ['resources/unsubscribe', undefined],
      ['resources/subscribe', 'team-a'],
    ]);
    assert.deepEqual([views.peek(key)?.rows, views.peek(key)?.loading, views.peek(key)?.namespace], [[], true, 'team-a']);
    clock.advance(100);
    assert.deepEqual(redraws.at(-1)?.sort(), ['a/resources', key].sort());
    assert.equal(views.open('a/resources/apps/deployments', 'a', { ...pods, group: 'apps', resource: 'deployments' }).namespace, 'team-a', 'new views take the filter');
    views.dispose();
  });

  test('a kind that left the permission map (binding revoked while away) stops its view', () => {
    const { client, store, views } = setUp();
    views.open(key, 'a', pods);
    views.open('a/resources/apps/deployments', 'a', { ...pods, group: 'apps', resource: 'deployments' });
    store.applyInfo(info('a', 'ready', { health: health('a', 'ready', { generation: 2 }), listableResources: listable.filter((r) => r.resource !== 'pods') }));
    assert.equal(views.peek(key), undefined);
    assert.ok(views.peek('a/resources/apps/deployments'));
    assert.deepEqual(client.calls.map((c) => c.method), ['resources/subscribe', 'resources/subscribe', 'resources/unsubscribe']);
    views.dispose();
  });

  test('a change that overtakes the subscribe answer is replayed over it', async () => {
    const { client, clock, views, redraws } = setUp();
    views.open(key, 'a', pods);
    const { subscriptionId } = client.calls[0]?.params as { subscriptionId: string };
    client.send('resources/changed', { subscriptionId, type: 'added', items: [pod('web-new')], stale: false });
    client.send('resources/changed', { subscriptionId, type: 'deleted', items: [pod('web-1')], stale: false });
    assert.equal(views.peek(key)?.loading, true, 'nothing shown before the answer');
    client.calls[0]?.resolve({ items: [pod('web-1'), pod('web-2')], stale: false, columns: podColumns });
    await settle();
    assert.deepEqual(names(views), ['web-2', 'web-new']);
    clock.advance(100);
    assert.deepEqual(redraws, [[key]]);
    views.dispose();
  });

  test('an error notification (access revoked) empties the view and shows why', async () => {
    const { client, views } = setUp();
    views.open(key, 'a', pods);
    const { subscriptionId } = client.calls[0]?.params as { subscriptionId: string };
    client.calls[0]?.resolve({ items: [pod('web-1')], stale: false, columns: podColumns });
    await settle();
    client.send('resources/changed', { subscriptionId, type: 'reset', items: [], stale: false, error: 'Access to pods was revoked (403). Ask for access.' });
    assert.deepEqual([views.peek(key)?.rows, views.peek(key)?.error], [[], 'Access to pods was revoked (403). Ask for access.']);
    views.dispose();
  });
});
