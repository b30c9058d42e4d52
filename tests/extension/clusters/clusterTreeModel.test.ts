// The Clusters tree for each connection status: icon, description, tooltip, contextValue, click and stage children.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { catalogTreeModel, type ClusterItemView } from '../../../extension/src/catalog/catalogTreeModel';
import { ClusterStore } from '../../../extension/src/clusters/clusterStore';
import type { CatalogEntry, ClusterStatus } from '../../../extension/src/protocol';
import { broken, entry } from '../support/catalogEntries';
import { info } from '../support/clusterInfo';
import { health } from '../support/health';

function render(entries: CatalogEntry[], store: ClusterStore): ClusterItemView[] {
  return catalogTreeModel(entries, { home: '/home/me', syncPaths: [], clusters: (id) => store.get(id) }).flatMap((g) => g.items);
}

function storeWith(status: ClusterStatus): ClusterStore {
  const store = new ClusterStore();
  store.beginActivation('id-prod');
  store.applyStatus({ clusterId: 'id-prod', status: 'connecting' });
  store.applyStage({ clusterId: 'id-prod', stage: 'proxy', message: 'Proxy route ready', level: 'info', timestamp: '2025-01-01T10:00:00Z' });
  if (status === 'failed') {
    store.applyStage({ clusterId: 'id-prod', stage: 'version', message: 'Unreachable: connection refused. Check the VPN.', level: 'error', timestamp: '2025-01-01T10:00:01Z' });
    store.applyStatus({ clusterId: 'id-prod', status: 'failed' });
  } else if (status === 'accessible' || status === 'ready') {
    store.applyStatus({ clusterId: 'id-prod', status: 'accessible' });
    store.applyInfo(info('id-prod', status));
    store.applyStage({ clusterId: 'id-prod', stage: 'admin', message: 'Not an admin', level: 'warning', timestamp: '2025-01-01T10:00:02Z' });
  }
  return store;
}

describe('cluster items by connection status', () => {
  const prod = entry('prod');

  test('disconnected: the catalog look, a click connects, nothing to expand', () => {
    const [item] = render([prod], new ClusterStore());
    assert.deepEqual(
      [item?.icon, item?.description, item?.contextValue, item?.connectsOnClick, item?.opensKubeconfig, item?.stages],
      [{ id: 'server-environment' }, 'prod.example.com:6443 · prod-admin', 'cluster.valid', true, false, []],
    );
  });

  test('connecting: spinning, expanded on its stage log, no click', () => {
    const [item] = render([prod], storeWith('connecting'));
    assert.deepEqual([item?.icon, item?.description, item?.contextValue, item?.connectsOnClick, item?.expanded], [{ id: 'sync~spin' }, 'connecting…', 'cluster.connecting', false, true]);
    assert.match(item?.tooltip ?? '', /Context: prod[\s\S]*Connecting…$/);
    const [proxy, ...rest] = item?.stages ?? [];
    assert.deepEqual(rest, []);
    assert.deepEqual(
      [proxy?.kind, proxy?.id, proxy?.label, proxy?.description, proxy?.icon, proxy?.contextValue],
      ['stage', 'id-prod/stage/0', 'proxy', 'Proxy route ready', { id: 'check' }, 'stage'],
    );
    assert.match(proxy?.tooltip ?? '', /^Proxy route ready\nAt .+/);
  });

  test('accessible: still spinning, with the version once known', () => {
    const [item] = render([prod], storeWith('accessible'));
    assert.deepEqual([item?.icon.id, item?.description, item?.contextValue], ['sync~spin', 'v1.32.4 · checking access…', 'cluster.connecting']);
  });

  test('ready: green pass icon, version in the description, proxy kubeconfig in the tooltip, log collapsed', () => {
    const [item] = render([prod], storeWith('ready'));
    assert.deepEqual(
      [item?.icon, item?.description, item?.contextValue, item?.connectsOnClick, item?.expanded],
      [{ id: 'pass-filled', color: 'testing.iconPassed' }, 'v1.32.4 · prod.example.com:6443 · prod-admin', 'cluster.connected', false, false],
    );
    assert.match(item?.tooltip ?? '', /Connected: Kubernetes v1\.32\.4\.\nProxy kubeconfig: \/state\/clusters\/id-prod\/proxy\.kubeconfig$/);
    assert.deepEqual(item?.stages.map((s) => [s.label, s.icon.id]), [['proxy', 'check'], ['admin', 'warning']]);
  });

  test('failed: red error icon, the reason in the tooltip, the log expanded, a click retries', () => {
    const [item] = render([prod], storeWith('failed'));
    assert.deepEqual(
      [item?.icon, item?.description, item?.contextValue, item?.connectsOnClick, item?.expanded],
      [{ id: 'error', color: 'testing.iconFailed' }, 'connection failed', 'cluster.failed', true, true],
    );
    assert.match(item?.tooltip ?? '', /\nConnection failed: Unreachable: connection refused\. Check the VPN\.$/);
    assert.deepEqual(item?.stages.map((s) => [s.label, s.icon]), [['proxy', { id: 'check' }], ['version', { id: 'error', color: 'testing.iconFailed' }]]);
  });

  test('ready but unhealthy: browsable still, the health in icon, description and tooltip', () => {
    const store = storeWith('ready');
    const look = (): unknown[] => {
      const [item] = render([prod], store);
      return [item?.icon, item?.description, item?.browsable, item?.contextValue];
    };
    assert.deepEqual(look(), [{ id: 'pass-filled', color: 'testing.iconPassed' }, 'v1.32.4 · prod.example.com:6443 · prod-admin', true, 'cluster.connected']);
    store.applyHealth(health('id-prod', 'disconnected', { cause: 'reset' }));
    assert.deepEqual(look(), [{ id: 'debug-disconnect', color: 'testing.iconFailed' }, 'disconnected · connection reset', true, 'cluster.connected']);
    store.applyHealth(health('id-prod', 'reconnecting', { attempt: 5 }));
    assert.deepEqual(look().slice(0, 2), [{ id: 'sync~spin', color: 'list.warningForeground' }, 'reconnecting (attempt 5)…']);
    store.applyHealth(health('id-prod', 'unauthorized', { cause: 'unauthorized', message: 'The token expired. Log in again.' }));
    assert.deepEqual(look().slice(0, 2), [{ id: 'key', color: 'testing.iconFailed' }, 'unauthorized · the credentials were rejected (401)']);
    assert.match(render([prod], store)[0]?.tooltip ?? '', /\nConnection: The token expired\. Log in again\./);
  });

  test('an invalid entry keeps its look whatever the store says', () => {
    const store = new ClusterStore();
    store.applyFailure('id-dev', 'cannot be connected');
    const [item] = render([broken('dev', { code: 'missingCluster', message: 'no cluster' })], store);
    assert.deepEqual([item?.contextValue, item?.icon.id, item?.opensKubeconfig, item?.connectsOnClick, item?.stages], ['cluster.invalid', 'warning', true, false, []]);
  });
});
