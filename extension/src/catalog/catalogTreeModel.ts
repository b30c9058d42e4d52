import { clusterStatusView } from '../clusters/clusterTreeModel';
import type { ClusterState } from '../clusters/clusterStore';
import type { ClusterItemView, SourceGroupView, SourceKind } from '../clusters/treeViews';
import { TreeItemContexts } from '../ids';
import type { CatalogEntry } from '../protocol';
import { format, strings, type Translate } from '../strings';
import { eksDescription } from '../eks/eksModel';
import { problemLabels } from './problems';
import { samePath, shortenHome, type SyncPathInfo } from './syncPaths';

/**
 * The Clusters tree as a pure function of the catalog: source groups holding cluster items, each with everything the
 * adapter (src/clusters/clustersTree.ts) copies onto a `TreeItem`. No VS Code here, so every label, description,
 * tooltip, icon and contextValue is unit-tested. The view types live in clusters/treeViews.ts, shared with
 * clusterTreeModel, which this module calls (and which no longer imports it back).
 */

export type { CatalogTreeNode, ClusterItemView, IconView, SourceGroupView, SourceKind, StageItemView } from '../clusters/treeViews';

export interface TreeModelContext {
  readonly home: string;
  /** The `kubelink.kubeconfig.syncPaths` setting, expanded (see describeSyncPaths). */
  readonly syncPaths: readonly SyncPathInfo[];
  readonly t?: Translate;
  /** Each cluster's connection (see ClusterStore); without it every cluster reads as disconnected. */
  readonly clusters?: (id: string) => ClusterState;
  /** The clock for ages ("3d"); tests fix it. */
  readonly now?: () => number;
}

const sourceLabels: Record<SourceKind, keyof typeof strings> = {
  kubeconfig: 'sourceKubeconfig',
  syncFolder: 'sourceSyncFolder',
  syncFile: 'sourceSyncFile',
  eks: 'sourceEks',
  simulated: 'sourceSimulated',
  clusterAccess: 'sourceClusterAccess',
};
const sourceIcons: Record<SourceKind, string> = { kubeconfig: 'file-code', syncFolder: 'folder', syncFile: 'file', eks: 'cloud', simulated: 'beaker', clusterAccess: 'globe' };

/** The other sources' groups, after the kubeconfig ones, in this order. */
const otherKinds = ['eks', 'simulated', 'clusterAccess'] as const;

/**
 * KUBECONFIG groups first (in the sidecar's order), then sync paths in the setting's order; entries sorted within.
 * Entries of another source kind follow, one group per kind (driven by `CatalogEntry.sourceKind`, so a new source
 * needs a label here and nothing else in the tree).
 */
export function catalogTreeModel(entries: readonly CatalogEntry[], context: TreeModelContext): SourceGroupView[] {
  const t = context.t ?? format;
  const groups = new Map<string, CatalogEntry[]>();
  for (const entry of entries.filter((e) => e.sourceKind === 'kubeconfig')) {
    let group = groups.get(entry.sourceGroup);
    if (!group) {
      group = [];
      groups.set(entry.sourceGroup, group);
    }
    group.push(entry);
  }
  const views = [...groups].map(([path, members], order) => ({ order, view: groupView(path, members.sort(byPosition), context, t) }));
  const rank = (view: SourceGroupView): number =>
    view.contextValue === TreeItemContexts.kubeconfigSource ? -1 : context.syncPaths.findIndex((p) => samePath(p.path, view.path, context.home));
  const kubeconfigs = views.sort((a, b) => rank(a.view) - rank(b.view) || a.order - b.order).map(({ view }) => view);
  const others = otherKinds.flatMap((kind) => {
    const members = entries.filter((e) => e.sourceKind === kind).sort((a, b) => compare(a.name, b.name));
    if (kind === 'eks') {
      // One Amazon EKS group per credentials and region (the entries' sourceGroup), as the sidecar sorts them.
      const byGroup = new Map<string, CatalogEntry[]>();
      members.forEach((e) => byGroup.set(e.sourceGroup, [...(byGroup.get(e.sourceGroup) ?? []), e]));
      return [...byGroup].map(([path, group]) => eksGroupView(path, group, context, t));
    }
    return members.length === 0 ? [] : [kindGroupView(kind, members, context, t)];
  });
  return [...kubeconfigs, ...others];
}

/** Where "Open Kubeconfig" goes: the error's file and line for an invalid entry, the context's definition otherwise. */
export function kubeconfigLocation(entry: CatalogEntry): { file: string; line: number | null } {
  return entry.error ? { file: entry.error.file, line: entry.error.line } : { file: entry.source, line: entry.line };
}

function groupView(path: string, members: CatalogEntry[], context: TreeModelContext, t: Translate): SourceGroupView {
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
    items: members.map((entry) => itemView(entry, context, t)),
  };
}

/** Every entry of one non-kubeconfig source kind, under the kind's name ("Amazon EKS"). */
function kindGroupView(kind: (typeof otherKinds)[number], members: CatalogEntry[], context: TreeModelContext, t: Translate): SourceGroupView {
  const label = t(strings[sourceLabels[kind]]);
  const invalid = members.filter((entry) => entry.state === 'invalid').length;
  return {
    kind: 'source',
    id: `source-kind:${kind}`,
    path: kind,
    sourceKind: kind,
    label,
    description: '',
    tooltip: t(strings.sourceKindTooltip, label, members.length, invalid),
    icon: { id: sourceIcons[kind] },
    // The simulated clusters' group carries Create / Delete Simulated Cluster; the others have no group actions yet.
    contextValue: kind === 'simulated' ? TreeItemContexts.simulatedSource : TreeItemContexts.sourceKindGroup,
    items: members.map((entry) => itemView(entry, context, t)),
  };
}

/** An Amazon EKS group: its clusters with status, version and age; one that is not ACTIVE is invalid and says why. */
function eksGroupView(path: string, members: CatalogEntry[], context: TreeModelContext, t: Translate): SourceGroupView {
  const invalid = members.filter((entry) => entry.state === 'invalid').length;
  return {
    kind: 'source',
    id: `source:eks:${path}`,
    path,
    sourceKind: 'eks',
    label: t(strings.eksGroupLabel, path),
    description: '',
    tooltip: t(strings.sourceTooltip, path, t(strings.sourceEks), members.length, invalid),
    icon: { id: sourceIcons.eks },
    contextValue: TreeItemContexts.eksSource,
    items: members.map((entry) => itemView(entry, context, t)),
  };
}

function itemView(entry: CatalogEntry, context: TreeModelContext, t: Translate): ClusterItemView {
  const base = clusterView(entry, t);
  const eks = entry.state === 'valid' ? eksDescription(entry, context.now?.() ?? Date.now(), t) : undefined;
  // A simulated cluster's source line is its agent status ("simulated, creating"), which says more than its host.
  const simulated = entry.sourceKind === 'simulated' ? entry.source : undefined;
  const description = eks ?? simulated;
  const view = description === undefined ? base : { ...base, description };
  const state = context.clusters?.(entry.id);
  return state && entry.state === 'valid' ? clusterStatusView(view, state, t) : view;
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
    // Only a kubeconfig entry has a file to open; another source's invalid entry says why in its tooltip.
    opensKubeconfig: !valid && entry.sourceKind === 'kubeconfig',
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
