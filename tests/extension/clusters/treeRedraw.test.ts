// Which Clusters rows a change redraws: only the rows that changed while no row moves, so a reconnect attempt of one
// cluster does not drop the click command of every other row (found by tests/e2e/activation.test.ts: a click on
// another context during an episode ran "Actual command not found").
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { catalogTreeModel, type SourceGroupView } from '../../../extension/src/catalog/catalogTreeModel';
import { ClusterStore } from '../../../extension/src/clusters/clusterStore';
import { redrawPlan } from '../../../extension/src/clusters/treeRedraw';
import { entry } from '../support/catalogEntries';
import { info } from '../support/clusterInfo';
import { health } from '../support/health';

const entries = [entry('prod'), entry('staging')];

function model(store: ClusterStore): SourceGroupView[] {
  return catalogTreeModel(entries, { home: '/home/me', syncPaths: [], clusters: (id) => store.get(id) });
}

/** prod connected and ready, staging not connected. */
function readyProd(): ClusterStore {
  const store = new ClusterStore();
  store.beginActivation('id-prod');
  store.applyStatus({ clusterId: 'id-prod', status: 'connecting' });
  store.applyStage({ clusterId: 'id-prod', stage: 'proxy', message: 'Proxy route ready', level: 'info', timestamp: '2026-11-27T15:00:00Z' });
  store.applyInfo(info('id-prod', 'ready'));
  store.applyStatus({ clusterId: 'id-prod', status: 'ready' });
  store.applyHealth(health('id-prod', 'ready'));
  return store;
}

describe('redrawPlan', () => {
  test('nothing changed: nothing to redraw', () => {
    const store = readyProd();
    assert.deepEqual(redrawPlan(model(store), model(store)), []);
  });

  test('reconnect attempts of one cluster redraw its row only, never the others', () => {
    const store = readyProd();
    const ready = model(store);
    store.applyHealth(health('id-prod', 'disconnected'));
    const lost = model(store);
    assert.deepEqual(redrawPlan(ready, lost), ['id-prod']);
    store.applyHealth(health('id-prod', 'reconnecting', { attempt: 1 }));
    const first = model(store);
    store.applyHealth(health('id-prod', 'reconnecting', { attempt: 2, nextRetryMs: 1000 }));
    assert.deepEqual(redrawPlan(lost, first), ['id-prod']);
    assert.deepEqual(redrawPlan(first, model(store)), ['id-prod']);
  });

  test('a change of rows (a connect starts a stage log) redraws everything', () => {
    const store = readyProd();
    const before = model(store);
    store.beginActivation('id-staging');
    store.applyStatus({ clusterId: 'id-staging', status: 'connecting' });
    store.applyStage({ clusterId: 'id-staging', stage: 'proxy', message: 'Proxy route ready', level: 'info', timestamp: '2026-11-27T15:00:01Z' });
    assert.equal(redrawPlan(before, model(store)), 'all');
  });

  test('a cluster added to the catalog redraws everything', () => {
    const store = readyProd();
    const more = catalogTreeModel([...entries, entry('dev')], { home: '/home/me', syncPaths: [], clusters: (id) => store.get(id) });
    assert.equal(redrawPlan(model(store), more), 'all');
  });
});
