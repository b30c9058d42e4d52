// The focused cluster's status-bar item and the health notifications, read as a user sees them (issue #6's "What the
// user sees"), plus the short health settings that make a disconnection episode take seconds. Shared by the e2e files
// that break and heal a cluster (health.test.ts, restart.test.ts).
import { CLUSTER_STATUS_ITEM } from './clusterTree.js';
import { waitUntil, type StatusBarItem, type Workbench } from './workbench.js';

/**
 * Short health settings so an episode takes seconds: a probe a second, back-off capped at 1 s. The probe timeout stays
 * generous: only a black hole needs it, and a short one would turn a busy 2-core machine into false disconnections.
 */
export const HEALTH_SETTINGS = {
  'kubelink.health.probeIntervalSeconds': 1,
  'kubelink.health.probeTimeoutSeconds': 10,
  'kubelink.health.reconnectMaxDelaySeconds': 1,
};

export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The progress notification of a disconnection episode ("Lost connection to X: <cause>. Reconnecting…"). */
export const lostToast = (cluster: string): RegExp => new RegExp(`Lost connection to ${escapeRegExp(cluster)}`);

/** The focused cluster's status-bar item, or undefined while it is not shown. */
export async function clusterStatusItem(wb: Workbench): Promise<StatusBarItem | undefined> {
  return wb.readStatusBarItem(CLUSTER_STATUS_ITEM, 2000).catch(() => undefined);
}

/** The computed background colour of the cluster's status-bar item (the theme colour its severity maps to). */
export async function clusterStatusBackground(wb: Workbench): Promise<string> {
  return wb.statusBarItem(CLUSTER_STATUS_ITEM).evaluate((e) => getComputedStyle(e).backgroundColor);
}

/** Waits until the focused cluster's status-bar item satisfies `ok`; returns it. */
export async function waitForClusterStatus(wb: Workbench, what: string, ok: (item: StatusBarItem) => boolean, timeoutMs = 60_000): Promise<StatusBarItem> {
  let last: StatusBarItem | undefined;
  return waitUntil(
    async () => {
      last = await clusterStatusItem(wb);
      return last && ok(last) ? last : undefined;
    },
    { timeoutMs, message: `e2e: the cluster status-bar item never showed ${what} (last: ${JSON.stringify(last)})` },
  );
}

/** The item of a ready cluster: its name, "connected (Kubernetes v…)" in the tooltip, nothing about a lost connection. */
export const readyStatus = (cluster: string) => (item: StatusBarItem): boolean =>
  item.text === cluster && new RegExp(`${escapeRegExp(cluster)}: connected \\(Kubernetes v1\\.`).test(item.ariaLabel);

/** The item of a cluster whose connection is lost: "X: disconnected" or "X: reconnecting (attempt n)". */
export const lostStatus = (cluster: string) => (item: StatusBarItem): boolean =>
  new RegExp(`^${escapeRegExp(cluster)}: (disconnected|reconnecting)`).test(item.text);

/** The distinct toast elements that showed `text` since the last markNotifications() (an in-place update counts once). */
export async function toastCount(wb: Workbench, text: string | RegExp): Promise<number> {
  return new Set((await wb.seenToasts(text)).map((m) => m.toast)).size;
}
