import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { CatalogStore } from '../catalog/catalogStore';
import { catalogTreeModel, type CatalogTreeNode, type SourceGroupView } from '../catalog/catalogTreeModel';
import { describeSyncPaths } from '../catalog/syncPaths';
import { readSyncPathsSetting } from '../config';
import { CommandIds, SettingIds, ViewIds } from '../ids';
import { t } from '../l10n';
import { strings } from '../strings';

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
    const item = new vscode.TreeItem(node.label, node.kind === 'source' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.contextValue = node.contextValue;
    item.iconPath = new vscode.ThemeIcon(node.icon.id, node.icon.color === undefined ? undefined : new vscode.ThemeColor(node.icon.color));
    if (node.kind === 'cluster' && node.opensKubeconfig) {
      item.command = { command: CommandIds.openKubeconfig, title: t(strings.openKubeconfigCommand), arguments: [node] };
    }
    return item;
  }

  getChildren(node?: CatalogTreeNode): CatalogTreeNode[] {
    if (node === undefined) {
      return [...this.groups];
    }
    return node.kind === 'source' ? [...node.items] : [];
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function createClustersView(store: CatalogStore): vscode.Disposable {
  const model = (): SourceGroupView[] => {
    const home = homedir();
    return catalogTreeModel(store.entries, { home, syncPaths: describeSyncPaths(readSyncPathsSetting(), home), t });
  };
  const provider = new ClustersTreeProvider(model);
  const view = vscode.window.createTreeView(ViewIds.clusters, { treeDataProvider: provider, showCollapseAll: true });
  return vscode.Disposable.from(
    view,
    provider,
    store.onDidChange(() => provider.refresh()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SettingIds.kubeconfigSyncPaths)) {
        provider.refresh();
      }
    }),
  );
}
