import type { TreeItemContext } from '../ids';
import type { CatalogEntry, ClusterSourceKind } from '../protocol';

/**
 * The Clusters tree's view types, in one module that both pure models import: catalogTreeModel builds groups and
 * cluster items, clusterTreeModel dresses a cluster item in its connection state. With the types here neither model
 * imports the other's module for a type, so there is no import cycle between them.
 */

/**
 * What a top-level group holds: a kubeconfig (`KUBECONFIG`, a sync folder or file: one group per file or folder, as
 * before sources existed), or every entry of another cluster source kind (one group per kind, e.g. "Amazon EKS").
 */
export type SourceKind = 'kubeconfig' | 'syncFolder' | 'syncFile' | Exclude<ClusterSourceKind, 'kubeconfig'>;

/** A codicon id and an optional theme colour id, i.e. `new ThemeIcon(id, new ThemeColor(color))`. */
export interface IconView {
  readonly id: string;
  readonly color?: string;
}

interface NodeView {
  /** The TreeItem id: unique in the tree and stable across refreshes, so VS Code keeps expansion and selection. */
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly tooltip: string;
  readonly icon: IconView;
  readonly contextValue: TreeItemContext;
}

export interface ClusterItemView extends NodeView {
  readonly kind: 'cluster';
  readonly entry: CatalogEntry;
  /** Invalid entries open their kubeconfig at the error when clicked. */
  readonly opensKubeconfig: boolean;
  /** A click connects: valid entries that are disconnected, or failed (a retry). */
  readonly connectsOnClick: boolean;
  /** The connection's stage log, the item's children (none: the item does not expand). */
  readonly stages: readonly StageItemView[];
  /** Expanded at first (while connecting and after a failure, so the log shows) or collapsed. */
  readonly expanded: boolean;
  /** Ready: Namespaces and Resources are its first children (kept, marked stale, while its health is not ready). */
  readonly browsable: boolean;
}

export interface SourceGroupView extends NodeView {
  readonly kind: 'source';
  /** A kubeconfig group's full path (the entries' `sourceGroup`); for another source kind, the kind. */
  readonly path: string;
  readonly sourceKind: SourceKind;
  readonly items: readonly ClusterItemView[];
}

export type CatalogTreeNode = SourceGroupView | ClusterItemView | StageItemView;

/** One stage of the activation log, a child of its cluster. */
export interface StageItemView extends NodeView {
  readonly kind: 'stage';
}
