// The setting kubelink.clusters.accessibleNamespaces: the lookup by context name (settings.json is hand-edited, so
// every odd value is covered) and what ClusterConnections sends in cluster/activate.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { NotificationType, RequestType } from 'vscode-jsonrpc';
import { accessibleNamespacesFor } from '../../../extension/src/clusters/accessibleNamespaces';
import { ClusterConnections, type ClusterClient } from '../../../extension/src/clusters/clusterConnections';
import { ClusterStore } from '../../../extension/src/clusters/clusterStore';
import { Emitter } from '../../../extension/src/sidecar/events';
import type { SidecarState } from '../../../extension/src/sidecar/state';

describe('accessibleNamespacesFor', () => {
  const setting = {
    'kubelink-sim-restricted': ['team-a', 'team-b'],
    'prod-eu': [' payments ', 'payments', '', 42, null, 'ledger'],
    'only-junk': ['', '  ', 7],
    'not-a-list': 'team-a',
    'empty': [],
  };

  test('answers the entry of the context name, in order', () => {
    assert.deepEqual(accessibleNamespacesFor(setting, 'kubelink-sim-restricted'), ['team-a', 'team-b']);
  });

  test('trims, drops non-strings and blanks, deduplicates', () => {
    assert.deepEqual(accessibleNamespacesFor(setting, 'prod-eu'), ['payments', 'ledger']);
  });

  test('no usable entry is undefined: missing, empty, only junk, not a list', () => {
    for (const context of ['other', 'empty', 'only-junk', 'not-a-list', '']) {
      assert.equal(accessibleNamespacesFor(setting, context), undefined, context);
    }
  });

  test('the context name must match exactly (case and all); inherited keys do not count', () => {
    assert.equal(accessibleNamespacesFor(setting, 'Kubelink-Sim-Restricted'), undefined);
    assert.equal(accessibleNamespacesFor(setting, 'toString'), undefined);
    assert.equal(accessibleNamespacesFor(setting, '__proto__'), undefined);
  });

  test('a setting that is not an object is no entry', () => {
    for (const value of [undefined, null, 'team-a', 3, [['team-a']], true]) {
      assert.equal(accessibleNamespacesFor(value, 'kubelink-sim-restricted'), undefined, JSON.stringify(value));
    }
  });
});

class RecordingClient implements ClusterClient {
  readonly calls: Array<{ method: string; params: unknown }> = [];

  request<P, R>(type: RequestType<P, R, unknown>, params: P): Promise<R> {
    this.calls.push({ method: type.method, params });
    return new Promise<R>(() => undefined);
  }

  onNotification<P>(_type: NotificationType<P>, _handler: (params: P) => void): { dispose(): void } {
    return { dispose: () => undefined };
  }
}

describe('ClusterConnections.activate with accessible namespaces', () => {
  test('sends accessibleNamespaces when given, and only then', () => {
    const client = new RecordingClient();
    const emitter = new Emitter<SidecarState>();
    const sidecar = { state: { kind: 'ready', info: {} } as unknown as SidecarState, onDidChangeState: emitter.event, session: { client } };
    const connections = new ClusterConnections(new ClusterStore(), sidecar);
    void connections.activate('a', ['team-a', 'team-b']);
    void connections.activate('b');
    void connections.activate('c', []);
    assert.deepEqual(
      client.calls.map((c) => [c.method, c.params]),
      [
        ['cluster/activate', { clusterId: 'a', accessibleNamespaces: ['team-a', 'team-b'] }],
        ['cluster/activate', { clusterId: 'b' }],
        ['cluster/activate', { clusterId: 'c' }],
      ],
    );
    connections.dispose();
    emitter.dispose();
  });
});
