// Cluster activation in a real VS Code against the simulator: a click on a cluster row connects it (progress
// notification, stage log under the row, ready state with the version), "Kubelink: Open Terminal" opens a kubectl
// terminal for the connected cluster, the restricted context connects too, and with the simulator stopped the connected
// clusters say they lost it while a connect fails with the sidecar's "refused" message in an error toast and a failed row.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Locator } from 'playwright-core';
import {
  ADMIN_CONTEXT,
  CLUSTER_STATUS_ITEM,
  KUBERNETES_VERSION,
  RESTRICTED_CONTEXT,
  SIMULATOR_CLUSTER,
  demoKubeconfig,
  assertKubelinkBuilt,
  e2eSession,
  expand,
  childRows,
  repoRoot,
  startSimulator,
  trackTempDir,
  waitForReady,
  waitUntil,
  withContext,
  writeKubeconfig,
  type RowInfo,
  type Simulator,
  type Workbench,
} from './harness/index.js';

const ROOT = repoRoot();
assertKubelinkBuilt();

/** A second admin context on the same cluster, connected only after the simulator is stopped (the failure case). */
const OFFLINE_CONTEXT = 'kubelink-sim-offline';
/**
 * Per-request latency of the simulator: a local activation otherwise ends within a few hundred milliseconds, and the
 * progress notification with it. With it, "connecting" lasts long enough to be seen (no assertion on time).
 */
const LATENCY_MS = 150;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The Clusters row whose label (not its description) is the context name. */
function contextRow(wb: Workbench, name: string, timeoutMs = 60_000): Promise<Locator> {
  return wb.waitForTreeRowLabelled(name, 'sidebar', timeoutMs);
}

/** The rows a ready cluster shows before its stage log (its resource views). */
const resourceRows = new Set(['Namespaces', 'Resources']);

/** The stage rows (children) rendered under the cluster row labelled `name`. */
async function stageRows(wb: Workbench, name: string): Promise<RowInfo[]> {
  return (await childRows(wb, [name])).filter((row) => !resourceRows.has(row.label));
}

/** Waits until the stage rows under `name` satisfy `done`; returns their labels. */
async function waitForStages(wb: Workbench, name: string, done: (labels: string[]) => boolean, timeoutMs = 30_000): Promise<RowInfo[]> {
  let last: RowInfo[] = [];
  await waitUntil(
    async () => {
      last = await stageRows(wb, name);
      return done(last.map((r) => r.label));
    },
    { timeoutMs, message: `e2e: the stage rows under ${name} are not as expected: ${JSON.stringify(last)}` },
  );
  return last;
}

describe('Clusters view: activation against the simulator', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kl-e2e-activation-kc-'));
  trackTempDir(dir); // removed on exit, also when interrupted
  const kubeconfig = path.join(dir, 'kubeconfig.yaml');
  const s = e2eSession('activation', {
    extensions: [ROOT],
    env: { KUBECONFIG: kubeconfig, KUBELINK_STATE_DIR: path.join(dir, 'state') },
    // The restricted user may not list namespaces: the setting names the ones it may use (view in team-a and team-b).
    settings: { 'kubelink.clusters.accessibleNamespaces': { [RESTRICTED_CONTEXT]: ['team-a', 'team-b'] } },
  });
  let sim: Simulator | undefined;

  before(async () => {
    // Our own kubeconfig dir: the simulator's stop() (the failure case) must not delete what the file was made from.
    sim = await startSimulator({ name: 'activation', namespaces: 2, nodes: 1, podsPerNamespace: 2, latencyMs: LATENCY_MS, kubeconfigDir: path.join(dir, 'sim') });
    writeKubeconfig(kubeconfig, withContext(demoKubeconfig(sim), { name: OFFLINE_CONTEXT, cluster: SIMULATOR_CLUSTER, user: 'kubelink-admin', namespace: 'default' }));
    await s.start();
  }, { timeout: 240_000 });

  after(async () => {
    await s.stop();
    await sim?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }, { timeout: 60_000 });

  test('a click on the admin row connects it: progress, stage log, ready with the version', { timeout: 180_000 }, s.case(async ({ wb, server, t }) => {
    await server.waitForExtensionActivation('kubelink.kubelink', 90_000);
    await wb.openViewContainer('Kubelink');
    const row = await contextRow(wb, ADMIN_CONTEXT, 120_000);
    assert.equal(await row.locator('.codicon-pass-filled').count(), 0, 'not connected before the click');
    const clicked = Date.now();
    await row.locator('.label-name').click();

    // The progress notification (withProgress, location Notification) while connecting.
    const progress = await wb.waitForNotification(new RegExp(`Connecting to ${escape(ADMIN_CONTEXT)}`), 60_000);
    t.diagnostic(`progress notification: ${JSON.stringify(progress)}`);

    const ready = await waitForReady(wb, ADMIN_CONTEXT);
    t.diagnostic(`ready ${Date.now() - clicked} ms after the click (simulator latency ${LATENCY_MS} ms per request)`);
    assert.match(await ready.innerText(), new RegExp(`${KUBERNETES_VERSION.source} · (\\(current\\) )?127\\.0\\.0\\.1:${new URL(sim!.url).port}`));
    assert.match((await ready.getAttribute('aria-label')) ?? '', /Connected: Kubernetes v1\.\d+\.\d+/);
    assert.match((await ready.getAttribute('aria-label')) ?? '', /proxy\.kubeconfig/);

    // The stage log under the row: proxy → version → … → ready (a ready cluster collapses its log). The activation
    // ends with the ready stage; what follows it is the background work of a ready cluster (the sidecar's metadata
    // refresh, the rest of a permission review), never an error.
    await expand(ready);
    const stages = await waitForStages(wb, ADMIN_CONTEXT, (labels) => labels.includes('ready'));
    const labels = stages.map((r) => r.label);
    t.diagnostic(`stages: ${JSON.stringify(stages.map((r) => `${r.label}: ${r.description}`))}`);
    assert.deepEqual(labels.slice(0, 2), ['proxy', 'version'], 'the log starts with the proxy route and the version');
    const readyAt = labels.indexOf('ready');
    assert.ok(labels.slice(0, readyAt).includes('permissions'), 'the admin check is logged before ready');
    assert.ok(labels.slice(readyAt + 1).every((l) => l !== 'ready' && l !== 'proxy' && l !== 'version'), `one activation: ${JSON.stringify(labels)}`);
    assert.match(stages.find((r) => r.label === 'version')?.description ?? '', /Connected: Kubernetes v1\./);
    assert.match(stages[readyAt].description, /^Ready:/);
    assert.ok(stages.every((r) => !r.error), 'no error stage');
    // The cluster just connected is the focused one: its status-bar item shows it, ready.
    await wb.waitForStatusBarText(CLUSTER_STATUS_ITEM, new RegExp(escape(ADMIN_CONTEXT)), 30_000);
    await wb.screenshot('activation-admin-ready');
  }));

  test('"Kubelink: Open Terminal" opens a kubectl terminal for the connected cluster', { timeout: 120_000 }, s.case(async ({ wb }) => {
    await wb.runCommand('Kubelink: Open Terminal');
    await wb.waitForQuickInput('Cluster to open a kubectl terminal for');
    await wb.pickQuickItem(ADMIN_CONTEXT);
    const tab = wb.page.locator('.part.panel').getByText(`kubectl: ${ADMIN_CONTEXT}`).first();
    await tab.waitFor({ state: 'visible', timeout: 60_000 });
    // Already ready: no second activation, so no new progress notification.
    const seen = (await wb.seenNotifications()).filter((m) => m.includes(`Connecting to ${ADMIN_CONTEXT}`));
    assert.equal((await wb.notificationToasts()).filter((m) => m.includes('Connecting to')).length, 0, `no connect progress is showing: ${JSON.stringify(seen)}`);
    await wb.screenshot('activation-terminal');
  }));

  test('the restricted context connects too and reaches ready, with the namespaces from the setting', { timeout: 180_000 }, s.case(async ({ wb, t }) => {
    await wb.openViewContainer('Kubelink');
    const row = await contextRow(wb, RESTRICTED_CONTEXT);
    const clicked = Date.now();
    await row.locator('.label-name').click();
    await wb.waitForNotification(new RegExp(`Connecting to ${escape(RESTRICTED_CONTEXT)}`), 60_000);
    const ready = await waitForReady(wb, RESTRICTED_CONTEXT);
    t.diagnostic(`restricted ready ${Date.now() - clicked} ms after the click`);
    assert.match(await ready.innerText(), /kubelink-restricted/);
    await expand(ready);
    const stages = await waitForStages(wb, RESTRICTED_CONTEXT, (labels) => labels.includes('ready'));
    t.diagnostic(`stages: ${JSON.stringify(stages.map((r) => `${r.label}: ${r.description}`))}`);
    assert.deepEqual(stages.slice(0, 2).map((r) => r.label), ['proxy', 'version']);
    // kubelink.clusters.accessibleNamespaces reached the sidecar through cluster/activate.
    assert.match(stages.find((r) => r.label === 'namespaces')?.description ?? '', /^2 namespaces from the settings/);
    // Still connected: the admin row keeps its ready state.
    await waitForReady(wb, ADMIN_CONTEXT, 10_000);
    await wb.screenshot('activation-restricted-ready');
  }));

  test('with the simulator stopped, a connect fails: error toast with "refused", failed row', { timeout: 180_000 }, s.case(async ({ wb, t }) => {
    await sim!.stop();
    t.diagnostic(await sim!.exited);
    await wb.openViewContainer('Kubelink');
    // The two connected clusters lose the server too: each opens its one lost-connection notification and retries.
    // Waiting until both retried twice (back-off from 0.5 s) is also what lets the error toast below show: VS Code
    // sends a 4th toast within 800 ms (here 2 lost + "Connecting to") to the notification center only.
    for (const name of [ADMIN_CONTEXT, RESTRICTED_CONTEXT]) {
      await wb.waitForNotification(new RegExp(`Lost connection to ${escape(name)}: connection refused`), 60_000);
      const connected = await contextRow(wb, name);
      await waitUntil(async () => /reconnecting \(attempt ([2-9]|\d\d+)\)/.test(await connected.innerText()), {
        timeoutMs: 60_000,
        message: `e2e: ${name} does not show a second reconnect attempt`,
      });
    }
    const row = await contextRow(wb, OFFLINE_CONTEXT);
    await row.locator('.label-name').click();
    const message = await wb.waitForNotification(new RegExp(`could not connect to ${escape(OFFLINE_CONTEXT)}`), 90_000);
    t.diagnostic(`error toast: ${message}`);
    assert.match(message, /refused/i);
    let last = '';
    await waitUntil(
      async () => {
        last = await row.innerText().catch(() => '');
        return /connection failed/.test(last) && (await row.locator('.codicon-error').count()) === 1;
      },
      { timeoutMs: 30_000, message: `e2e: ${OFFLINE_CONTEXT} never showed the failed state (row: ${JSON.stringify(last)})` },
    );
    assert.match((await row.getAttribute('aria-label')) ?? '', /Connection failed: .*refused/is);
    // The failed stage is in the log under the row, as an error.
    await expand(row);
    const stages = await waitForStages(wb, OFFLINE_CONTEXT, (labels) => labels.length > 0);
    assert.ok(stages.at(-1)?.error, 'the last stage is an error');
    assert.match(stages.at(-1)?.description ?? '', /refused/i);
    await wb.screenshot('activation-failed');
  }));
});
