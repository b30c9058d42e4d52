import type { ClusterStore } from '../clusters/clusterStore';
import { isUnhealthy } from '../clusters/clusterStore';
import { format, type Translate } from '../strings';
import {
  apiGroupNodes,
  clusterResourceNodes,
  describe,
  itemNodes,
  kindNodes,
  namespaceNodes,
  namespacesKind,
  namespacesRef,
  type ResourceItemView,
  type ResourceTreeNode,
} from './resourceTreeModel';
import type { ResourceViews } from './resourceViews';

/**
 * The resource part of the Clusters tree, VS Code-free: children of each resource node (opening the views they
 * show), what each node looks like now, and one object per node id so a redraw can name exactly the node that changed.
 */
export class ResourceTreeSource {
  private readonly nodes = new Map<string, ResourceTreeNode>();

  constructor(
    private readonly store: ClusterStore,
    readonly views: ResourceViews,
    private readonly now: () => number = Date.now,
    private readonly t: Translate = format,
  ) {}

  /** Namespaces and Resources, the first children of a ready cluster. */
  roots(clusterId: string): ResourceTreeNode[] {
    return this.remember(clusterResourceNodes(clusterId));
  }

  children(node: ResourceTreeNode): ResourceTreeNode[] {
    const info = this.store.get(node.clusterId).info;
    const listable = info?.listableResources ?? [];
    switch (node.kind) {
      case 'namespaces': {
        const live = namespacesKind(listable);
        const view = live ? this.views.open(node.id, node.clusterId, { ...namespacesRef, version: live.version }) : undefined;
        // Leaves are not remembered: only nodes with children are ever redrawn by id.
        return namespaceNodes(node.clusterId, view, info?.namespaces ?? []);
      }
      case 'resources':
        return this.remember(apiGroupNodes(node.clusterId, listable));
      case 'apiGroup':
        return this.remember(kindNodes(node));
      case 'resourceKind':
        return itemNodes(node, this.views.open(node.id, node.clusterId, node.ref), this.t);
      case 'namespace':
      case 'resourceItem':
      case 'resourceMessage':
        return [];
    }
  }

  item(node: ResourceTreeNode): ResourceItemView {
    const state = this.store.get(node.clusterId);
    return describe(node, {
      view: (id) => this.views.peek(id),
      filter: this.views.namespaceFilter(node.clusterId),
      unhealthy: isUnhealthy(state),
      now: this.now(),
      t: this.t,
    });
  }

  /** The object last handed out for `id`, so the tree can redraw that node alone. */
  node(id: string): ResourceTreeNode | undefined {
    return this.nodes.get(id);
  }

  /** A node collapsed: the views it (and its descendants) showed are closed, and forgotten. */
  collapsed(id: string): void {
    this.views.close(id);
    for (const key of [...this.nodes.keys()].filter((k) => k.startsWith(`${id}/`))) {
      this.nodes.delete(key);
    }
  }

  private remember(nodes: ResourceTreeNode[]): ResourceTreeNode[] {
    for (const node of nodes) {
      this.nodes.set(node.id, node);
    }
    return nodes;
  }
}
