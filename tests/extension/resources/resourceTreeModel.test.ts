// The resource nodes under a ready cluster: Namespaces and Resources, groups (core first), kinds, objects, the lines
// that stand in for missing objects, and how each looks — counts, the filter, stale marks.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  apiGroupNodes,
  clusterResourceNodes,
  describe as describeNode,
  itemNodes,
  kindNodes,
  namespaceNodes,
  namespacesKind,
  type ResourceContext,
  type ResourceTreeNode,
} from '../../../extension/src/resources/resourceTreeModel';
import type { ViewSnapshot } from '../../../extension/src/resources/viewState';
import { kind, pod, podColumns } from '../support/resources';

const now = Date.parse('2026-11-27T15:00:00Z');
const listable = [kind('apps', 'deployments', 'Deployment'), kind('', 'pods', 'Pod'), kind('', 'configmaps', 'ConfigMap'), kind('batch', 'jobs', 'Job'), kind('', 'namespaces', 'Namespace', { namespaced: false })];

function view(overrides: Partial<ViewSnapshot> = {}): ViewSnapshot {
  return { rows: [], columns: podColumns, stale: false, loading: false, error: undefined, namespace: null, ...overrides };
}

function context(views: Record<string, ViewSnapshot> = {}, overrides: Partial<ResourceContext> = {}): ResourceContext {
  return { view: (id) => views[id], filter: null, unhealthy: false, now, ...overrides };
}

const only = <K extends ResourceTreeNode['kind']>(nodes: ResourceTreeNode[], k: K): Array<Extract<ResourceTreeNode, { kind: K }>> =>
  nodes.filter((n): n is Extract<ResourceTreeNode, { kind: K }> => n.kind === k);

describe('resource tree model', () => {
  test('a ready cluster has Namespaces then Resources; Resources says which namespaces it shows', () => {
    const [namespaces, resources] = clusterResourceNodes('a');
    assert.deepEqual([namespaces?.id, resources?.id], ['a/namespaces', 'a/resources']);
    assert.ok(namespaces && resources);
    assert.deepEqual([describeNode(namespaces, context()).label, describeNode(resources, context()).description], ['Namespaces', 'all namespaces']);
    assert.equal(describeNode(resources, context({}, { filter: 'team-a' })).description, 'namespace team-a');
    assert.equal(describeNode(resources, context({}, { filter: 'team-a', unhealthy: true })).description, '(stale) namespace team-a');
  });

  test('groups: core first, then alphabetically; kinds alphabetically within', () => {
    const groups = only(apiGroupNodes('a', listable), 'apiGroup');
    assert.deepEqual(groups.map((g) => [describeNode(g, context()).label, g.kinds.map((k) => k.kind)]), [
      ['core', ['ConfigMap', 'Namespace', 'Pod']],
      ['apps', ['Deployment']],
      ['batch', ['Job']],
    ]);
    const [core] = groups;
    assert.ok(core);
    assert.deepEqual(kindNodes(core).map((n) => n.id), ['a/resources/core/configmaps', 'a/resources/core/namespaces', 'a/resources/core/pods']);
  });

  test('a kind: its count once loaded, stale marks from the view or the cluster health, where it may be listed', () => {
    const node = only(kindNodes(only(apiGroupNodes('a', [kind('', 'pods', 'Pod', { allNamespaces: false, namespaces: ['team-a', 'team-b'] })]), 'apiGroup')[0]!), 'resourceKind')[0]!;
    assert.equal(describeNode(node, context()).description, '', 'not open yet');
    assert.equal(describeNode(node, context({ [node.id]: view({ loading: true }) })).description, '');
    assert.equal(describeNode(node, context({ [node.id]: view({ rows: [pod('a'), pod('b')] }) })).description, '2');
    assert.equal(describeNode(node, context({ [node.id]: view({ rows: [pod('a')], stale: true }) })).description, '(stale) 1');
    assert.equal(describeNode(node, context({ [node.id]: view({ rows: [pod('a')] }) }, { unhealthy: true })).description, '(stale) 1');
    assert.equal(describeNode(node, context()).tooltip, 'Pod (v1, pods)\nListable in: team-a, team-b');
  });

  test('objects: name as label, key columns as description, dimmed when stale; lines for loading, none and errors', () => {
    const kindNode = { kind: 'resourceKind' as const, id: 'a/resources/core/pods', clusterId: 'a', ref: kind('', 'pods', 'Pod') };
    const live = view({ rows: [pod('web-1')] });
    const [row] = itemNodes(kindNode, live);
    assert.ok(row);
    assert.equal(row.id, 'a/resources/core/pods/default/web-1');
    const item = describeNode(row, context({ [kindNode.id]: live }));
    assert.deepEqual([item.label, item.description, item.contextValue, item.icon], ['web-1', 'Running · 1/1 · 0 · 3h', 'resources.item', { id: 'circle-filled' }]);
    const stale = describeNode(row, context({ [kindNode.id]: live }, { unhealthy: true }));
    assert.deepEqual([stale.description, stale.icon], ['(stale) Running · 1/1 · 0 · 3h', { id: 'circle-outline', color: 'disabledForeground' }]);

    const lines = (v: ViewSnapshot): string[] => itemNodes(kindNode, v).map((n) => describeNode(n, context()).label);
    assert.deepEqual(lines(view({ loading: true })), ['Loading…']);
    assert.deepEqual(lines(view()), ['None']);
    assert.deepEqual(lines(view({ namespace: 'team-a' })), ['None in namespace team-a']);
    assert.deepEqual(lines(view({ error: 'Access revoked (403).' })), ['Access revoked (403).']);
  });

  test('namespaces: live rows once the view answered, else the names from the activation', () => {
    assert.equal(namespacesKind(listable)?.resource, 'namespaces');
    assert.equal(namespacesKind([kind('', 'namespaces', 'Namespace', { allNamespaces: false })]), undefined, 'listing namespaces needs cluster-wide LIST');
    const fallback = ['default', 'kube-system'];
    const label = (nodes: ResourceTreeNode[]): string[] => nodes.map((n) => `${describeNode(n, context()).label} ${describeNode(n, context()).description}`.trim());
    assert.deepEqual(label(namespaceNodes('a', undefined, fallback)), ['default', 'kube-system']);
    assert.deepEqual(label(namespaceNodes('a', view({ loading: true }), fallback)), ['default', 'kube-system']);
    assert.deepEqual(label(namespaceNodes('a', view({ rows: [{ name: 'team-a', namespace: null, uid: 'u', createdAt: '2026-11-25T15:00:00Z' }] }), fallback)), ['team-a 2d']);
  });
});
