import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { catalogTreeModel } from '../../../extension/src/catalog/catalogTreeModel';
import { simulatedNameOf, simulatedNameProblem } from '../../../extension/src/simulated/simulatedNames';
import { entry } from '../support/catalogEntries';

describe('simulated clusters', () => {
  test('names: a DNS label of at most 55 characters, not taken', () => {
    assert.equal(simulatedNameProblem('test-cluster-012', []), undefined);
    assert.equal(simulatedNameProblem('', []), 'empty');
    assert.equal(simulatedNameProblem('a'.repeat(56), []), 'tooLong');
    assert.equal(simulatedNameProblem('Test_1', []), 'notALabel');
    assert.equal(simulatedNameProblem('-x', []), 'notALabel');
    assert.equal(simulatedNameProblem('one', ['one']), 'taken');
    assert.equal(simulatedNameOf('simulated_one'), 'one');
    assert.equal(simulatedNameOf('kubeconfig_one'), undefined);
  });

  test('the tree: one Simulated clusters group after the kubeconfig groups, items described by their status', () => {
    const simulated = entry('test-cluster-012', { sourceKind: 'simulated', source: 'simulated, creating', sourceGroup: 'simulated clusters', server: 'https://127.0.0.1:40000/' });
    const groups = catalogTreeModel([simulated, entry('prod')], { home: '/home/me', syncPaths: [] });
    assert.deepEqual(
      groups.map((g) => [g.label, g.sourceKind, g.contextValue, g.icon.id]),
      [
        ['~/.kube/config', 'kubeconfig', 'source.kubeconfig', 'file-code'],
        ['Simulated clusters', 'simulated', 'source.simulated', 'beaker'],
      ],
    );
    const [item] = groups[1]?.items ?? [];
    assert.equal(item?.description, 'simulated, creating');
    assert.equal(item?.contextValue, 'cluster.valid');
    assert.equal(item?.connectsOnClick, true);
  });
});
