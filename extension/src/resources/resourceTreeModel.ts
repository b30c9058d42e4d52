import type { IconView } from '../catalog/catalogTreeModel';
import { TreeItemContexts, type TreeItemContext } from '../ids';
import type { ListableResource, ResourceRow } from '../protocol';
import { format, strings, type Translate } from '../strings';
import type { ViewSnapshot } from './viewState';
import { age, markStale, rowDescription, rowTooltip } from './rowText';

/**
 * The nodes under a ready cluster: Namespaces (its namespaces) and Resources → API group → kind → objects. Nodes are
 * identities (the adapter keeps one object per id so a redraw can name it); `describe` turns one into what a TreeItem
 * shows from the current view state. Pure, so every label, description and stale mark is unit-tested.
 */
export type ResourceTreeNode =
  | { readonly kind: 'namespaces'; readonly id: string; readonly clusterId: string }
  | { readonly kind: 'namespace'; readonly id: string; readonly clusterId: string; readonly name: string; readonly row: ResourceRow | undefined }
  | { readonly kind: 'resources'; readonly id: string; readonly clusterId: string }
  | { readonly kind: 'apiGroup'; readonly id: string; readonly clusterId: string; readonly group: string; readonly kinds: readonly ListableResource[] }
  | { readonly kind: 'resourceKind'; readonly id: string; readonly clusterId: string; readonly ref: ListableResource }
  | { readonly kind: 'resourceItem'; readonly id: string; readonly clusterId: string; readonly viewKey: string; readonly ref: ListableResource; readonly row: ResourceRow }
  | { readonly kind: 'resourceMessage'; readonly id: string; readonly clusterId: string; readonly text: string; readonly error: boolean };

export interface ResourceItemView {
  readonly label: string;
  readonly description: string;
  readonly tooltip: string;
  readonly icon: IconView;
  readonly contextValue: TreeItemContext;
  readonly collapsible: boolean;
}

/** What `describe` and the children need to know besides the node. */
export interface ResourceContext {
  /** The view of a node id, if open. */
  readonly view: (id: string) => ViewSnapshot | undefined;
  /** The cluster's namespace filter (null: all). */
  readonly filter: string | null;
  /** True while the cluster's health is not ready: everything on screen is the last known state. */
  readonly unhealthy: boolean;
  readonly now: number;
  readonly t?: Translate;
}

/** What the Namespaces node subscribes to when namespaces may be listed. */
export const namespacesRef: ListableResource = { group: '', version: 'v1', resource: 'namespaces', kind: 'Namespace', namespaced: false, allNamespaces: true, namespaces: [] };

export function clusterResourceNodes(clusterId: string): ResourceTreeNode[] {
  return [
    { kind: 'namespaces', id: `${clusterId}/namespaces`, clusterId },
    { kind: 'resources', id: `${clusterId}/resources`, clusterId },
  ];
}

/** The `core/v1/namespaces` entry when the user may list namespaces cluster-wide: the Namespaces node is then live. */
export function namespacesKind(listable: readonly ListableResource[]): ListableResource | undefined {
  return listable.find((r) => r.group === '' && r.resource === 'namespaces' && r.allNamespaces);
}

/**
 * Live namespaces when a view has answered, else the names the activation found (configured, listed or from the
 * kubeconfig): a view that is loading or failed does not empty the node.
 */
export function namespaceNodes(clusterId: string, view: ViewSnapshot | undefined, fallback: readonly string[]): ResourceTreeNode[] {
  const live = view !== undefined && !view.loading && view.error === undefined;
  const rows: Array<[string, ResourceRow | undefined]> = live ? view.rows.map((row) => [row.name, row]) : fallback.map((name) => [name, undefined]);
  return rows.map(([name, row]) => ({ kind: 'namespace', id: `${clusterId}/namespaces/${name}`, clusterId, name, row }));
}

/** API groups with their kinds: the core group first, then alphabetically; kinds alphabetically within. */
export function apiGroupNodes(clusterId: string, listable: readonly ListableResource[]): ResourceTreeNode[] {
  const groups = new Map<string, ListableResource[]>();
  for (const ref of listable) {
    groups.set(ref.group, [...(groups.get(ref.group) ?? []), ref]);
  }
  return [...groups]
    .sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)))
    .map(([group, kinds]) => ({ kind: 'apiGroup', id: `${clusterId}/resources/${group || 'core'}`, clusterId, group, kinds: [...kinds].sort((a, b) => a.kind.localeCompare(b.kind)) }));
}

export function kindNodes(node: Extract<ResourceTreeNode, { kind: 'apiGroup' }>): ResourceTreeNode[] {
  return node.kinds.map((ref) => ({ kind: 'resourceKind', id: `${node.id}/${ref.resource}`, clusterId: node.clusterId, ref }));
}

/** The objects of an open kind view, or one line saying why there are none (loading, empty, error). */
export function itemNodes(node: Extract<ResourceTreeNode, { kind: 'resourceKind' }>, view: ViewSnapshot, t: Translate = format): ResourceTreeNode[] {
  const message = (text: string, error: boolean): ResourceTreeNode[] => [{ kind: 'resourceMessage', id: `${node.id}/:message`, clusterId: node.clusterId, text, error }];
  if (view.error !== undefined) {
    return message(view.error, true);
  }
  if (view.rows.length === 0) {
    return message(view.loading ? t(strings.resourcesLoading) : view.namespace ? t(strings.resourcesNoneIn, view.namespace) : t(strings.resourcesNone), false);
  }
  return view.rows.map((row) => ({ kind: 'resourceItem', id: `${node.id}/${row.namespace ?? ''}/${row.name}`, clusterId: node.clusterId, viewKey: node.id, ref: node.ref, row }));
}

export function describe(node: ResourceTreeNode, context: ResourceContext): ResourceItemView {
  const t = context.t ?? format;
  const staleMark = (text: string): string => (context.unhealthy ? markStale(text, t) : text);
  switch (node.kind) {
    case 'namespaces':
      return { label: t(strings.namespacesNode), description: staleMark(''), tooltip: t(strings.namespacesTooltip), icon: { id: 'symbol-namespace' }, contextValue: TreeItemContexts.namespaces, collapsible: true };
    case 'namespace': {
      const rowAge = node.row ? age(node.row.createdAt, context.now) : null;
      return { label: node.name, description: staleMark(rowAge ?? ''), tooltip: node.name, icon: { id: 'symbol-namespace' }, contextValue: TreeItemContexts.namespace, collapsible: false };
    }
    case 'resources': {
      const filter = context.filter === null ? t(strings.resourcesAllNamespaces) : t(strings.resourcesFilter, context.filter);
      return { label: t(strings.resourcesNode), description: staleMark(filter), tooltip: t(strings.resourcesTooltip, filter), icon: { id: 'list-tree' }, contextValue: TreeItemContexts.resources, collapsible: true };
    }
    case 'apiGroup':
      return { label: node.group || t(strings.coreGroup), description: '', tooltip: node.group || t(strings.coreGroupTooltip), icon: { id: 'folder-library' }, contextValue: TreeItemContexts.apiGroup, collapsible: true };
    case 'resourceKind':
      return kindView(node, context, t);
    case 'resourceItem': {
      const view = context.view(node.viewKey);
      const columns = view?.columns ?? [];
      const stale = context.unhealthy || (view?.stale ?? false);
      return {
        label: node.row.name,
        description: rowDescription(node.ref.resource, node.row, columns, stale, context.now, t),
        tooltip: rowTooltip(node.row, columns, context.now, t),
        icon: stale ? { id: 'circle-outline', color: 'disabledForeground' } : { id: 'circle-filled' },
        contextValue: TreeItemContexts.resourceItem,
        collapsible: false,
      };
    }
    case 'resourceMessage':
      return { label: node.text, description: '', tooltip: node.text, icon: node.error ? { id: 'error', color: 'testing.iconFailed' } : { id: 'info' }, contextValue: TreeItemContexts.resourceMessage, collapsible: false };
  }
}

function kindView(node: Extract<ResourceTreeNode, { kind: 'resourceKind' }>, context: ResourceContext, t: Translate): ResourceItemView {
  const view = context.view(node.id);
  const stale = context.unhealthy || (view?.stale ?? false);
  const count = view === undefined || view.loading ? '' : String(view.rows.length);
  const description = stale ? markStale(count, t) : count;
  const where = node.ref.namespaced && !node.ref.allNamespaces ? t(strings.kindNamespaces, node.ref.namespaces.join(', ')) : '';
  const tooltip = [`${node.ref.kind} (${node.ref.group ? `${node.ref.group}/` : ''}${node.ref.version}, ${node.ref.resource})`, where, stale ? t(strings.kindStaleTooltip) : ''].filter((l) => l !== '');
  return { label: node.ref.kind, description, tooltip: tooltip.join('\n'), icon: { id: 'symbol-class' }, contextValue: TreeItemContexts.resourceKind, collapsible: true };
}
