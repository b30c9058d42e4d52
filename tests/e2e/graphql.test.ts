// Issue #14's "real clients as the judge", in a real VS Code: Kubelink: Open GraphQL for Cluster opens the GraphiQL page
// of the sidecar's /graphql/{clusterId} in a new Chromium tab (the token in the URL fragment), the page runs a query and a
// subscription that sees a pod created with kubectl; and Register Cluster for GraphQL… writes a ClusterAccess into the
// connected simulator. The page is served on Kubelink's loopback listener with Kubelink's own CA (decision 6), which this
// browser profile does not trust: the workbench accepts any certificate, as a user does by clicking through once.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  ADMIN_CONTEXT,
  HEALTH_SETTINGS,
  connectByClick,
  demoKubeconfig,
  kubectl,
  kubelinkSession,
  outputDir,
  podManifest,
  readyStatus,
  repoRoot,
  startSimulator,
  waitForClusterStatus,
  waitUntil,
  writeKubeconfig,
  type Simulator,
} from './harness/index.js';

const NEW_POD = 'e2e-graphql';

/** The CodeMirror 5 instance behind one of GraphiQL's editors (CodeMirror keeps it on its wrapper element). */
type Editor = { getValue(): string; setValue(text: string): void; on(event: 'change', fn: () => void): void };

/** Puts `text` into GraphiQL's query editor and presses its run button. */
async function runOperation(page: Page, text: string): Promise<void> {
  await page.evaluate((query) => {
    const wrapper = document.querySelector('.graphiql-query-editor .CodeMirror') as (Element & { CodeMirror?: Editor }) | null;
    if (!wrapper?.CodeMirror) throw new Error('no GraphiQL query editor');
    wrapper.CodeMirror.setValue(query);
  }, text);
  await page.locator('.graphiql-execute-button').click();
}

/**
 * Records every text the response editor ever shows: a subscription replaces it with each event, so a poll of the
 * current text could miss the event it waits for.
 */
async function recordResponses(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __klResponses?: string[] };
    const wrapper = document.querySelector('.graphiql-response .CodeMirror') as (Element & { CodeMirror?: Editor }) | null;
    if (!wrapper?.CodeMirror) throw new Error('no GraphiQL response editor');
    const editor = wrapper.CodeMirror;
    w.__klResponses = [];
    editor.on('change', () => w.__klResponses?.push(editor.getValue()));
  });
}

async function waitForResponse(page: Page, what: string, ok: (text: string) => boolean): Promise<string> {
  let seen: string[] = [];
  await waitUntil(
    async () => {
      seen = await page.evaluate(() => (window as unknown as { __klResponses?: string[] }).__klResponses ?? []);
      return seen.some(ok);
    },
    { timeoutMs: 60_000, message: `e2e: GraphiQL never showed ${what}; last response: ${seen.at(-1)?.slice(0, 600) ?? '(none)'}` },
  );
  return seen.find(ok) ?? '';
}

describe('GraphQL for a connected cluster in a real VS Code and Chromium', () => {
  const k = kubelinkSession('graphql', HEALTH_SETTINGS, { ignoreHTTPSErrors: true });
  const s = k.session;
  let sim: Simulator | undefined;

  before(async () => {
    sim = await startSimulator({ name: 'graphql', namespaces: 1, nodes: 1, podsPerNamespace: 2, kubeconfigDir: path.join(k.dir, 'sim') });
    writeKubeconfig(k.kubeconfig, demoKubeconfig(sim));
    await s.start();
  }, { timeout: 240_000 });

  after(() => k.stop(sim), { timeout: 60_000 });

  test('Open GraphQL for Cluster opens GraphiQL, which runs a query and a subscription that sees a kubectl-created pod', { timeout: 240_000 }, s.case(async ({ wb, server, t }) => {
    await connectByClick(wb, server, ADMIN_CONTEXT);
    await waitForClusterStatus(wb, 'the admin cluster ready', readyStatus(ADMIN_CONTEXT));

    const opened = wb.context.waitForEvent('page', { timeout: 90_000 });
    await wb.runCommand('Kubelink: Open GraphQL for Cluster');
    // VS Code's link protection asks before opening a domain the user has not trusted; the user clicks Open.
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.filter({ hasText: /open the external website/ }).waitFor({ state: 'visible', timeout: 60_000 });
    t.diagnostic(`dialog: ${(await dialog.innerText()).replace(/\s+/g, ' ')}`);
    await dialog.locator('.monaco-button').filter({ hasText: /^Open$/ }).click();
    const page = await opened;
    await page.waitForLoadState('domcontentloaded');
    t.diagnostic(`GraphiQL tab: ${page.url()}`);
    // code-server is a window whose UI runs elsewhere: Kubelink opens kubelink.localhost (graphqlUrl.ts), which VS Code's
    // port forwarding leaves alone; the token fragment is gone because the page moves it into sessionStorage.
    assert.match(page.url(), /^https:\/\/kubelink\.localhost:\d+\/graphql\/[^#]+$/, 'the sidecar\'s endpoint, not code-server\'s port proxy');
    await page.locator('.graphiql-query-editor .CodeMirror').first().waitFor({ state: 'visible', timeout: 60_000 });
    await recordResponses(page);

    const pods = (await kubectl(sim!.adminKubeconfig, ['get', 'pods', '-n', 'default', '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\n"}{end}'])).split('\n').filter((n) => n !== '');
    assert.ok(pods.length > 0, 'the simulator seeds pods in default');
    await runOperation(page, '{ v1 { Pods(namespace: "default") { items { metadata { name } } } } }');
    const listed = await waitForResponse(page, 'the pods of default', (text) => text.includes('"Pods"'));
    t.diagnostic(`query response: ${listed.slice(0, 400)}`);
    for (const pod of pods) assert.ok(listed.includes(`"${pod}"`), `the query lists ${pod}`);
    await page.screenshot({ path: path.join(outputDir(), 'graphql-query.png') });

    await runOperation(page, 'subscription { v1_pods(namespace: "default") { type object { metadata { name } } } }');
    // List-then-watch: the existing pods come first as ADDED; the watch is open once they have.
    await waitForResponse(page, 'the first subscription event', (text) => text.includes('"v1_pods"'));
    await kubectl(sim!.adminKubeconfig, ['create', '-f', '-'], podManifest('default', NEW_POD));
    const event = await waitForResponse(page, `an ADDED event for ${NEW_POD}`, (text) => text.includes(`"${NEW_POD}"`) && text.includes('"ADDED"'));
    t.diagnostic(`subscription event: ${event}`);
    await page.screenshot({ path: path.join(outputDir(), 'graphql-subscription.png') });
    await page.close();
  }));

  test('Register Cluster for GraphQL… writes a ClusterAccess into the management cluster the user picks', { timeout: 120_000 }, s.case(async ({ wb, t }) => {
    await kubectl(sim!.adminKubeconfig, ['apply', '-f', path.join(repoRoot(), 'deploy', 'crd-clusteraccess.yaml')]);
    await wb.runCommand('Kubelink: Register Cluster for GraphQL…');
    await wb.waitForQuickInput(/Cluster to register/);
    await wb.pickQuickItem(ADMIN_CONTEXT);
    await wb.waitForQuickInput(/Management cluster/);
    await wb.pickQuickItem(ADMIN_CONTEXT);
    await wb.waitForQuickInput(/Name of the ClusterAccess/);
    await wb.submitQuickInput('e2e-admin');
    const toast = await wb.waitForNotification(/is registered in/, 60_000);
    t.diagnostic(`toast: ${toast}`);
    assert.match(toast, /clusteraccess\.gateway\.platform-mesh\.io\/e2e-admin created/);
    const host = await kubectl(sim!.adminKubeconfig, ['get', 'clusteraccess', 'e2e-admin', '-o', 'jsonpath={.spec.host}']);
    assert.equal(host.trim(), sim!.url.replace(/\/$/, ''));
    await wb.screenshot('graphql-registered');
  }));
});
