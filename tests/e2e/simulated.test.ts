// Issue #15 in a real VS Code: Kubelink: Create Simulated Cluster… from the palette → the entry appears under Simulated
// clusters, "simulated, creating" then "simulated, ready" → a click connects it through its own endpoint → its nodes and
// pods are listed in Resources; Kubelink: Delete Simulated Cluster removes the row and, per kubectl on the main cluster,
// the tenant namespace. The sidecar runs the agent and its embedded main cluster itself (no simulator from the harness);
// the main cluster's admin kubeconfig is in Kubelink's state folder, where the agent writes it.
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
  const k = kubelinkSession('simulated', {}, { viewport: { width: 1280, height: 1400 } });
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
