// The resource views as the Clusters tree adapter shows them, against the fake `vscode` and a fake sidecar client:
// Namespaces and Resources under a ready cluster, a kind subscribes when expanded and redraws alone when its rows
// change, rows go stale while the cluster reconnects and refresh by themselves on the sidecar's reset, collapsing
// unsubscribes, Filter by Namespace re-subscribes, Open YAML shows resources/get's YAML read-only.
import { fake } from '../support/installFakeVscode';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createClustersView } from '../../../extension/src/clusters/clustersTree';
import { registerResourceCommands } from '../../../extension/src/commands/resourceCommands';
import { CommandIds, ViewIds, yamlScheme } from '../../../extension/src/ids';
import { ResourceTreeSource } from '../../../extension/src/resources/resourceTreeSource';
import { ResourceViews } from '../../../extension/src/resources/resourceViews';
import { YamlDocuments } from '../../../extension/src/resources/yamlDocuments';
import { info } from '../support/clusterInfo';
import { clusterFixture } from '../support/clusterFixture';
import { FakeClock } from '../support/fakeClock';
import { settle } from '../support/fakeSidecar';
import type { TreeItem } from '../support/fakeVscodeTypes';
import { health } from '../support/health';
import { kind, pod, podColumns } from '../support/resources';

const { api, record } = fake;
const now = Date.parse('2026-11-27T15:00:00Z');

test('resource nodes: expand, live rows, stale while reconnecting, reset, collapse, filter and Open YAML', async () => {
  const { catalog, sidecar, client, clusters, connections, focus, log } = clusterFixture('prod');
  const clock = new FakeClock();
  const views = new ResourceViews(clusters, sidecar, { clock });
  const yaml = new YamlDocuments(connections, catalog);
  const disposables = [
    createClustersView(catalog, clusters, { source: new ResourceTreeSource(clusters, views, () => now), focus }),
    registerResourceCommands({ log, catalog, connections, focus, views, yaml }),
    api.workspace.registerTextDocumentContentProvider(yamlScheme, yaml),
  ];
  const provider = record.trees.get(ViewIds.clusters);
  assert.ok(provider);
  const redrawn: unknown[] = [];
  provider.onDidChangeTreeData?.((node: unknown) => redrawn.push(node));
  const children = (node?: unknown): unknown[] => provider.getChildren(node);
  const item = (node: unknown): TreeItem => provider.getTreeItem(node);
  const byLabel = (nodes: unknown[], label: string): unknown => nodes.find((n) => item(n).label === label);
  const text = (nodes: unknown[]): string[] => nodes.map((n) => `${item(n).label} ${item(n).description ?? ''}`.trim());

  clusters.applyInfo(
    info('id-prod', 'ready', {
      health: health('id-prod', 'ready'),
      namespaces: ['default', 'team-a'],
      listableResources: [kind('', 'pods', 'Pod'), kind('apps', 'deployments', 'Deployment')],
    }),
  );
  const cluster = children(children()[0])[0];
  const [namespaces, resources] = children(cluster);
  assert.deepEqual([item(namespaces).label, item(resources).label, item(resources).description], ['Namespaces', 'Resources', 'all namespaces']);
  assert.deepEqual(text(children(namespaces)), ['default', 'team-a'], 'namespaces from the activation: no LIST on namespaces here');
  assert.deepEqual(text(children(resources)), ['core', 'apps']);

  const podsKind = byLabel(children(children(resources)[0]), 'Pod');
  assert.deepEqual(text(children(podsKind)), ['Loading…']);
  const subscribe = client.calls.find((c) => c.method === 'resources/subscribe');
  const { subscriptionId } = subscribe?.params as { subscriptionId: string };
  redrawn.length = 0;
  subscribe?.resolve({ items: [pod('web-1'), pod('web-2')], stale: false, columns: podColumns });
  await settle();
  clock.advance(100);
  assert.deepEqual(redrawn, [podsKind], 'only the kind node is redrawn');
  assert.deepEqual([item(podsKind).description, text(children(podsKind))], ['2', ['web-1 Running · 1/1 · 0 · 3h', 'web-2 Running · 1/1 · 0 · 3h']]);

  // The cluster reconnects: rows stay, marked stale; the sidecar's reset after recovery re-renders by itself.
  clusters.applyHealth(health('id-prod', 'reconnecting', { attempt: 2 }));
  assert.deepEqual([item(podsKind).description, text(children(podsKind))[0]], ['(stale) 2', 'web-1 (stale) Running · 1/1 · 0 · 3h']);
  assert.equal(item(children(children()[0])[0]).description, 'reconnecting (attempt 2)…', 'the cluster item after the redraw');
  clusters.applyHealth(health('id-prod', 'ready', { generation: 2 }));
  client.send('resources/changed', { subscriptionId, type: 'reset', items: [pod('web-2'), pod('web-3')], stale: false });
  clock.advance(100);
  assert.deepEqual(text(children(podsKind)), ['web-2 Running · 1/1 · 0 · 3h', 'web-3 Running · 1/1 · 0 · 3h']);

  // Open YAML on a row: a read-only yaml document from resources/get.
  const row = children(podsKind)[0];
  const opened = api.commands.executeCommand(CommandIds.openYaml, row);
  await record.until(() => client.calls.some((c) => c.method === 'resources/get'));
  const get = client.calls.find((c) => c.method === 'resources/get');
  assert.deepEqual(get?.params, { clusterId: 'id-prod', group: '', version: 'v1', resource: 'pods', namespace: 'default', name: 'web-2' });
  get?.resolve({ yaml: 'apiVersion: v1\nkind: Pod\n', resourceVersion: '42' });
  await opened;
  assert.deepEqual(record.editors.at(-1), { path: '/prod/default/pods/web-2.yaml', text: 'apiVersion: v1\nkind: Pod\n', languageId: 'yaml' });

  // Filter by Namespace: the pick re-subscribes the open kind with the namespace and names it on the Resources node.
  record.answers.quickPick.push((items) => (items as Array<{ label: string }>).find((i) => i.label === 'team-a'));
  await api.commands.executeCommand(CommandIds.filterNamespace, resources);
  const resubscribe = client.calls.filter((c) => c.method === 'resources/subscribe').at(-1);
  assert.equal((resubscribe?.params as { namespace: string | null }).namespace, 'team-a');
  assert.equal(item(resources).description, 'namespace team-a');

  // Collapsing Resources unsubscribes the views under it.
  const before = client.calls.filter((c) => c.method === 'resources/unsubscribe').length;
  record.treeEvents.get(ViewIds.clusters)?.collapse(resources);
  assert.equal(client.calls.filter((c) => c.method === 'resources/unsubscribe').length, before + 1);

  for (const d of disposables) {
    d.dispose();
  }
  views.dispose();
  connections.dispose();
});
