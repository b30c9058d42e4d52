// package.json and the code name the same commands, view, settings and status item; this keeps them in step.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { clusterStatusItemId, CommandIds, extensionId, SettingIds, statusItemId, TreeItemContexts, ViewIds } from '../../extension/src/ids';
import { findRepoRoot } from './support/repoRoot';

interface Manifest {
  publisher: string;
  name: string;
  main: string;
  activationEvents: string[];
  contributes: {
    commands: Array<{ command: string; title: string; category: string }>;
    viewsContainers: { activitybar: Array<{ id: string; title: string; icon: string }> };
    views: Record<string, Array<{ id: string; name: string }>>;
    viewsWelcome: Array<{ view: string; contents: string }>;
    menus: Record<string, Array<{ command: string; when?: string; group?: string }>>;
    configuration: { properties: Record<string, { type: string; scope?: string; items?: { type: string } }> };
  };
}

const repoRoot = findRepoRoot(__dirname);
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest;

test('every command the code registers is contributed, in the Kubelink category', () => {
  const contributed = manifest.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(contributed, Object.values(CommandIds).sort());
  assert.ok(manifest.contributes.commands.every((c) => c.category === 'Kubelink'));
  assert.deepEqual(manifest.contributes.commands.map((c) => c.title).sort(), [
    'Add EKS Clusters…',
    'Add Kubeconfig File or Folder',
    'Clear Rancher API Key',
    'Cluster Actions…',
    'Connect',
    'Copy GraphQL Endpoint',
    'Copy Proxy Kubeconfig Path',
    'Create Simulated Cluster…',
    'Delete Simulated Cluster',
    'Disconnect',
    'Filter by Namespace…',
    'Open GraphQL for Cluster',
    'Open Kubeconfig at Error',
    'Open Terminal',
    'Open YAML',
    'Reconnect Now',
    'Refresh Catalog',
    'Refresh Cluster',
    'Refresh EKS Clusters',
    'Register Cluster for GraphQL…',
    'Remove EKS Connection',
    'Remove Sync Path',
    'Restart Sidecar',
    'Run GraphQL Gateway for Management Cluster',
    'Set Default Namespace',
    'Set Rancher API Key…',
    'Show Log',
  ]);
});

test('menus name only contributed commands, in the Clusters view, matching only the contextValues the tree sets', () => {
  const commands = new Set(Object.values(CommandIds) as string[]);
  const contexts = new Set(Object.values(TreeItemContexts) as string[]);
  for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
    if (menu === 'commandPalette') {
      continue;
    }
    for (const item of items) {
      assert.ok(commands.has(item.command), `${menu}: ${item.command}`);
      assert.match(item.when ?? '', new RegExp(`^view == ${ViewIds.clusters.replace('.', '\\.')}\\b`), `${menu}: ${item.command}`);
      for (const [, value] of (item.when ?? '').matchAll(/viewItem == ([\w.]+)/g)) {
        assert.ok(contexts.has(value ?? ''), `${menu}: unknown contextValue ${value}`);
      }
    }
  }
  const title = manifest.contributes.menus['view/title']?.map((m) => m.command);
  assert.deepEqual(title, [CommandIds.addSyncPath, CommandIds.addEksClusters, CommandIds.refreshCatalog, CommandIds.restartSidecar, CommandIds.showLog, CommandIds.createSimulatedCluster]);
  const itemMenus = manifest.contributes.menus['view/item/context'] ?? [];
  assert.ok(itemMenus.some((m) => m.command === CommandIds.removeSyncPath && m.when?.includes(`viewItem == ${TreeItemContexts.syncPathSource}`)));
  assert.ok(itemMenus.some((m) => m.command === CommandIds.openKubeconfig && m.when?.includes(`viewItem == ${TreeItemContexts.invalidCluster}`)));
  // Every clause of an `a || b` when-clause names the view, so no cluster command leaks into another tree.
  for (const item of itemMenus) {
    for (const clause of (item.when ?? '').split('||')) {
      assert.match(clause.trim(), /^view == kubelink\.clusters && /, `${item.command}: ${clause}`);
    }
  }
  const connectWhen = itemMenus.filter((m) => m.command === CommandIds.connect).map((m) => m.when ?? '');
  assert.ok(connectWhen.every((w) => w.includes(`viewItem == ${TreeItemContexts.validCluster}`) && w.includes(`viewItem == ${TreeItemContexts.failedCluster}`)));
  for (const command of [CommandIds.refreshCluster, CommandIds.copyProxyKubeconfigPath, CommandIds.setDefaultNamespace, CommandIds.reconnect]) {
    assert.ok(itemMenus.some((m) => m.command === command && m.when?.includes(`viewItem == ${TreeItemContexts.connectedCluster}`)), command);
  }
});

test('resource commands sit on resource nodes; those that need a tree node are hidden from the palette', () => {
  const itemMenus = manifest.contributes.menus['view/item/context'] ?? [];
  const on = (command: string, context: string, group?: string): boolean =>
    itemMenus.some((m) => m.command === command && (m.when ?? '').includes(`viewItem == ${context}`) && (group === undefined || m.group === group));
  assert.ok(on(CommandIds.openYaml, TreeItemContexts.resourceItem, 'inline'));
  assert.ok(on(CommandIds.openYaml, TreeItemContexts.resourceItem));
  assert.ok(on(CommandIds.filterNamespace, TreeItemContexts.resources, 'inline'));
  assert.ok(on(CommandIds.filterNamespace, TreeItemContexts.connectedCluster));
  const palette = manifest.contributes.menus['commandPalette'] ?? [];
  assert.deepEqual(palette.map((m) => [m.command, m.when]), [
    [CommandIds.clusterActions, 'false'],
    [CommandIds.openYaml, 'false'],
  ]);
});

test('the Kubelink activity-bar container holds the Clusters view, with a welcome text', () => {
  const [container] = manifest.contributes.viewsContainers.activitybar;
  assert.deepEqual(container && [container.id, container.title], [ViewIds.container, 'Kubelink']);
  assert.ok(readFileSync(join(repoRoot, container?.icon ?? 'missing'), 'utf8').includes('<svg'));
  assert.deepEqual(manifest.contributes.views[ViewIds.container]?.map((v) => [v.id, v.name]), [[ViewIds.clusters, 'Clusters']]);
  const welcome = manifest.contributes.viewsWelcome.find((w) => w.view === ViewIds.clusters)?.contents ?? '';
  assert.match(welcome, /KUBECONFIG/);
  assert.match(welcome, /~\/\.kube\/config/);
  assert.match(welcome, /\(command:kubelink\.showLog\)/);
  assert.match(welcome, /\(command:kubelink\.addSyncPath\)/);
});

test('activation: on start-up and when the view opens', () => {
  assert.deepEqual(manifest.activationEvents, ['onStartupFinished', `onView:${ViewIds.clusters}`]);
  assert.equal(manifest.main, './out/extension.js');
});

test('the settings are contributed, machine-scoped, with the documented types', () => {
  const properties = manifest.contributes.configuration.properties;
  assert.deepEqual(Object.keys(properties).sort(), Object.values(SettingIds).sort());
  assert.equal(properties[SettingIds.sidecarPath]?.type, 'string');
  assert.deepEqual(properties[SettingIds.kubeconfigSyncPaths]?.items, { type: 'string' });
  assert.equal(properties[SettingIds.clustersAccessibleNamespaces]?.type, 'object');
  assert.deepEqual((properties[SettingIds.clustersAccessibleNamespaces] as { additionalProperties?: unknown } | undefined)?.additionalProperties, {
    type: 'array',
    items: { type: 'string' },
  });
  assert.ok(Object.values(properties).every((p) => p.scope === 'machine'));
  // The health defaults are the sidecar's own (SidecarSettings), so an untouched setting changes nothing.
  const defaults = [SettingIds.healthProbeInterval, SettingIds.healthProbeTimeout, SettingIds.healthReconnectMaxDelay].map(
    (id) => [properties[id]?.type, (properties[id] as { default?: unknown } | undefined)?.default],
  );
  assert.deepEqual(defaults, [
    ['number', 5],
    ['number', 3],
    ['number', 30],
  ]);
});

test("the status items' DOM ids are <publisher>.<name>.<item id>", () => {
  // VS Code builds it from the lower-cased extension id; the e2e tests find the item by this id.
  assert.equal(`${manifest.publisher}.${manifest.name}`, extensionId);
  assert.equal(`${extensionId.toLowerCase()}.${statusItemId}`, 'kubelink.kubelink.kubelink.status');
  assert.equal(`${extensionId.toLowerCase()}.${clusterStatusItemId}`, 'kubelink.kubelink.kubelink.cluster');
});
