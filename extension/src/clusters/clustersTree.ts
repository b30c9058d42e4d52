import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { CatalogStore } from '../catalog/catalogStore';
import { catalogTreeModel, type CatalogTreeNode, type SourceGroupView } from '../catalog/catalogTreeModel';
import { describeSyncPaths } from '../catalog/syncPaths';
import { readSyncPathsSetting } from '../config';
import { CommandIds, SettingIds, ViewIds } from '../ids';
import { t } from '../l10n';
import { strings } from '../strings';
import type { ClusterStore } from './clusterStore';

/**
 * The Clusters view. It only renders: the nodes are `catalogTreeModel(store.entries)`, recomputed when the store or
 * the sync-path setting changes (the setting decides which groups are sync paths). An empty catalog shows the view's
 * welcome text (`viewsWelcome` in package.json).
 */
export class ClustersTreeProvider implements vscode.TreeDataProvider<CatalogTreeNode> {
  private groups: readonly SourceGroupView[] = [];
  private readonly changed = new vscode.EventEmitter<void>();

  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly model: () => SourceGroupView[]) {
    this.groups = model();
  }

  /** Recomputes the model once per change; `getChildren` then only hands out what is already built. */
  refresh(): void {
    this.groups = this.model();
    this.changed.fire();
  }

  getTreeItem(node: CatalogTreeNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, collapsibleState(node));
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.contextValue = node.contextValue;
    item.iconPath = new vscode.ThemeIcon(node.icon.id, node.icon.color === undefined ? undefined : new vscode.ThemeColor(node.icon.color));
    if (node.kind === 'cluster' && node.opensKubeconfig) {
      item.command = { command: CommandIds.openKubeconfig, title: t(strings.openKubeconfigCommand), arguments: [node] };
    } else if (node.kind === 'cluster' && node.connectsOnClick) {
      item.command = { command: CommandIds.connect, title: t(strings.connectCommand), arguments: [node] };
    }
    return item;
  }

  getChildren(node?: CatalogTreeNode): CatalogTreeNode[] {
    if (node === undefined) {
      return [...this.groups];
    }
    switch (node.kind) {
      case 'source':
        return [...node.items];
      case 'cluster':
        return [...node.stages];
      case 'stage':
        return [];
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function collapsibleState(node: CatalogTreeNode): vscode.TreeItemCollapsibleState {
  if (node.kind === 'source') {
    return vscode.TreeItemCollapsibleState.Expanded;
  }
  if (node.kind === 'cluster' && node.stages.length > 0) {
    return node.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  }
  return vscode.TreeItemCollapsibleState.None;
}

export function createClustersView(store: CatalogStore, clusters: ClusterStore): vscode.Disposable {
  const model = (): SourceGroupView[] => {
    const home = homedir();
    return catalogTreeModel(store.entries, { home, syncPaths: describeSyncPaths(readSyncPathsSetting(), home), t, clusters: (id) => clusters.get(id) });
  };
  const provider = new ClustersTreeProvider(model);
  const view = vscode.window.createTreeView(ViewIds.clusters, { treeDataProvider: provider, showCollapseAll: true });
  return vscode.Disposable.from(
    view,
    provider,
    store.onDidChange(() => provider.refresh()),
    clusters.onDidChange(() => provider.refresh()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SettingIds.kubeconfigSyncPaths)) {
        provider.refresh();
      }
    }),
  );
}
