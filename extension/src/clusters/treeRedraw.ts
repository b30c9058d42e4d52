import type { CatalogTreeNode, SourceGroupView } from '../catalog/catalogTreeModel';

/**
 * Which rows of the Clusters view a model change redraws. Redrawing the whole tree on every change is not harmless:
 * VS Code registers a row's click command per drawing and drops the old one at once, so a click that lands while the
 * redraw is under way runs nothing ("Actual command not found"). During a disconnection episode the store changes at
 * every reconnect attempt, which made clicks on the other rows fail. So when only rows' own text, icon or command
 * changed, just those rows are redrawn; anything that moves, adds or removes rows (or changes what they expand to)
 * still redraws everything.
 */
export function redrawPlan(before: readonly SourceGroupView[], after: readonly SourceGroupView[]): 'all' | string[] {
  if (shape(before) !== shape(after)) {
    return 'all';
  }
  const drawn = new Map(catalogNodes(before).map((node) => [node.id, ownView(node)]));
  return catalogNodes(after)
    .filter((node) => drawn.get(node.id) !== ownView(node))
    .map((node) => node.id);
}

/** Every catalog node in tree order: groups, their clusters, the clusters' stages. */
export function catalogNodes(groups: readonly SourceGroupView[]): CatalogTreeNode[] {
  return groups.flatMap((group) => [group, ...group.items.flatMap((cluster) => [cluster, ...cluster.stages])]);
}

/** The ids in tree order and what each cluster expands to: equal shapes have the same rows in the same places. */
function shape(groups: readonly SourceGroupView[]): string {
  return JSON.stringify(groups.map((g) => [g.id, g.items.map((c) => [c.id, c.browsable, c.expanded, c.stages.map((s) => s.id)])]));
}

/** What a row draws from itself (its children are rows of their own; JSON leaves out the undefined). */
function ownView(node: CatalogTreeNode): string {
  return JSON.stringify({ ...node, items: undefined, stages: undefined });
}
