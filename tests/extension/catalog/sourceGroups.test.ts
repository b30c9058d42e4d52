// The Clusters view groups by source kind: kubeconfig groups as before, then one top-level group per other kind
// (Amazon EKS: one per credentials and region, the entries' sourceGroup).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogTreeModel } from '../../../extension/src/catalog/catalogTreeModel';
import { broken, entry } from '../support/catalogEntries';

const context = { home: '/home/me', syncPaths: [] };

test('other source kinds follow the kubeconfig groups, one group each (Amazon EKS one per credentials and region), sorted by name', () => {
  const groups = catalogTreeModel(
    [
      entry('sim-b', { id: 'simulated_b', sourceKind: 'simulated', source: 'main', sourceGroup: 'main', line: null }),
      entry('prod', { id: 'eks_prod', sourceKind: 'eks', source: 'default', sourceGroup: 'default', line: null }),
      entry('local'),
      entry('sim-a', { id: 'simulated_a', sourceKind: 'simulated', source: 'main', sourceGroup: 'main', line: null }),
    ],
    context,
  );

  assert.deepEqual(
    groups.map((g) => [g.id, g.label, g.sourceKind, g.contextValue, g.items.map((i) => i.label)]),
    [
      ['source:/home/me/.kube/config', '~/.kube/config', 'kubeconfig', 'source.kubeconfig', ['local']],
      ['source:eks:default', 'Amazon EKS · default', 'eks', 'source.eks', ['prod']],
      ['source-kind:simulated', 'Simulated clusters', 'simulated', 'source.simulated', ['sim-a', 'sim-b']],
    ],
  );
  assert.equal(groups[2]?.tooltip, 'Simulated clusters: 2 clusters, 0 invalid');
});

test('an invalid entry of another source has no kubeconfig to open', () => {
  const [group] = catalogTreeModel([broken('gw', { code: 'missingCluster', message: 'gone' }, { id: 'clusterAccess_gw', sourceKind: 'clusterAccess', line: null })], context);
  assert.deepEqual([group?.label, group?.items[0]?.opensKubeconfig], ['GraphQL gateway', false]);
});
