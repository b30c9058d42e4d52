// The focused cluster's status-bar item for each state: text, severity (→ theme colour) and tooltip; and which
// cluster is focused.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ClusterStore, type ClusterState } from '../../../extension/src/clusters/clusterStore';
import { clusterStatusView, focusedCluster } from '../../../extension/src/status/clusterStatusView';
import { info } from '../support/clusterInfo';
import { health } from '../support/health';

function ready(overrides: Partial<ClusterState> = {}): ClusterState {
  const store = new ClusterStore();
  store.applyInfo(info('a', 'ready', { health: health('a', 'ready') }));
  return { ...store.get('a'), ...overrides };
}

describe('clusterStatusView', () => {
  test('each state: text and severity', () => {
    const rows = [
      ready(),
      ready({ status: 'connecting' }),
      ready({ status: 'accessible' }),
      ready({ status: 'failed', error: 'refused' }),
      ready({ health: health('a', 'disconnected') }),
      ready({ health: health('a', 'reconnecting', { attempt: 4 }) }),
      ready({ health: health('a', 'unauthorized', { cause: 'unauthorized' }) }),
    ].map((state) => {
      const view = clusterStatusView('prod', state);
      return [view?.text, view?.severity];
    });
    assert.deepEqual(rows, [
      ['$(pass) prod', 'normal'],
      ['$(sync~spin) prod: connecting…', 'warning'],
      ['$(sync~spin) prod: connecting…', 'warning'],
      ['$(error) prod: connection failed', 'error'],
      ['$(debug-disconnect) prod: disconnected', 'error'],
      ['$(sync~spin) prod: reconnecting (attempt 4)', 'warning'],
      ['$(key) prod: unauthorized', 'error'],
    ]);
  });

  test('tooltips give the version, the cause in a few words (not the sidecar’s whole sentence) and what a click offers', () => {
    assert.equal(clusterStatusView('prod', ready())?.tooltip, 'prod: connected (Kubernetes v1.32.4). Click for Reconnect Now, Disconnect and Show Log.');
    const lost = clusterStatusView('prod', ready({ health: health('a', 'reconnecting', { attempt: 2, cause: 'refused', message: 'Lost connection to prod: connection refused. Reconnecting…' }) }));
    assert.equal(lost?.tooltip, 'prod: lost connection (connection refused); reconnect attempt 2. Click for Reconnect Now, Disconnect and Show Log.');
    assert.equal(clusterStatusView('prod', ready({ status: 'disconnected' })), undefined, 'a disconnected cluster hides the item');
  });
});

describe('focusedCluster', () => {
  test('the focused one while connected, else the first other connected one, else none', () => {
    const a = ready();
    const b = { ...ready(), id: 'b' };
    assert.equal(focusedCluster('b', [a, b])?.id, 'b');
    assert.equal(focusedCluster('gone', [a, b])?.id, 'a');
    assert.equal(focusedCluster(undefined, [b])?.id, 'b');
    assert.equal(focusedCluster('a', []), undefined);
  });
});
