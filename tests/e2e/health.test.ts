// Issue #6 in a real VS Code against the simulator (issue #7's e2e cases): the simulator refuses connections → ONE
// "Lost connection" notification for the whole episode and a status-bar item that says so; it accepts again → both
// recover with no click ("Reconnected to …", the progress notification gone). The resources view shows pods that
// change live (kubectl through Kubelink's own proxy kubeconfig), Open YAML shows a pod, and a pod created while
// Kubelink could not reach the cluster appears after recovery by itself, the rows marked stale in between.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Locator } from 'playwright-core';
import {
  ADMIN_CONTEXT,
  CLUSTER_STATUS_ITEM,
  HEALTH_SETTINGS,
  SIMULATOR_CLUSTER,
  childRows,
  clusterStatusBackground,
  collapse,
  connectByClick,
  demoKubeconfig,
  escapeRegExp,
  assertKubelinkBuilt,
  kubelinkSession,
  expandPath,
  isFreshRow,
  isStaleRow,
  kubectl,
  lostStatus,
  lostToast,
  podManifest,
  podNames,
  podsPath,
  readyStatus,
  simulatorAdmin,
  startSimulator,
  startTcpRelay,
  toastCount,
  waitForClusterStatus,
  waitForReady,
  waitForRows,
  waitUntil,
  writeKubeconfig,
  type Kubeconfig,
  type Simulator,
  type SimulatorAdmin,
  type TcpRelay,
} from './harness/index.js';

assertKubelinkBuilt();

/** A context on the same simulator reached through a TCP relay the test can cut while the direct path stays up. */
const RELAY_CONTEXT = 'kubelink-sim-relay';

/** The admin kubeconfig's cluster, user and CA, with the server swapped for the relay's address. */
function relayContext(base: Kubeconfig, relay: TcpRelay): Kubeconfig {
  const cluster = base.clusters.find((c) => c.name === SIMULATOR_CLUSTER);
  if (!cluster?.cluster) throw new Error(`e2e: the simulator's kubeconfig has no cluster ${SIMULATOR_CLUSTER}`);
  return {
    ...base,
    clusters: [...base.clusters, { name: RELAY_CONTEXT, cluster: { ...cluster.cluster, server: relay.url } }],
    contexts: [...base.contexts, { name: RELAY_CONTEXT, context: { cluster: RELAY_CONTEXT, user: 'kubelink-admin', namespace: 'default' } }],
  };
}

/**
 * The lines a Monaco editor renders, top to bottom (it renders spaces as no-break spaces and positions lines
 * absolutely, so the DOM order is not the line order). Only lines on screen exist: enough for the head of a document.
 */
async function editorText(editor: Locator): Promise<string> {
  const lines = await editor.locator('.view-lines .view-line').evaluateAll((els) =>
    els.map((e) => ({ top: Number.parseFloat((e as HTMLElement).style.top) || 0, text: (e.textContent ?? '').replace(/\u00a0/g, ' ') })),
  );
  return lines.sort((a, b) => a.top - b.top).map((l) => l.text).join('\n');
}

describe('Health and live resources against the simulator', () => {
  const k = kubelinkSession('health', HEALTH_SETTINGS);
  const s = k.session;
  let sim: Simulator | undefined;
  let admin: SimulatorAdmin | undefined;
  let relay: TcpRelay | undefined;
  /** Kubelink's proxy kubeconfig for the admin context, read from the ready row's tooltip. */
  let proxyKubeconfig = '';

  before(async () => {
    // A small cluster, so the pods of all namespaces fit on screen (the tree only renders visible rows).
    sim = await startSimulator({ name: 'health', namespaces: 1, nodes: 1, podsPerNamespace: 2, kubeconfigDir: path.join(k.dir, 'sim') });
    admin = simulatorAdmin(sim.kubeconfigDir);
    relay = await startTcpRelay(sim.url);
    writeKubeconfig(k.kubeconfig, relayContext(demoKubeconfig(sim), relay));
    await s.start();
  }, { timeout: 240_000 });

  after(() => k.stop(relay, sim), { timeout: 60_000 });

  test('the simulator refuses connections: one notification, status bar disconnected; it accepts: both recover with no click', { timeout: 180_000 }, s.case(async ({ wb, server, t }) => {
    const ready = await connectByClick(wb, server, ADMIN_CONTEXT);
    proxyKubeconfig = /Proxy kubeconfig: (\S+proxy\.kubeconfig)/.exec((await ready.getAttribute('aria-label')) ?? '')?.[1] ?? '';
    assert.ok(fs.existsSync(proxyKubeconfig), `the ready row's tooltip names the proxy kubeconfig: ${JSON.stringify(proxyKubeconfig)}`);
    await waitForClusterStatus(wb, 'the admin cluster ready', readyStatus(ADMIN_CONTEXT));
    const readyColour = await clusterStatusBackground(wb);
    await wb.markNotifications(); // the episode's toasts only, not the "Connecting to" of the click

    t.diagnostic(`refuse: ${JSON.stringify(await admin!.refuse())}`);
    const lost = await wb.waitForNotification(lostToast(ADMIN_CONTEXT), 30_000);
    t.diagnostic(`lost toast: ${lost}`);
    assert.match(lost, /connection refused\. Reconnecting…/);
    // Several reconnect attempts fail (back-off capped at 1 s) and the status bar counts them; the notification
    // is updated in place, never stacked.
    const reconnecting = await waitForClusterStatus(wb, 'reconnecting, attempt 2 or later', (item) =>
      new RegExp(`^${escapeRegExp(ADMIN_CONTEXT)}: reconnecting \\(attempt ([2-9]|\\d\\d+)\\)$`).test(item.text),
    );
    t.diagnostic(`status bar while refused: ${JSON.stringify(reconnecting)}`);
    assert.match(reconnecting.ariaLabel, /lost connection/);
    const reconnectingColour = await clusterStatusBackground(wb);
    t.diagnostic(`status-bar background: ready ${readyColour}, reconnecting ${reconnectingColour}`);
    assert.notEqual(reconnectingColour, readyColour, 'reconnecting has its theme colour (statusBarItem.warningBackground)');
    assert.equal((await wb.notificationToasts()).filter((m) => lostToast(ADMIN_CONTEXT).test(m)).length, 1, 'one lost-connection toast on screen');
    await wb.screenshot('health-reconnecting');

    t.diagnostic(`accept: ${JSON.stringify(await admin!.accept())}`);
    await waitForClusterStatus(wb, 'the admin cluster ready again', readyStatus(ADMIN_CONTEXT));
    await wb.waitForNotification(`Reconnected to ${ADMIN_CONTEXT}`, 30_000);
    assert.equal(await clusterStatusBackground(wb), readyColour, 'ready again: the plain status-bar colour');
    await waitUntil(async () => (await wb.notificationToasts()).every((m) => !lostToast(ADMIN_CONTEXT).test(m)), {
      timeoutMs: 30_000,
      message: 'e2e: the lost-connection notification is still shown after the recovery',
    });
    const episode = await wb.seenToasts(lostToast(ADMIN_CONTEXT));
    t.diagnostic(`lost-connection messages over the episode: ${JSON.stringify(episode)}`);
    assert.equal(new Set(episode.map((m) => m.toast)).size, 1, 'exactly one lost-connection toast over the whole episode');
    assert.ok(episode.some((m) => /attempt \d+/.test(m.text)), 'the toast was updated in place with the attempt');
    assert.equal(await toastCount(wb, `Reconnected to ${ADMIN_CONTEXT}`), 1, 'one "Reconnected to" toast');
    await wb.screenshot('health-recovered');
  }));

  test('the pods view changes live: kubectl through the proxy kubeconfig creates and deletes a pod', { timeout: 120_000 }, s.case(async ({ wb, t }) => {
    await expandPath(wb, podsPath(ADMIN_CONTEXT));
    const seeded = await podNames(proxyKubeconfig);
    t.diagnostic(`pods through the proxy: ${JSON.stringify(seeded)}`);
    await waitForRows(wb, podsPath(ADMIN_CONTEXT), 'the seeded pods', (rows) => JSON.stringify(rows.map((r) => r.label).sort()) === JSON.stringify(seeded));
    await wb.screenshot('health-pods');

    await kubectl(proxyKubeconfig, ['create', '-f', '-'], podManifest('default', 'e2e-live'));
    const added = await waitForRows(wb, podsPath(ADMIN_CONTEXT), 'no row for the new pod e2e-live', (rows) => rows.some((r) => r.label === 'e2e-live'));
    t.diagnostic(`after create: ${JSON.stringify(added.map((r) => `${r.label} | ${r.description}`))}`);
    assert.match(added.find((r) => r.label === 'e2e-live')?.description ?? '', /^Pending · 0\/1 · 0 · \d+s$/);
    await wb.screenshot('health-pod-added');

    await kubectl(proxyKubeconfig, ['delete', 'pod', 'e2e-live', '-n', 'default', '--wait=false']);
    await waitForRows(wb, podsPath(ADMIN_CONTEXT), 'the deleted pod e2e-live still shown', (rows) => rows.length === seeded.length && rows.every((r) => r.label !== 'e2e-live'));
  }));

  test('Open YAML on a pod row opens a read-only document with its current YAML', { timeout: 120_000 }, s.case(async ({ wb }) => {
    const pods = await childRows(wb, podsPath(ADMIN_CONTEXT));
    const pod = pods[0]?.label;
    assert.ok(pod, 'a pod row to open');
    await wb.treeRowContextMenu(new RegExp(`^\\s*${escapeRegExp(pod)}`), 'Open YAML');
    // Monaco names the document it shows in data-uri: the kubelink-yaml: address of this pod (yamlUri.ts).
    const editor = wb.page.locator(`.part.editor .monaco-editor[data-uri^="kubelink-yaml:"][data-uri*="${encodeURIComponent(pod)}"]`).first();
    await editor.waitFor({ state: 'visible', timeout: 30_000 });
    let text = '';
    await waitUntil(
      async () => {
        text = await editorText(editor);
        return text.includes('kind: Pod') && text.includes(`name: ${pod}`);
      },
      { timeoutMs: 30_000, message: `e2e: the YAML editor does not show kind: Pod and name: ${pod} (text: ${JSON.stringify(text.slice(0, 500))})` },
    );
    const tab = wb.page.locator('.tabs-container .tab.active');
    assert.match((await tab.innerText()).trim(), new RegExp(escapeRegExp(pod)));
    // Typing into it changes nothing: VS Code says the editor is read-only.
    await editor.click();
    await wb.page.keyboard.type('x');
    await wb.page.locator('.monaco-editor-overlaymessage').filter({ hasText: /read-only/i }).first().waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await editorText(editor), text, 'the text is unchanged');
    await wb.screenshot('health-open-yaml');
    await wb.page.keyboard.press('Escape');
  }));

  test('rows go stale while the path to the cluster is cut; a pod created meanwhile appears after recovery by itself', { timeout: 180_000 }, s.case(async ({ wb, t }) => {
    // Only the relay's cluster in view: the admin one's rows would be duplicates of the same pods.
    await collapse(await wb.waitForTreeRowLabelled(ADMIN_CONTEXT));
    const row = await wb.waitForTreeRowLabelled(RELAY_CONTEXT, 'sidebar', 30_000);
    await row.locator('.label-name').click();
    await waitForReady(wb, RELAY_CONTEXT);
    await waitForClusterStatus(wb, 'the relay cluster ready', readyStatus(RELAY_CONTEXT));
    await expandPath(wb, podsPath(RELAY_CONTEXT));
    const before = await podNames(sim!.adminKubeconfig);
    await waitForRows(wb, podsPath(RELAY_CONTEXT), 'the pods', (rows) => rows.length === before.length && rows.every((r) => !r.description.startsWith('(stale)')));
    await wb.markNotifications();

    await relay!.cut();
    await wb.waitForNotification(lostToast(RELAY_CONTEXT), 30_000);
    await waitForClusterStatus(wb, 'the relay cluster disconnected or reconnecting', lostStatus(RELAY_CONTEXT));
    // The last known rows stay, marked stale (description and hollow icon), rather than emptied.
    const stale = await waitForRows(wb, podsPath(RELAY_CONTEXT), 'the rows are not marked stale', (rows) =>
      rows.length === before.length && rows.every(isStaleRow),
    );
    t.diagnostic(`stale rows: ${JSON.stringify(stale.map((r) => `${r.label} | ${r.description}`))}`);
    await wb.screenshot('health-stale');

    // The cluster itself is fine: kubectl around Kubelink (the simulator's own kubeconfig) creates a pod that no
    // watch of Kubelink's can see while the relay is cut.
    await kubectl(sim!.adminKubeconfig, ['create', '-f', '-'], podManifest('default', 'e2e-offline'));
    assert.ok((await childRows(wb, podsPath(RELAY_CONTEXT))).every((r) => r.label !== 'e2e-offline'), 'not shown before the recovery');

    await relay!.restore();
    await waitForClusterStatus(wb, 'the relay cluster ready again', readyStatus(RELAY_CONTEXT));
    const fresh = await waitForRows(wb, podsPath(RELAY_CONTEXT), 'no fresh rows with e2e-offline', (rows) =>
      rows.some((r) => r.label === 'e2e-offline') && rows.every(isFreshRow),
    );
    t.diagnostic(`after recovery: ${JSON.stringify(fresh.map((r) => `${r.label} | ${r.description}`))}`);
    await wb.waitForNotification(`Reconnected to ${RELAY_CONTEXT}`, 30_000);
    assert.equal(await toastCount(wb, lostToast(RELAY_CONTEXT)), 1, 'one lost-connection toast for the episode');
    await wb.screenshot('health-reset');
    await kubectl(sim!.adminKubeconfig, ['delete', 'pod', 'e2e-offline', '-n', 'default', '--wait=false']);
  }));

  test('a click on the status-bar item offers Reconnect Now, Disconnect and Show Log; Disconnect ends the focused cluster', { timeout: 120_000 }, s.case(async ({ wb, t }) => {
    await waitForClusterStatus(wb, 'the relay cluster ready', readyStatus(RELAY_CONTEXT));
    await wb.statusBarItem(CLUSTER_STATUS_ITEM).click();
    await wb.waitForQuickInput(`${RELAY_CONTEXT}: what to do`);
    let labels: string[] = [];
    await waitUntil(
      async () => {
        labels = (await wb.quickItemLabels()).map((l) => (l ?? '').trim());
        return labels.length === 3;
      },
      { timeoutMs: 30_000, message: `e2e: the cluster menu does not show three actions (${JSON.stringify(labels)})` },
    );
    t.diagnostic(`cluster menu: ${JSON.stringify(labels)}`);
    assert.deepEqual(labels.map((l) => /(Reconnect Now|Disconnect|Show Log)$/.exec(l)?.[1]), ['Reconnect Now', 'Disconnect', 'Show Log']);
    await wb.pickQuickItem(/Disconnect$/);
    // The relay cluster is no longer connected: its row is a plain catalog row again, and the item moves on to the
    // cluster that is still connected.
    await waitForClusterStatus(wb, 'the admin cluster, still connected', readyStatus(ADMIN_CONTEXT));
    const row = await wb.waitForTreeRowLabelled(RELAY_CONTEXT);
    await waitUntil(async () => (await row.locator('.codicon-pass-filled').count()) === 0 && (await row.getAttribute('aria-expanded')) === null, {
      timeoutMs: 30_000,
      message: `e2e: ${RELAY_CONTEXT} still looks connected after Disconnect (row: ${JSON.stringify(await row.innerText().catch(() => ''))})`,
    });
    await wb.screenshot('health-disconnected');
  }));
});
