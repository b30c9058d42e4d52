// The Clusters view as the activated extension renders it, against a fake `vscode` and the real sidecar: the tree
// groups the kubeconfig's contexts, an invalid one opens its file at the error, edits and added/removed sync folders
// reach the tree by themselves, and Refresh Catalog answers without an error.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CommandIds, ViewIds } from '../../extension/src/ids';
import { createFakeVscode, fakeExtensionContext, withFakeVscode } from './support/fakeVscode';
import { renderTree, Uri, type ThemeIcon } from './support/fakeVscodeTypes';
import { isolatedHome, patchProcessEnv } from './support/isolatedHome';
import { findRepoRoot } from './support/repoRoot';

const repoRoot = findRepoRoot(__dirname);
const isolated = isolatedHome('kubelink-ext-view-');
after(() => isolated.dispose());

const kubeconfig = join(isolated.home, '.kube', 'config');
const syncFolder = join(isolated.home, 'synced');
const yaml = (contexts: Array<[string, string]>): string =>
  'apiVersion: v1\nkind: Config\ncurrent-context: prod\nclusters:\n- name: c1\n  cluster:\n    server: https://10.1.2.3:6443\n' +
  'users:\n- name: alice\n  user:\n    token: not-a-secret\ncontexts:\n' +
  contexts.map(([name, cluster]) => `- name: ${name}\n  context:\n    cluster: ${cluster}\n    user: alice\n`).join('');

interface ExtensionModule {
  activate(context: unknown): void;
  deactivate(): Promise<void>;
}

test('the Clusters view renders the real catalog and follows edits, sync paths and refresh', { timeout: 120_000 }, async () => {
  mkdirSync(join(isolated.home, '.kube'), { recursive: true });
  mkdirSync(syncFolder, { recursive: true });
  writeFileSync(kubeconfig, yaml([['prod', 'c1'], ['dev', 'nowhere']]));
  writeFileSync(join(syncFolder, 'team.yaml'), yaml([['team', 'c1']]));

  const { api, record } = createFakeVscode({ 'kubelink.sidecar.path': '', 'kubelink.kubeconfig.syncPaths': [] });
  const extension = withFakeVscode(api, () => createRequire(__filename)(join(repoRoot, 'out', 'extension.js')) as ExtensionModule);
  const restoreEnv = patchProcessEnv({ HOME: isolated.home, KUBECONFIG: undefined, KUBELINK_STATE_DIR: isolated.stateDir });
  try {
    extension.activate(fakeExtensionContext(repoRoot));
    const provider = record.trees.get(ViewIds.clusters);
    assert.ok(provider);
    const tree = () => renderTree(provider);
    const labels = () => tree().map((group) => `${group.item.label} [${group.item.description}]: ${group.children.map((c) => c.item.label).join(', ')}`);
    /** Waits for the tree to read `expected`; bounded, so a tree that never gets there fails showing what it shows. */
    const until = (expected: string[], timeoutMs = 30_000): Promise<void> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the tree shows ${JSON.stringify(labels())}, not ${JSON.stringify(expected)}`)), timeoutMs);
      });
      return Promise.race([record.until(() => labels().join('\n') === expected.join('\n')), timeout]).finally(() => clearTimeout(timer));
    };

    await until(['~/.kube/config [KUBECONFIG]: prod, dev']);
    const [prod, dev] = tree()[0]?.children ?? [];
    // A click on a valid, disconnected cluster connects it (the tree item itself is the argument).
    assert.deepEqual([prod?.item.description, prod?.item.contextValue, prod?.item.command?.command], ['(current) 10.1.2.3:6443 · alice', 'cluster.valid', CommandIds.connect]);
    assert.equal(prod?.item.collapsibleState, 0, 'a disconnected cluster has no stage log to expand');
    assert.deepEqual([dev?.item.description, dev?.item.contextValue, (dev?.item.iconPath as ThemeIcon).id], ['cluster not defined', 'cluster.invalid', 'warning']);
    assert.equal(dev?.item.id, (dev?.node as { entry: { id: string } }).entry.id, 'the tree item id is the catalog id');

    // Clicking the invalid item runs its command: the kubeconfig opens at the error's line (1-based → 0-based).
    const click = dev?.item.command;
    assert.equal(click?.command, CommandIds.openKubeconfig);
    await api.commands.executeCommand(click?.command ?? '', ...(click?.arguments ?? []));
    const [editor] = record.editors;
    assert.equal(editor?.path, kubeconfig);
    assert.equal(editor?.selection?.start.line, (dev?.node as { entry: { line: number } }).entry.line - 1);

    // An edit of the file reaches the tree through catalog/changed.
    writeFileSync(kubeconfig, yaml([['prod', 'c1'], ['dev', 'c1'], ['qa', 'c1']]));
    await until(['~/.kube/config [KUBECONFIG]: prod, dev, qa']);
    assert.equal(tree()[0]?.children[1]?.item.contextValue, 'cluster.valid');

    // Add Kubeconfig File or Folder: the user picks "a folder", then the folder, and the setting gets it.
    record.answers.quickPick.push((items) => items[1]);
    record.answers.openDialog.push(() => [Uri.file(syncFolder)]);
    await api.commands.executeCommand(CommandIds.addSyncPath);
    assert.deepEqual(record.settingUpdates.at(-1), { key: 'kubelink.kubeconfig.syncPaths', value: [syncFolder], target: 1 });
    await until(['~/.kube/config [KUBECONFIG]: prod, dev, qa', '~/synced [sync folder]: team']);
    const group = tree()[1];
    assert.equal(group?.item.contextValue, 'source.syncPath');

    // Remove Sync Path from the group's context menu.
    await api.commands.executeCommand(CommandIds.removeSyncPath, group?.node);
    assert.deepEqual(record.settingUpdates.at(-1)?.value, []);
    await until(['~/.kube/config [KUBECONFIG]: prod, dev, qa']);

    await api.commands.executeCommand(CommandIds.refreshCatalog);
    assert.ok(record.log.some((line) => /← catalog\/refresh ok/.test(line)));
    assert.deepEqual(record.messages, [], 'no error and no notice on the way');
  } finally {
    await extension.deactivate();
    restoreEnv();
  }
});
