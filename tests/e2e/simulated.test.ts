// Issue #15 in a real VS Code: Kubelink: Create Simulated Cluster… from the palette → the entry appears under Simulated
// clusters, "simulated, creating" then "simulated, ready" → a click connects it through its own endpoint → its nodes and
// pods are listed in Resources; Kubelink: Delete Simulated Cluster removes the row and, per kubectl on the main cluster,
// the tenant namespace. The sidecar runs the agent and its embedded main cluster itself (no simulator from the harness);
// the main cluster's admin kubeconfig is in Kubelink's state folder, where the agent writes it.
// The Rancher import from the editor: kubelink.simulated.rancherUrl names a port nothing listens on (no Rancher is
// reachable here, and the fake one is xunit test code), so a key set from the palette in a password box reaches the
// sidecar, which answers "not reachable": one notification naming the setting, the row saying why; Clear turns it off.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  assertKubelinkBuilt,
  expandPath,
  kubectl,
  kubelinkSession,
  repoRoot,
  rowAt,
  waitForReady,
  waitForRows,
  waitUntil,
  collapse,
  type Workbench,
} from './harness/index.js';

assertKubelinkBuilt();

const NAME = 'e2e-sim';
/** Port 1 on loopback: nothing listens there, so a connection is refused at once. */
const RANCHER_URL = 'http://127.0.0.1:1';
const RANCHER_KEY = 'token-e2e00:NotOnDisk0123456789';
const GROUP = 'Simulated clusters';
const NODES = 3;
const PODS = 24;
/**
 * The sidecar's template file (docs/simulated-clusters.md): more objects than the default, so "creating" lasts a few
 * seconds of writes (each on disk before it is answered) and the tree shows it on any machine; few enough to fit on screen.
 */
const TEMPLATE = `nodes:\n  count: ${NODES}\n  roles: [control-plane, worker]\npods:\n  count: ${PODS}\n  requests: {cpu: 100m, memory: 64Mi}\n`;

const expected = (kind: 'node' | 'pod', n: number): string[] => Array.from({ length: n }, (_, i) => `${NAME}-${kind}${i + 1}`).sort();
const labels = (rows: { label: string }[]): string[] => rows.map((r) => r.label).sort();

/**
 * Records, page-side, every description the row labelled `label` shows: "creating" may last less than a poll interval
 * on a quiet machine, and a MutationObserver sees each render.
 */
async function recordDescriptions(wb: Workbench, label: string): Promise<void> {
  await wb.page.evaluate((name) => {
    const w = window as unknown as { __klDescriptions?: string[] };
    w.__klDescriptions = [];
    const scan = (): void => {
      for (const row of Array.from(document.querySelectorAll('.part.sidebar .monaco-list-row[role="treeitem"]'))) {
        if (row.querySelector<HTMLElement>('.label-name')?.innerText.trim() !== name) continue;
        const text = (row.querySelector<HTMLElement>('.label-description')?.innerText ?? '').trim();
        if (w.__klDescriptions?.at(-1) !== text) w.__klDescriptions?.push(text);
      }
    };
    new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  }, label);
}

const descriptions = (wb: Workbench): Promise<string[]> =>
  wb.page.evaluate(() => (window as unknown as { __klDescriptions?: string[] }).__klDescriptions ?? []);

describe('Simulated clusters from the palette in a real VS Code', () => {
  const k = kubelinkSession('simulated', { 'kubelink.simulated.rancherUrl': RANCHER_URL }, { viewport: { width: 1280, height: 1400 } });
  const s = k.session;
  const stateDir = path.join(k.dir, 'state', 'simulated');
  /** Written by the agent when it starts its embedded main cluster (SimulatedAgent, EmbeddedMain). */
  const mainKubeconfig = path.join(stateDir, 'main', 'admin.kubeconfig');

  before(async () => {
    fs.copyFileSync(path.join(repoRoot(), 'tests', 'e2e', 'fixtures', 'empty-kubeconfig.yaml'), k.kubeconfig);
    fs.mkdirSync(stateDir, { recursive: true });
    fs.writeFileSync(path.join(stateDir, 'template.yaml'), TEMPLATE);
    await s.start();
  }, { timeout: 240_000 });

  after(() => k.stop(), { timeout: 60_000 });

  test('Create Simulated Cluster… → creating then ready → a click connects it → its nodes and pods in Resources', { timeout: 300_000 }, s.case(async ({ wb, server, t }) => {
    await server.waitForExtensionActivation('kubelink.kubelink', 90_000);
    await wb.openViewContainer('Kubelink');
    await recordDescriptions(wb, NAME);

    await wb.runCommand('Kubelink: Create Simulated Cluster…', 90_000);
    const input = await wb.waitForQuickInput(/Create Simulated Cluster/);
    assert.equal(await input.locator('input.input').inputValue(), 'test-cluster-001', 'the first free name is proposed');
    // The name is checked as it is typed (the sidecar checks again): an underscore is no DNS label.
    await input.locator('input.input').fill('Bad_Name');
    const message = input.locator('.quick-input-message');
    await waitUntil(async () => /Lower-case letters, digits/.test(await message.innerText().catch(() => '')), {
      timeoutMs: 30_000,
      message: 'e2e: no validation message for Bad_Name',
    });
    await wb.submitQuickInput(NAME);

    await wb.waitForTreeRowLabelled(GROUP, 'sidebar', 120_000);
    const row = await wb.waitForTreeRowLabelled(NAME, 'sidebar', 60_000);
    await waitUntil(async () => (await descriptions(wb)).includes('simulated, ready'), {
      timeoutMs: 180_000,
      message: `e2e: ${NAME} never showed "simulated, ready" (seen: ${JSON.stringify(await descriptions(wb))})`,
    });
    const seen = await descriptions(wb);
    t.diagnostic(`descriptions seen: ${JSON.stringify(seen)}`);
    assert.ok(seen.indexOf('simulated, creating') >= 0 && seen.indexOf('simulated, creating') < seen.indexOf('simulated, ready'), `creating before ready: ${JSON.stringify(seen)}`);
    await rowAt(wb, [GROUP, NAME]); // under the group, one level down
    await wb.screenshot('simulated-created');

    // The main cluster holds the tenant: namespace cluster-<name> and the template's nodes.
    assert.match(await kubectl(mainKubeconfig, ['get', 'namespace', `cluster-${NAME}`, '-o', 'name']), new RegExp(`namespace/cluster-${NAME}`));

    await row.locator('.label-name').click();
    await waitForReady(wb, NAME, 120_000);

    await expandPath(wb, [NAME, 'Resources', 'core', 'Node']);
    const nodes = await waitForRows(wb, [NAME, 'Resources', 'core', 'Node'], `the ${NODES} nodes of ${NAME}`, (rows) => expected('node', NODES).every((n) => rows.some((r) => r.label === n)));
    t.diagnostic(`node rows: ${JSON.stringify(nodes.map((r) => `${r.label} | ${r.description}`))}`);
    await collapse(await rowAt(wb, [NAME, 'Resources', 'core', 'Node']));

    await expandPath(wb, [NAME, 'Resources', 'core', 'Pod']);
    const pods = await waitForRows(wb, [NAME, 'Resources', 'core', 'Pod'], `the ${PODS} pods of ${NAME}`, (rows) => expected('pod', PODS).every((n) => rows.some((r) => r.label === n)));
    // Kubelink lists what kubectl lists through the cluster's own endpoint (the kubeconfig the agent wrote).
    const ownKubeconfig = path.join(stateDir, 'clusters', NAME, 'kubeconfig');
    const viaEndpoint = (await kubectl(ownKubeconfig, ['get', 'pods', '-A', '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\n"}{end}'])).split('\n').filter((n) => n !== '').sort();
    assert.deepEqual(labels(pods), viaEndpoint);
    assert.deepEqual(viaEndpoint, expected('pod', PODS));
    await wb.screenshot('simulated-connected');
  }));

  test('Set Rancher API Key… → the key reaches the sidecar, an unreachable Rancher is one notification and the row says why; Clear turns it off', { timeout: 180_000 }, s.case(async ({ wb, t }) => {
    await wb.runCommand('Kubelink: Set Rancher API Key…');
    const input = await wb.waitForQuickInput(/Rancher API Key/);
    assert.equal(await input.locator('input.input').getAttribute('type'), 'password', 'the key is typed into a password box');
    await wb.submitQuickInput(RANCHER_KEY);

    const notice = await wb.waitForNotification(/Rancher import of the simulated clusters: Rancher at http:\/\/127\.0\.0\.1:1\/ is not reachable: .*check the setting kubelink\.simulated\.rancherUrl/, 90_000);
    t.diagnostic(`notification: ${notice}`);
    await waitUntil(async () => (await descriptions(wb)).some((d) => d.includes('· Rancher failed: Rancher at http://127.0.0.1:1/ is not reachable')), {
      timeoutMs: 90_000,
      message: `e2e: ${NAME}'s row never showed the Rancher failure (seen: ${JSON.stringify(await descriptions(wb))})`,
    });
    await wb.screenshot('simulated-rancher-unreachable');
    // The key is nowhere a user or another program could read it: not in a notification, the tree, or Kubelink's files.
    const shown = [...(await wb.seenNotifications()), ...(await wb.treeRowTexts()), ...(await descriptions(wb))];
    assert.ok(shown.every((text) => !text.includes('NotOnDisk')), 'the key is shown nowhere');
    // (A file renamed away meanwhile, as state.json's temp files are, holds nothing any more.)
    const holdsKey = (file: string): boolean => {
      try {
        return fs.statSync(file).isFile() && fs.readFileSync(file).includes('NotOnDisk');
      } catch {
        return false;
      }
    };
    const files = fs.readdirSync(k.dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(k.dir, f));
    assert.deepEqual(files.filter(holdsKey), [], 'the key is in no file of the state folder');

    await wb.runCommand('Kubelink: Clear Rancher API Key');
    await wb.waitForNotification(/Rancher API key cleared: the Rancher import is off \(the simulated clusters stay\)/, 60_000);
    await waitUntil(async () => !((await descriptions(wb)).at(-1) ?? 'Rancher').includes('Rancher'), {
      timeoutMs: 60_000,
      message: `e2e: ${NAME}'s row still shows a Rancher state after the key was cleared (seen: ${JSON.stringify(await descriptions(wb))})`,
    });
  }));

  test('Delete Simulated Cluster removes the row and the tenant namespace on the main cluster', { timeout: 180_000 }, s.case(async ({ wb, t }) => {
    await wb.runCommand('Kubelink: Delete Simulated Cluster');
    await wb.waitForQuickInput(/Simulated cluster to delete/);
    await wb.pickQuickItem(NAME);
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.filter({ hasText: `Delete simulated cluster ${NAME}?` }).waitFor({ state: 'visible', timeout: 60_000 });
    t.diagnostic(`dialog: ${(await dialog.innerText()).replace(/\s+/g, ' ')}`);
    await dialog.locator('.monaco-button').filter({ hasText: /^Delete$/ }).click();

    await waitUntil(async () => (await wb.treeRowTexts()).every((text) => !text.startsWith(NAME) && !text.startsWith(GROUP)), {
      timeoutMs: 120_000,
      message: `e2e: ${NAME} and its group are still in the tree: ${JSON.stringify(await wb.treeRowTexts())}`,
    });
    // The delete answers once the namespace is gone: kubectl on the main cluster says NotFound.
    await assert.rejects(kubectl(mainKubeconfig, ['get', 'namespace', `cluster-${NAME}`]), /NotFound|not found/);
    const nodes = await kubectl(mainKubeconfig, ['get', 'nodes', '-l', `cluster-id=${NAME}`, '-o', 'name']);
    assert.equal(nodes.trim(), '', 'no node of the cluster is left');
    assert.equal(fs.existsSync(path.join(stateDir, 'clusters', NAME)), false, 'its kubeconfig folder is gone');
    await wb.screenshot('simulated-deleted');
  }));
});
