import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { catalogTreeModel } from '../../../extension/src/catalog/catalogTreeModel';
import { clusterPickRows, credentialsOf, eksDescription, profileNames, ssoLoginCommand } from '../../../extension/src/eks/eksModel';
import type { CatalogEntry, EksClusterSummary } from '../../../extension/src/protocol';

const now = Date.parse('2026-12-07T12:00:00Z');

const active: EksClusterSummary = {
  name: 'prod',
  status: 'ACTIVE',
  version: '1.32',
  endpoint: 'https://ABC.gr7.us-east-1.eks.amazonaws.com',
  createdAt: '2026-11-07T12:00:00Z',
  arn: 'arn:aws:eks:us-east-1:111122223333:cluster/prod',
};
const creating: EksClusterSummary = { ...active, name: 'new', status: 'CREATING', endpoint: null, createdAt: '2026-12-07T11:55:00Z' };

function entry(summary: EksClusterSummary, state: 'valid' | 'invalid'): CatalogEntry {
  return {
    id: `us-east-1_${summary.name}`,
    sourceKind: 'eks',
    name: summary.name,
    contextName: summary.name,
    source: 'Amazon EKS us-east-1',
    sourceGroup: 'profile dev · us-east-1',
    server: summary.endpoint,
    user: 'profile dev',
    namespace: null,
    state,
    error: state === 'invalid' ? { code: 'eksUnavailable', message: 'EKS cluster new is CREATING, not ACTIVE', file: '/state/eks/connections.json', line: null } : null,
    isCurrentContext: false,
    line: null,
    eks: summary,
  };
}

describe('EKS model', () => {

  test('cluster rows put ACTIVE clusters first with version and age; a CREATING one says it cannot be connected', () => {
    const rows = clusterPickRows([creating, active], now);

    assert.deepEqual(
      rows.map((row) => [row.label, row.description, row.detail, row.connectable]),
      [
        ['prod', 'ACTIVE · v1.32', 'https://ABC.gr7.us-east-1.eks.amazonaws.com · 30d', true],
        ['new', 'CREATING: cannot be connected until ACTIVE', 'no endpoint yet · 5m', false],
      ],
    );
  });

  test('an EKS entry is described by status, version and age', () => {
    assert.equal(eksDescription(entry(active, 'valid'), now), 'ACTIVE · v1.32 · 30d');
  });

  test('EKS entries form an Amazon EKS group after the kubeconfig groups, the CREATING one marked invalid', () => {
    const groups = catalogTreeModel([entry(active, 'valid'), entry(creating, 'invalid')], { home: '/home/u', syncPaths: [], now: () => now });

    const group = groups[0]!;
    assert.equal(group.sourceKind, 'eks');
    assert.equal(group.label, 'Amazon EKS · profile dev · us-east-1');
    assert.equal(group.icon.id, 'cloud');
    assert.deepEqual(
      group.items.map((item) => [item.label, item.description, item.connectsOnClick, item.opensKubeconfig]),
      [
        ['new', 'cannot connect now', false, false],
        ['prod', 'ACTIVE · v1.32 · 30d', true, false],
      ],
    );
  });

  test('credentials: a profile by name, the default chain as nothing, typed keys as they are', () => {
    assert.deepEqual(credentialsOf({ kind: 'profile', profile: 'dev' }), { profile: 'dev' });
    assert.deepEqual(credentialsOf({ kind: 'default' }), {});
    assert.deepEqual(credentialsOf({ kind: 'keys', accessKeyId: 'AKIA1', secretAccessKey: 's' }), { accessKeyId: 'AKIA1', secretAccessKey: 's', sessionToken: null });
  });

  test('the SSO login command quotes the profile for the shell', () => {
    assert.equal(ssoLoginCommand('dev', false), "aws sso login --profile 'dev'");
    assert.equal(ssoLoginCommand("it's", false), "aws sso login --profile 'it'\\''s'");
    assert.equal(ssoLoginCommand("it's", true), "aws sso login --profile 'it''s'");
  });

  test('profile names come from [profile X] and [default] in config and [X] in credentials', () => {
    const config = '[default]\nregion = us-east-1\n[profile dev]\nsso_session = corp\n[sso-session corp]\nsso_region = us-east-1\n[services local]\neks =\n  endpoint_url = http://x\n';
    const credentials = '[ci]\naws_access_key_id = AKIA\n[dev]\n';

    assert.deepEqual(profileNames(config, credentials), ['ci', 'default', 'dev']);
  });
});
