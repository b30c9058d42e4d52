import type { ClusterClient } from '../clusters/clusterConnections';
import type { ResourceChangedParams, ResourceColumn, ResourceRow } from '../protocol';

/**
 * The state of one resource view and the pure steps on it: a `resources/changed` applied, the snapshot the tree
 * draws. ResourceViews (resourceViews.ts) owns the views and their subscriptions.
 */

/** One resource kind as the permission map names it. */
export interface KindRef {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly namespaced: boolean;
}

/** What a view shows now; `stale` is the sidecar's word (the cluster's health is the tree's to add). */
export interface ViewSnapshot {
  /** Sorted by namespace, then name. */
  readonly rows: readonly ResourceRow[];
  readonly columns: readonly ResourceColumn[];
  readonly stale: boolean;
  /** No answer yet (first subscribe, or after a filter change). */
  readonly loading: boolean;
  /** Why the view cannot be shown or kept live (the sidecar's message, with the next step). */
  readonly error: string | undefined;
  /** The namespace the rows are limited to; null for all. */
  readonly namespace: string | null;
}

export interface View {
  readonly key: string;
  readonly clusterId: string;
  readonly ref: KindRef;
  namespace: string | null;
  rows: Map<string, ResourceRow>;
  columns: readonly ResourceColumn[];
  stale: boolean;
  loading: boolean;
  error: string | undefined;
  /** The subscription that feeds the view, on `client`; undefined while it has none (waiting, failed, old session). */
  subscriptionId: string | undefined;
  client: ClusterClient | undefined;
  /** The cluster's connection when the last subscribe failed: retried only once that changes (a reconnect). */
  failedOn: string | undefined;
  /**
   * Changes that arrived before the subscribe's answer (a notification can overtake it on the wire): replayed over
   * the answer, which is harmless for those it already contains. Undefined while no answer is awaited.
   */
  early: ResourceChangedParams[] | undefined;
}

/** One `resources/changed` onto the view's rows: by uid, a reset (or an error, which empties the view) replaces them. */
export function applyChange(view: View, params: ResourceChangedParams): void {
  if (params.type === 'reset' || params.error) {
    view.rows = byUid(params.error ? [] : params.items);
  } else {
    for (const row of params.items) {
      if (params.type === 'deleted') {
        view.rows.delete(row.uid);
      } else {
        view.rows.set(row.uid, row);
      }
    }
  }
  Object.assign(view, { stale: params.stale, error: params.error ?? undefined, loading: false });
}

export function byUid(rows: readonly ResourceRow[]): Map<string, ResourceRow> {
  return new Map(rows.map((row) => [row.uid, row]));
}

export function snapshot(view: View): ViewSnapshot {
  const rows = [...view.rows.values()].sort((a, b) => compare(a.namespace ?? '', b.namespace ?? '') || compare(a.name, b.name));
  return { rows, columns: view.columns, stale: view.stale, loading: view.loading, error: view.error, namespace: view.namespace };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
