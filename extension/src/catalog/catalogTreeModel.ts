import { clusterStatusView, type StageItemView } from '../clusters/clusterTreeModel';
import type { ClusterState } from '../clusters/clusterStore';
import { TreeItemContexts, type TreeItemContext } from '../ids';
import type { CatalogEntry } from '../protocol';
import { format, strings, type Translate } from '../strings';
import { problemLabels } from './problems';
import { samePath, shortenHome, type SyncPathInfo } from './syncPaths';

/**
 * The Clusters tree as a pure function of the catalog: source groups holding cluster items, each with everything the
 * adapter (src/clusters/clustersTree.ts) copies onto a `TreeItem`. No VS Code here, so every label, description,
 * tooltip, icon and contextValue is unit-tested.
 */

export type SourceKind = 'kubeconfig' | 'syncFolder' | 'syncFile' | 'simulated';

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
  /** The group's full path (the entries' `sourceGroup`). */
  readonly path: string;
  readonly sourceKind: SourceKind;
  readonly items: readonly ClusterItemView[];
}

export type CatalogTreeNode = SourceGroupView | ClusterItemView | StageItemView;

export interface TreeModelContext {
  readonly home: string;
  /** The `kubelink.kubeconfig.syncPaths` setting, expanded (see describeSyncPaths). */
  readonly syncPaths: readonly SyncPathInfo[];
  readonly t?: Translate;
  /** Each cluster's connection (see ClusterStore); without it every cluster reads as disconnected. */
  readonly clusters?: (id: string) => ClusterState;
}

const sourceLabels: Record<SourceKind, keyof typeof strings> = { kubeconfig: 'sourceKubeconfig', syncFolder: 'sourceSyncFolder', syncFile: 'sourceSyncFile', simulated: 'sourceSimulatedDescription' };
const sourceIcons: Record<SourceKind, string> = { kubeconfig: 'file-code', syncFolder: 'folder', syncFile: 'file', simulated: 'beaker' };

/** KUBECONFIG groups first (in the sidecar's order), then sync paths in the setting's order, then simulated clusters; entries sorted within. */
export function catalogTreeModel(entries: readonly CatalogEntry[], context: TreeModelContext): SourceGroupView[] {
  const t = context.t ?? format;
  const groups = new Map<string, CatalogEntry[]>();
  for (const entry of entries) {
    let group = groups.get(entry.sourceGroup);
    if (!group) {
      group = [];
      groups.set(entry.sourceGroup, group);
    }
    group.push(entry);
  }
  const views = [...groups].map(([path, members], order) => ({ order, view: groupView(path, members.sort(byPosition), context, t) }));
  const rank = (view: SourceGroupView): number =>
    view.contextValue === TreeItemContexts.kubeconfigSource
      ? -1
      : view.sourceKind === 'simulated'
        ? Number.MAX_SAFE_INTEGER
        : context.syncPaths.findIndex((p) => samePath(p.path, view.path, context.home));
  return views.sort((a, b) => rank(a.view) - rank(b.view) || a.order - b.order).map(({ view }) => view);
}

/** Where "Open Kubeconfig" goes: the error's file and line for an invalid entry, the context's definition otherwise. */
export function kubeconfigLocation(entry: CatalogEntry): { file: string; line: number | null } {
  return entry.error ? { file: entry.error.file, line: entry.error.line } : { file: entry.source, line: entry.line };
}

function groupView(path: string, members: CatalogEntry[], context: TreeModelContext, t: Translate): SourceGroupView {
  if (members.every((entry) => entry.sourceKind === 'simulated')) {
    return simulatedGroupView(path, members, context, t);
  }
  const sync = context.syncPaths.find((p) => samePath(p.path, path, context.home));
  // A folder's files are other paths than the folder; a listing error or a configured folder tells the rest.
  const holdsOtherFiles = members.some((entry) => entry.source !== path);
  const sourceKind: SourceKind = sync?.isFolder || holdsOtherFiles ? 'syncFolder' : sync ? 'syncFile' : 'kubeconfig';
  const description = t(strings[sourceLabels[sourceKind]]);
  const invalid = members.filter((entry) => entry.state === 'invalid').length;
  return {
    kind: 'source',
    id: `source:${path}`,
    path,
    sourceKind,
    label: shortenHome(path, context.home),
    description,
    tooltip: t(strings.sourceTooltip, path, description, members.length, invalid),
    icon: { id: sourceIcons[sourceKind] },
    contextValue: sync ? TreeItemContexts.syncPathSource : TreeItemContexts.kubeconfigSource,
    items: members.map((entry) => {
      const view = clusterView(entry, t);
      const state = context.clusters?.(entry.id);
      return state && entry.state === 'valid' ? clusterStatusView(view, state, t) : view;
    }),
  };
}

/** Simulated clusters: one group whatever the sidecar calls it; each entry's source says creating, ready or failed. */
function simulatedGroupView(path: string, members: CatalogEntry[], context: TreeModelContext, t: Translate): SourceGroupView {
  const description = t(strings.sourceSimulatedDescription);
  return {
    kind: 'source',
    id: `source:${path}`,
    path,
    sourceKind: 'simulated',
    label: t(strings.sourceSimulated),
    description,
    tooltip: t(strings.sourceTooltip, t(strings.sourceSimulated), description, members.length, 0),
    icon: { id: sourceIcons.simulated },
    contextValue: TreeItemContexts.simulatedSource,
    items: members.map((entry) => {
      const view = { ...clusterView(entry, t), description: entry.source };
      const state = context.clusters?.(entry.id);
      return state ? clusterStatusView(view, state, t) : view;
    }),
  };
}

function clusterView(entry: CatalogEntry, t: Translate): ClusterItemView {
  const valid = entry.state === 'valid';
  return {
    kind: 'cluster',
    id: entry.id,
    entry,
    label: entry.name,
    description: valid ? validDescription(entry, t) : entry.error ? t(strings[problemLabels[entry.error.code]]) : '',
    tooltip: tooltip(entry, t),
    icon: valid ? { id: 'server-environment' } : { id: 'warning', color: 'list.warningForeground' },
    contextValue: valid ? TreeItemContexts.validCluster : TreeItemContexts.invalidCluster,
    opensKubeconfig: !valid,
    connectsOnClick: valid,
    stages: [],
    expanded: false,
    browsable: false,
  };
}

function validDescription(entry: CatalogEntry, t: Translate): string {
  const host = entry.server === null ? null : hostOf(entry.server);
  const base = host !== null && entry.user !== null ? t(strings.clusterDescription, host, entry.user) : (host ?? entry.user ?? '');
  return entry.isCurrentContext ? t(strings.clusterCurrent, base) : base;
}

/** Plain text on purpose: names and messages come from files and must not be read as Markdown. */
function tooltip(entry: CatalogEntry, t: Translate): string {
  const error = entry.error;
  if (entry.contextName === '') {
    return [t(strings.tooltipUnreadableFile, error?.message ?? ''), t(strings.tooltipProblemAt, at(error?.file ?? entry.source, error?.line ?? entry.line))].join('\n');
  }
  const lines = [
    t(strings.tooltipContext, entry.contextName),
    entry.server !== null ? t(strings.tooltipServer, entry.server) : undefined,
    entry.user !== null ? t(strings.tooltipUser, entry.user) : undefined,
    entry.namespace !== null ? t(strings.tooltipNamespace, entry.namespace) : t(strings.tooltipNamespaceDefault),
    t(strings.tooltipSource, at(entry.source, entry.line)),
    entry.isCurrentContext ? t(strings.tooltipCurrent) : undefined,
    error ? t(strings.tooltipProblem, error.message) : undefined,
    error ? t(strings.tooltipProblemAt, at(error.file, error.line)) : undefined,
  ];
  return lines.filter((line) => line !== undefined).join('\n');
}

function at(file: string, line: number | null): string {
  return line === null ? file : `${file}:${line}`;
}

/** `https://10.0.0.1:6443/prefix` reads as `10.0.0.1:6443`; whatever does not parse is shown as written. */
function hostOf(server: string): string {
  try {
    return new URL(server).host || server;
  } catch {
    return server;
  }
}

/** By file (a folder's own error sorts before its files), a file's own error first, then by line, then by name. */
function byPosition(a: CatalogEntry, b: CatalogEntry): number {
  return (
    compare(a.source, b.source) ||
    Number(a.contextName !== '') - Number(b.contextName !== '') ||
    (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER) ||
    compare(a.name, b.name)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
