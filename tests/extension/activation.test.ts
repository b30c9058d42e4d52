// extension.ts against a fake `vscode` and the real sidecar: activate wires the status bar, the commands and the
// Clusters view and gets the sidecar to ready; "Restart Sidecar" brings up a new process; sync-path settings reach
// the running sidecar; deactivate stops it cleanly.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CommandIds, statusItemId, ViewIds } from '../../extension/src/ids';
import { createFakeVscode, fakeExtensionContext, withFakeVscode } from './support/fakeVscode';
import { isolatedHome, patchProcessEnv } from './support/isolatedHome';
import { findRepoRoot } from './support/repoRoot';

const repoRoot = findRepoRoot(__dirname);
// The extension spawns the sidecar with this process's environment: HOME, KUBECONFIG and the state folder are patched.
const isolated = isolatedHome('kubelink-ext-activation-');
const stateDir = isolated.stateDir;
after(() => isolated.dispose());

interface ExtensionModule {
  activate(context: unknown): void;
  deactivate(): Promise<void>;
}

test('activate → ready → Restart Sidecar → sync-path settings → deactivate, with the real sidecar', { timeout: 120_000 }, async () => {
  const { api, record } = createFakeVscode({ 'kubelink.sidecar.path': '', 'kubelink.kubeconfig.syncPaths': [] });
  // The built bundle, as VS Code loads it (scripts/test-ext.mjs builds it before the tests).
  const extension = withFakeVscode(api, () => createRequire(__filename)(join(repoRoot, 'out', 'extension.js')) as ExtensionModule);
  const restoreEnv = patchProcessEnv({ HOME: isolated.home, KUBECONFIG: undefined, KUBELINK_STATE_DIR: stateDir });
  try {
    extension.activate(fakeExtensionContext(repoRoot));

    const [item] = record.statusItems;
    assert.ok(item);
    assert.equal(item.id, statusItemId);
    assert.equal(item.visible, true);
    assert.deepEqual([...record.commands.keys()].sort(), Object.values(CommandIds).sort());
    assert.deepEqual(record.treeViews, [ViewIds.clusters]);

    await item.until((text) => text === '$(pass) Kubelink');
    const firstTooltip = String(item.tooltip);
    assert.match(firstTooltip, /process \d+/);

    await api.commands.executeCommand(CommandIds.restartSidecar);
    await item.until((text) => text === '$(pass) Kubelink');
    const restartedTooltip = String(item.tooltip);
    assert.notEqual(restartedTooltip, firstTooltip, 'a new sidecar process answers after the restart');

    assert.deepEqual(record.messages, [], 'no notification on a clean start and restart');

    // New sync paths go to the running sidecar, no restart; a relative one is refused and the user is told.
    record.changeSettings({ 'kubelink.kubeconfig.syncPaths': [join(stateDir, 'more-kubeconfigs')] });
    await record.until(() => record.log.some((line) => /← kubeconfig\/setSyncPaths ok/.test(line)));
    record.changeSettings({ 'kubelink.kubeconfig.syncPaths': ['relative/config'] });
    await record.until(() => record.messages.length > 0);
    assert.match(record.messages[0] ?? '', /^error: .*relative.*kubelink\.kubeconfig\.syncPaths/);
    assert.equal(String(item.tooltip), restartedTooltip, 'the same sidecar process is still running');

    await extension.deactivate();
    assert.equal(item.visible, false);
    assert.equal(record.log.filter((line) => /Sidecar \d+ exited \(exit code 0\)/.test(line)).length, 2, record.log.join('\n'));
  } finally {
    restoreEnv();
  }
});
