// The catalog path end to end without VS Code: the real sidecar reads a kubeconfig in a throwaway HOME, the store
// loads it through CatalogSync, the tree model renders it, and edits of the file (and a sidecar restart) reach the
// store. Waits are on store events, each bounded so a hang fails with what the store held.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CatalogStore } from '../../../extension/src/catalog/catalogStore';
import { CatalogSync } from '../../../extension/src/catalog/catalogSync';
import { catalogTreeModel } from '../../../extension/src/catalog/catalogTreeModel';
import type { CatalogEntry } from '../../../extension/src/protocol';
import { createLauncher } from '../../../extension/src/sidecar/launcher';
import type { SidecarSession } from '../../../extension/src/sidecar/session';
import { Supervisor } from '../../../extension/src/sidecar/supervisor';
import { isolatedHome } from '../support/isolatedHome';
import { RecordingLogger } from '../support/recordingLogger';
import { StateRecorder } from '../support/states';
import { findRepoRoot } from '../support/repoRoot';

const repoRoot = findRepoRoot(__dirname);
const isolated = isolatedHome('kubelink-ext-catalog-');
const kubeconfig = join(isolated.home, '.kube', 'config');
after(() => isolated.dispose());

const cluster = (name: string): string => `- name: ${name}\n  cluster:\n    server: https://127.0.0.1:6443\n`;
const context = (name: string, clusterName: string): string => `- name: ${name}\n  context:\n    cluster: ${clusterName}\n    user: alice\n`;
function writeKubeconfig(clusters: string[], contexts: string[]): void {
  mkdirSync(join(isolated.home, '.kube'), { recursive: true });
  const users = '- name: alice\n  user:\n    token: not-a-secret\n';
  writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\ncurrent-context: prod\nclusters:\n${clusters.join('')}users:\n${users}contexts:\n${contexts.join('')}`);
}

/** Resolves once `check` holds for the store's entries (now or after a change); rejects after `timeoutMs`. */
function storeUntil(store: CatalogStore, check: (entries: readonly CatalogEntry[]) => boolean, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    if (check(store.entries)) {
      resolvePromise();
      return;
    }
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`store did not get there within ${timeoutMs} ms; it holds: ${JSON.stringify(store.entries, null, 1)}`));
    }, timeoutMs);
    const subscription = store.onDidChange(() => {
      if (check(store.entries)) {
        clearTimeout(timer);
        subscription.dispose();
        resolvePromise();
      }
    });
  });
}

const summary = (entries: readonly CatalogEntry[]): string[] => entries.map((e) => `${e.name}:${e.state}`).sort();

describe('the catalog from the real sidecar', { timeout: 120_000 }, () => {
  test('lists a valid and a broken context, follows edits of the file, and reloads after a restart', async () => {
    writeKubeconfig([cluster('prod-cluster')], [context('prod', 'prod-cluster'), context('dev', 'missing-cluster')]);
    const log = new RecordingLogger();
    const launch = createLauncher({
      extensionPath: repoRoot,
      config: () => ({ sidecarPath: undefined, settings: { kubeconfigSyncPaths: [] } }),
      clientVersion: '0.0.0-test',
      log,
      env: isolated.env,
    });
    const supervisor = new Supervisor<SidecarSession>({ launch, log });
    const states = new StateRecorder(supervisor.onDidChangeState);
    const store = new CatalogStore();
    const errors: unknown[] = [];
    const sync = new CatalogSync(store, supervisor, (error) => errors.push(error));
    try {
      const listed = storeUntil(store, (entries) => entries.length === 2);
      await supervisor.start();
      await listed;

      const [group, ...others] = catalogTreeModel(store.entries, { home: isolated.home, syncPaths: [] });
      assert.deepEqual(others, []);
      assert.deepEqual([group?.label, group?.description, group?.contextValue], ['~/.kube/config', 'KUBECONFIG', 'source.kubeconfig']);
      const [prod, dev] = group?.items ?? [];
      assert.deepEqual([prod?.label, prod?.description, prod?.contextValue], ['prod', '(current) 127.0.0.1:6443 · alice', 'cluster.valid']);
      assert.deepEqual([dev?.label, dev?.description, dev?.contextValue, dev?.opensKubeconfig], ['dev', 'cluster not defined', 'cluster.invalid', true]);
      assert.match(dev?.tooltip ?? '', /Problem: .*'missing-cluster'/);
      assert.match(dev?.tooltip ?? '', new RegExp(`At: ${kubeconfig}:\\d+`));

      // Fixing the broken context is an update; a new context is an add; both arrive as catalog/changed.
      const edited = storeUntil(store, (entries) => summary(entries).join() === 'dev:valid,prod:valid,qa:valid');
      writeKubeconfig([cluster('prod-cluster'), cluster('missing-cluster')], [context('prod', 'prod-cluster'), context('dev', 'missing-cluster'), context('qa', 'prod-cluster')]);
      await edited;
      assert.equal(store.get(prod?.id ?? '')?.id, prod?.id, 'ids are stable across edits');

      // The file changes while the sidecar is down; the restarted session's list is what the store then holds.
      const first = supervisor.session;
      assert.ok(first);
      const restarting = states.next('restarting');
      const ready = states.next('ready');
      process.kill(first.info.capabilities.processId, 'SIGKILL');
      await restarting;
      writeKubeconfig([cluster('prod-cluster')], [context('prod', 'prod-cluster')]);
      const reloaded = storeUntil(store, (entries) => summary(entries).join() === 'prod:valid');
      await ready;
      await reloaded;
      assert.deepEqual(errors, []);
    } finally {
      sync.dispose();
      await supervisor.stop();
    }
  });
});
