// Open YAML's document address: a readable path for the tab, the exact resources/get parameters in the query.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { yamlAddress, yamlParams } from '../../../extension/src/resources/yamlUri';

test('a namespaced object round-trips; the path reads cluster/namespace/resource/name.yaml', () => {
  const params = { clusterId: 'id-prod', group: 'apps', version: 'v1', resource: 'deployments', namespace: 'team-a', name: 'web' };
  const address = yamlAddress('prod', params);
  assert.equal(address.path, '/prod/team-a/deployments/web.yaml');
  assert.deepEqual(yamlParams(address.query), params);
});

test('a cluster-scoped object of the core group has no namespace; a slash in the cluster name cannot add a segment', () => {
  const params = { clusterId: 'id-x', group: '', version: 'v1', resource: 'nodes', namespace: null, name: 'node-a' };
  const address = yamlAddress('arn:aws:eks/prod', params);
  assert.equal(address.path, '/arn:aws:eks_prod/nodes/node-a.yaml');
  assert.deepEqual(yamlParams(address.query), params);
});

test('a hand-made query is not ours', () => {
  assert.equal(yamlParams(''), undefined);
  assert.equal(yamlParams('cluster=a&group=&version=v1&resource=pods'), undefined);
});
