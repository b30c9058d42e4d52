import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { catalogTreeModel, kubeconfigLocation, type TreeModelContext } from '../../../extension/src/catalog/catalogTreeModel';
import { broken, entry, unreadableFile } from '../support/catalogEntries';

const home = '/home/me';
const kubeconfig = '/home/me/.kube/config';
const folder = '/home/me/clusters';
const syncFile = '/srv/team/kubeconfig.yaml';
const context: TreeModelContext = {
  home,
  syncPaths: [
    { path: folder, isFolder: true },
    { path: syncFile, isFolder: false },
  ],
};

const prod = entry('prod', { server: 'https://10.0.0.1:6443/api-prefix', user: 'alice', namespace: 'web', isCurrentContext: true, line: 7 });
const missingCluster = broken('dev', { code: 'missingCluster', message: 'Context "dev" names cluster "gone", which is not defined. Add it or fix the name.' }, { server: null, line: 15 });
const yamlError = unreadableFile(`${folder}/bad.yaml`, folder, { code: 'yamlSyntax', message: 'YAML syntax error at line 3, column 5: mapping values are not allowed here.', line: 3 });
const inFolder = entry('staging', { source: `${folder}/a.yaml`, sourceGroup: folder, user: null, line: 4 });
const teamEntry = entry('team', { source: syncFile, line: 2 });

describe('catalogTreeModel', () => {
  test('groups by source: KUBECONFIG first, then sync paths in the setting order; labels shortened with ~', () => {
    const groups = catalogTreeModel([teamEntry, inFolder, yamlError, missingCluster, prod], context);
    assert.deepEqual(
      groups.map((g) => [g.id, g.label, g.description, g.sourceKind, g.contextValue, g.icon.id]),
      [
        [`source:${kubeconfig}`, '~/.kube/config', 'KUBECONFIG', 'kubeconfig', 'source.kubeconfig', 'file-code'],
        [`source:${folder}`, '~/clusters', 'sync folder', 'syncFolder', 'source.syncPath', 'folder'],
        [`source:${syncFile}`, syncFile, 'sync file', 'syncFile', 'source.syncPath', 'file'],
      ],
    );
    assert.equal(groups[1]?.tooltip, `${folder}\nsync folder: 2 contexts, 1 invalid`);
  });

  test('within a group: by file (as the sidecar lists a folder), then by line, whatever the arrival order', () => {
    const listingError = unreadableFile(folder, folder, { code: 'unreadableFile', message: 'The folder cannot be listed: permission denied.', line: null });
    const groups = catalogTreeModel([missingCluster, prod, yamlError, inFolder, listingError], context);
    assert.deepEqual(groups[0]?.items.map((i) => i.label), ['prod', 'dev']);
    assert.deepEqual(groups[1]?.items.map((i) => i.label), ['clusters', 'staging', 'bad.yaml']);
  });

  test('a valid current context: server host · user, marked current; tooltip with every detail', () => {
    const [item] = catalogTreeModel([prod], context)[0]?.items ?? [];
    assert.ok(item);
    assert.deepEqual(
      [item.id, item.label, item.description, item.contextValue, item.icon, item.opensKubeconfig],
      ['id-prod', 'prod', '(current) 10.0.0.1:6443 · alice', 'cluster.valid', { id: 'server-environment' }, false],
    );
    assert.equal(
      item.tooltip,
      ['Context: prod', 'Server: https://10.0.0.1:6443/api-prefix', 'User: alice', 'Namespace: web', `Defined in: ${kubeconfig}:7`, 'The current context of KUBECONFIG.'].join('\n'),
    );
  });

  test('a valid entry without a user shows the host alone and the default namespace', () => {
    const [item] = catalogTreeModel([inFolder], context)[0]?.items ?? [];
    assert.equal(item?.description, 'staging.example.com:6443');
    assert.match(item?.tooltip ?? '', /Namespace: \(default\)/);
  });

  test('an invalid context: a short reason, a warning icon, the full message and its location in the tooltip; click opens it', () => {
    const [, item] = catalogTreeModel([prod, missingCluster], context)[0]?.items ?? [];
    assert.ok(item);
    assert.deepEqual(
      [item.label, item.description, item.contextValue, item.icon, item.opensKubeconfig],
      ['dev', 'cluster not defined', 'cluster.invalid', { id: 'warning', color: 'list.warningForeground' }, true],
    );
    assert.match(item.tooltip, /^Context: dev\n/);
    assert.match(item.tooltip, /\nProblem: Context "dev" names cluster "gone", which is not defined\. Add it or fix the name\.\n/);
    assert.match(item.tooltip, new RegExp(`\\nAt: ${kubeconfig}:15$`));
    assert.doesNotMatch(item.tooltip, /Server:/);
  });

  test('a whole file that cannot be read: its file name, the reason, and where', () => {
    const [item] = catalogTreeModel([yamlError], context)[0]?.items ?? [];
    assert.ok(item);
    assert.deepEqual([item.id, item.label, item.description, item.contextValue], [`file-${folder}/bad.yaml`, 'bad.yaml', 'YAML syntax error', 'cluster.invalid']);
    assert.equal(item.tooltip, `This file cannot be used: ${yamlError.error?.message}\nAt: ${folder}/bad.yaml:3`);
  });

  test('a folder sync path is recognised by its files even before the setting says so; ~ in the setting matches', () => {
    const groups = catalogTreeModel([inFolder], { home, syncPaths: [] });
    assert.deepEqual([groups[0]?.sourceKind, groups[0]?.contextValue], ['syncFolder', 'source.kubeconfig']);
    const tilde = catalogTreeModel([teamEntry], { home: '/srv', syncPaths: [{ path: '~/team/kubeconfig.yaml/', isFolder: false }] });
    assert.deepEqual([tilde[0]?.sourceKind, tilde[0]?.label], ['syncFile', '~/team/kubeconfig.yaml']);
  });

  test('an empty catalog is an empty tree (the welcome text shows)', () => {
    assert.deepEqual(catalogTreeModel([], context), []);
  });

  test('kubeconfigLocation: the error for an invalid entry, the definition for a valid one', () => {
    assert.deepEqual(kubeconfigLocation(prod), { file: kubeconfig, line: 7 });
    assert.deepEqual(kubeconfigLocation(yamlError), { file: `${folder}/bad.yaml`, line: 3 });
  });
});
