import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { CatalogStore } from '../catalog/catalogStore';
import { catalogTreeModel, type CatalogTreeNode, type IconView, type SourceGroupView } from '../catalog/catalogTreeModel';
import { describeSyncPaths } from '../catalog/syncPaths';
import { readSyncPathsSetting } from '../config';
import { CommandIds, SettingIds, ViewIds } from '../ids';
import { t } from '../l10n';
import { strings } from '../strings';
import type { ResourceTreeNode } from '../resources/resourceTreeModel';
import type { ResourceTreeSource } from '../resources/resourceTreeSource';
import type { ClusterFocus } from './clusterFocus';
import type { ClusterStore } from './clusterStore';
import { catalogNodes, redrawPlan } from './treeRedraw';

/** Everything the Clusters view shows: the catalog's groups, clusters and stages, and the resources under a ready cluster. */
export type ClustersTreeNode = CatalogTreeNode | ResourceTreeNode;

/**
 * The Clusters view. It only renders: the nodes are `catalogTreeModel(store.entries)`, recomputed when the store or
 * the sync-path setting changes (the setting decides which groups are sync paths), and under each ready cluster the
 * nodes of `ResourceTreeSource`, redrawn one by one as their views change. An empty catalog shows the view's welcome
 * text (`viewsWelcome` in package.json).
 */
export class ClustersTreeProvider implements vscode.TreeDataProvider<ClustersTreeNode> {
  private groups: readonly SourceGroupView[] = [];
  /**
   * The object VS Code was given for each catalog node id. VS Code finds a row to redraw by object identity, and the
   * model builds new objects on every change, so the first object handed out for an id stands for it until the next
   * full redraw; `latest` holds what that row shows now (see redrawPlan).
   */
  private handles = new Map<string, CatalogTreeNode>();
  private latest = new Map<string, CatalogTreeNode>();
  private readonly changed = new vscode.EventEmitter<ClustersTreeNode | undefined>();

  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly model: () => SourceGroupView[],
    private readonly resources: ResourceTreeSource,
  ) {
    this.groups = model();
    this.latest = byId(this.groups);
  }

  /**
   * Recomputes the model once per change; `getChildren` then only hands out what is already built. Only the rows that
   * changed are redrawn when no row moved (redrawPlan): a full redraw drops every row's click command for a moment.
   */
  refresh(): void {
    const next = this.model();
    const plan = redrawPlan(this.groups, next);
    this.groups = next;
    this.latest = byId(next);
    if (plan === 'all') {
      this.handles.clear();
      this.changed.fire(undefined);
      return;
    }
    for (const id of plan) {
      const handle = this.handles.get(id);
      if (handle) {
        this.changed.fire(handle);
      }
    }
  }

  /** Redraws just these resource nodes (a view's rows changed); ids the tree never showed are skipped. */
  refreshResources(ids: readonly string[]): void {
    for (const id of ids) {
      const node = this.resources.node(id);
      if (node) {
        this.changed.fire(node);
      }
    }
  }

  getTreeItem(handle: ClustersTreeNode): vscode.TreeItem {
    if (isResourceNode(handle)) {
      return this.resourceItem(handle);
    }
    const node = this.current(handle);
    const item = new vscode.TreeItem(node.label, collapsibleState(node));
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.contextValue = node.contextValue;
    item.iconPath = themeIcon(node.icon);
    if (node.kind === 'cluster' && node.opensKubeconfig) {
      item.command = { command: CommandIds.openKubeconfig, title: t(strings.openKubeconfigCommand), arguments: [node] };
    } else if (node.kind === 'cluster' && node.connectsOnClick) {
      item.command = { command: CommandIds.connect, title: t(strings.connectCommand), arguments: [node] };
    }
    return item;
  }

  getChildren(handle?: ClustersTreeNode): ClustersTreeNode[] {
    if (handle === undefined) {
      return this.groups.map((group) => this.handleOf(group));
    }
    if (isResourceNode(handle)) {
      return this.resources.children(handle);
    }
    const node = this.current(handle);
    switch (node.kind) {
      case 'source':
        return node.items.map((item) => this.handleOf(item));
      case 'cluster': {
        const stages = node.stages.map((stage) => this.handleOf(stage));
        return node.browsable ? [...this.resources.roots(node.id), ...stages] : stages;
      }
      case 'stage':
        return [];
    }
  }

  /** What the row of this handle shows now. */
  private current(handle: CatalogTreeNode): CatalogTreeNode {
    return this.latest.get(handle.id) ?? handle;
  }

  /** The object that stands for this node's id in VS Code (the node itself, the first time it is handed out). */
  private handleOf(node: CatalogTreeNode): CatalogTreeNode {
    const handle = this.handles.get(node.id);
    if (handle) {
      return handle;
    }
    this.handles.set(node.id, node);
    return node;
  }

  private resourceItem(node: ResourceTreeNode): vscode.TreeItem {
    const view = this.resources.item(node);
    const item = new vscode.TreeItem(view.label, view.collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = view.description;
    item.tooltip = view.tooltip;
    item.contextValue = view.contextValue;
    item.iconPath = themeIcon(view.icon);
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function byId(groups: readonly SourceGroupView[]): Map<string, CatalogTreeNode> {
  return new Map(catalogNodes(groups).map((node) => [node.id, node]));
}

function themeIcon(icon: IconView): vscode.ThemeIcon {
  return new vscode.ThemeIcon(icon.id, icon.color === undefined ? undefined : new vscode.ThemeColor(icon.color));
}

function isResourceNode(node: ClustersTreeNode): node is ResourceTreeNode {
  return 'clusterId' in node;
}

/** The cluster a node belongs to: a cluster item itself, or anything under one. */
function clusterOf(node: ClustersTreeNode): string | undefined {
  return isResourceNode(node) ? node.clusterId : node.kind === 'cluster' ? node.id : undefined;
}

function collapsibleState(node: CatalogTreeNode): vscode.TreeItemCollapsibleState {
  if (node.kind === 'source') {
    return vscode.TreeItemCollapsibleState.Expanded;
  }
  if (node.kind === 'cluster' && (node.stages.length > 0 || node.browsable)) {
    return node.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  }
  return vscode.TreeItemCollapsibleState.None;
}

export interface ResourceViewParts {
  readonly source: ResourceTreeSource;
  readonly focus: ClusterFocus;
}

export function createClustersView(store: CatalogStore, clusters: ClusterStore, resources: ResourceViewParts): vscode.Disposable {
  const model = (): SourceGroupView[] => {
    const home = homedir();
    return catalogTreeModel(store.entries, { home, syncPaths: describeSyncPaths(readSyncPathsSetting(), home), t, clusters: (id) => clusters.get(id) });
  };
  const provider = new ClustersTreeProvider(model, resources.source);
  const view = vscode.window.createTreeView(ViewIds.clusters, { treeDataProvider: provider, showCollapseAll: true });
  const resourceWiring = [
    resources.source.views.onDidChange((ids) => provider.refreshResources(ids)),
    // A collapsed node's views stop (unsubscribe); expanding it again opens them from getChildren.
    view.onDidCollapseElement(({ element }) => {
      if (clusterOf(element) !== undefined) {
        resources.source.collapsed(element.id);
      }
    }),
    view.onDidChangeSelection(({ selection }) => {
      const id = selection[0] && clusterOf(selection[0]);
      if (id !== undefined) {
        resources.focus.set(id);
      }
    }),
  ];
  return vscode.Disposable.from(
    view,
    provider,
    ...resourceWiring,
    store.onDidChange(() => provider.refresh()),
    clusters.onDidChange(() => provider.refresh()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SettingIds.kubeconfigSyncPaths)) {
        provider.refresh();
      }
    }),
  );
}
