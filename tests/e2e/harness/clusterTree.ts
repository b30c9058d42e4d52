// Reading Kubelink's Clusters view the way a user does: rows by label, their level in the tree, their description and
// icon. The list is virtualised and positions rows absolutely, so order comes from `data-index`, nesting from
// `aria-level`; only rows on screen exist.
import type { Locator } from 'playwright-core';
import type { CodeServer } from './codeServer.js';
import { waitUntil, type Workbench } from './workbench.js';

export interface RowInfo {
  index: number;
  level: number;
  label: string;
  description: string;
  expanded: string | null;
  /** The row shows the error icon (an error stage, a failed cluster). */
  error: boolean;
  /** The codicon ids of the row's icon(s), e.g. `circle-filled`. */
  icons: string[];
}

/** extension/src/status/clusterStatusBar.ts: the focused cluster's item, id `kubelink.cluster` prefixed by the extension id. */
export const CLUSTER_STATUS_ITEM = 'kubelink.kubelink.kubelink.cluster';

/** SimulatorOptions.GitVersion's default. */
export const KUBERNETES_VERSION = /v1\.\d+\.\d+/;

/** The rendered sidebar tree rows in list order. */
export async function renderedRows(wb: Workbench): Promise<RowInfo[]> {
  const rows = await wb.treeRows().evaluateAll((els) =>
    els.map((e) => ({
      index: Number(e.getAttribute('data-index') ?? '-1'),
      level: Number(e.getAttribute('aria-level') ?? '0'),
      label: ((e.querySelector('.label-name') as HTMLElement | null)?.innerText ?? '').trim(),
      description: ((e.querySelector('.label-description') as HTMLElement | null)?.innerText ?? '').trim(),
      expanded: e.getAttribute('aria-expanded'),
      error: e.querySelector('.codicon-error') !== null,
      icons: Array.from(e.querySelectorAll('.custom-view-tree-node-item-icon, .codicon'))
        .flatMap((i) => Array.from(i.classList))
        .filter((c) => c.startsWith('codicon-'))
        .map((c) => c.slice('codicon-'.length)),
    })),
  );
  return rows.sort((a, b) => a.index - b.index);
}

/**
 * The rendered children (one level down) of the first row labelled `path[0]`, then of its child labelled `path[1]`,
 * and so on: `childRows(wb, ['my-cluster', 'Resources', 'core', 'Pod'])` are the pod rows of that cluster.
 */
export async function childRows(wb: Workbench, path: string[]): Promise<RowInfo[]> {
  let rows = await renderedRows(wb);
  let level = 0;
  for (const label of path) {
    const at = rows.findIndex((r) => r.label === label && (level === 0 || r.level === level + 1));
    if (at < 0) return [];
    level = rows[at].level;
    const below = rows.slice(at + 1);
    const end = below.findIndex((r) => r.level <= level);
    rows = end < 0 ? below : below.slice(0, end);
  }
  return rows.filter((r) => r.level === level + 1);
}

/**
 * The row for the last label of `path` (see childRows), once rendered. It is located by its position in the list, so
 * use it at once (to expand, click or read it): a row inserted above moves it.
 */
export async function rowAt(wb: Workbench, path: string[], timeoutMs = 30_000): Promise<Locator> {
  const label = path[path.length - 1];
  let index = -1;
  await waitUntil(
    async () => {
      const parentChildren = path.length === 1 ? await renderedRows(wb) : await childRows(wb, path.slice(0, -1));
      index = parentChildren.find((r) => r.label === label)?.index ?? -1;
      return index >= 0;
    },
    { timeoutMs, message: `e2e: no row ${path.join(' → ')}; rows: ${JSON.stringify((await renderedRows(wb)).map((r) => `${'  '.repeat(r.level)}${r.label}`))}` },
  );
  return wb.treeRows().and(wb.page.locator(`[data-index="${index}"]`));
}

/**
 * Expands a row if it is collapsed. A twistie click toggles, and VS Code may be expanding the row itself at that moment
 * (a cluster row whose activation failed or started is drawn expanded, and the attribute flips only once its children
 * are loaded): the click then collapses it. So the click is repeated while the row reads collapsed, each time after
 * giving the last click a few seconds to land, until the overall deadline.
 */
export async function expand(row: Locator, timeoutMs = 30_000): Promise<void> {
  await setExpanded(row, true, timeoutMs);
}

/** Collapses a row if it is expanded (converging the same way as expand). */
export async function collapse(row: Locator, timeoutMs = 30_000): Promise<void> {
  await setExpanded(row, false, timeoutMs);
}

async function setExpanded(row: Locator, want: boolean, timeoutMs: number): Promise<void> {
  const wanted = String(want);
  const other = String(!want);
  await waitUntil(
    async () => {
      // A leaf (no aria-expanded) or a row already in the wanted state needs nothing.
      if ((await row.getAttribute('aria-expanded')) !== other) return true;
      await row.locator('.monaco-tl-twistie').click();
      return waitUntil(async () => (await row.getAttribute('aria-expanded')) !== other, { timeoutMs: 5_000, message: 'not yet' });
    },
    { timeoutMs, message: `e2e: the row did not ${want ? 'expand' : 'collapse'} (aria-expanded never ${wanted})` },
  );
}

/** Expands each row of `path` in turn (see childRows) and returns the last one. */
export async function expandPath(wb: Workbench, path: string[], timeoutMs = 30_000): Promise<Locator> {
  let row: Locator | undefined;
  for (let i = 1; i <= path.length; i++) {
    row = await rowAt(wb, path.slice(0, i), timeoutMs);
    await expand(row);
  }
  if (!row) throw new Error('e2e: expandPath needs a path');
  return row;
}

/** Waits until the cluster row labelled `name` shows the ready state: the pass icon and the Kubernetes version. */
export async function waitForReady(wb: Workbench, name: string, timeoutMs = 90_000): Promise<Locator> {
  const row = await wb.waitForTreeRowLabelled(name, 'sidebar', 60_000);
  let last = '';
  await waitUntil(
    async () => {
      last = await row.innerText().catch(() => '');
      return KUBERNETES_VERSION.test(last) && (await row.locator('.codicon-pass-filled').count()) === 1;
    },
    { timeoutMs, message: `e2e: ${name} never showed the ready state (row: ${JSON.stringify(last)}; rows: ${JSON.stringify(await wb.treeRowTexts())})` },
  );
  return row;
}

/** The labels of the pods kind under a cluster (extension/src/resources/resourceTreeModel.ts: group "core", kind). */
export const podsPath = (cluster: string): string[] => [cluster, 'Resources', 'core', 'Pod'];

/** A resource row kept while its cluster is unreachable: "(stale)" before its description and the hollow icon. */
export const isStaleRow = (r: RowInfo): boolean => r.description.startsWith('(stale)') && r.icons.includes('circle-outline');

/** A resource row of a ready cluster: no stale mark, the filled icon. */
export const isFreshRow = (r: RowInfo): boolean => !r.description.startsWith('(stale)') && r.icons.includes('circle-filled');

/** Waits for the rendered rows under `path` (see childRows) to satisfy `ok`; returns them. */
export async function waitForRows(wb: Workbench, path: string[], what: string, ok: (rows: RowInfo[]) => boolean, timeoutMs = 60_000): Promise<RowInfo[]> {
  let last: RowInfo[] = [];
  await waitUntil(
    async () => {
      last = await childRows(wb, path);
      return ok(last);
    },
    { timeoutMs, message: `e2e: ${path.join(' → ')}: ${what} (rows: ${JSON.stringify(last.map((r) => `${r.label} | ${r.description}`))})` },
  );
  return last;
}

/**
 * What a user does first: waits for Kubelink's activation, opens its view container and clicks the context's row;
 * returns the row once it shows the ready state.
 */
export async function connectByClick(wb: Workbench, server: CodeServer, context: string): Promise<Locator> {
  await server.waitForExtensionActivation('kubelink.kubelink', 90_000);
  await wb.openViewContainer('Kubelink');
  const row = await wb.waitForTreeRowLabelled(context, 'sidebar', 120_000);
  await row.locator('.label-name').click();
  return waitForReady(wb, context);
}
