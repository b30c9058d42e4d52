import * as vscode from 'vscode';
import type { ResourceTreeNode } from '../resources/resourceTreeModel';
import type { ResourceViews } from '../resources/resourceViews';
import type { YamlDocuments } from '../resources/yamlDocuments';
import { CommandIds } from '../ids';
import { t } from '../l10n';
import type { CatalogEntry } from '../protocol';
import { strings } from '../strings';
import { connected, pickCluster, targetOf, type ClusterCommandTargets } from './clusterCommands';

export interface ResourceCommandTargets extends ClusterCommandTargets {
  readonly views: ResourceViews;
  readonly yaml: YamlDocuments;
}

/** Filter by Namespace… (per cluster) and Open YAML (on an object row). */
export function registerResourceCommands(targets: ResourceCommandTargets): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(CommandIds.filterNamespace, async (arg?: unknown) => {
      const entry = targetOf(targets, arg) ?? targetOf(targets, targets.focus.id) ?? (await pickCluster(targets, t(strings.clusterPickFilter), connected));
      if (entry) {
        await filterNamespace(targets, entry);
      }
    }),
    vscode.commands.registerCommand(CommandIds.openYaml, async (arg?: unknown) => {
      if (isRow(arg)) {
        const { clusterId, ref, row } = arg;
        await targets.yaml.open({ clusterId, group: ref.group, version: ref.version, resource: ref.resource, namespace: row.namespace, name: row.name });
      }
    }),
  );
}

/** A QuickPick of the cluster's namespaces (the live list when the Namespaces node has one) and "All namespaces". */
async function filterNamespace(targets: ResourceCommandTargets, entry: CatalogEntry): Promise<void> {
  const state = targets.connections.store.get(entry.id);
  if (state.status !== 'ready') {
    void vscode.window.showInformationMessage(t(strings.clusterNotReady, entry.name));
    return;
  }
  const live = targets.views.peek(`${entry.id}/namespaces`);
  const names = live && live.rows.length > 0 ? live.rows.map((row) => row.name) : (state.info?.namespaces ?? []);
  const current = targets.views.namespaceFilter(entry.id);
  const all = { label: `$(globe) ${t(strings.filterAll)}`, namespace: null, description: current === null ? t(strings.filterCurrent) : undefined };
  const items = [all, ...names.map((name) => ({ label: name, namespace: name, description: name === current ? t(strings.filterCurrent) : undefined }))];
  const picked = await vscode.window.showQuickPick(items, { placeHolder: t(strings.filterPlaceholder, entry.name) });
  if (picked !== undefined) {
    targets.focus.set(entry.id);
    targets.views.setNamespaceFilter(entry.id, picked.namespace);
  }
}

function isRow(value: unknown): value is Extract<ResourceTreeNode, { kind: 'resourceItem' }> {
  return typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'resourceItem';
}
