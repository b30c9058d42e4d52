// Kubelink itself inside code-server: the extension (out/extension.js, the root package.json being its manifest) and
// the sidecar's dev build, both built by npm run e2e; without them the file fails (a skip is never a pass).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { assertKubelinkBuilt, describeExtension, e2eSession, repoRoot, waitUntil } from './harness/index.js';

function processAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

const ROOT = repoRoot();
assertKubelinkBuilt();
const EXTENSION_ID = 'kubelink.kubelink';
// extension/src/status/statusBar.ts: item id 'kubelink.status', prefixed by the extension id.
const STATUS_ITEM = `${EXTENSION_ID}.kubelink.status`;

describe('Kubelink in code-server', () => {
  const s = e2eSession('kubelink', {
    // The repo root is the extension folder: package.json + out/ (+ the sidecar build wherever the extension looks for it).
    extensions: [ROOT],
    env: {
      // An empty kubeconfig: nothing from the machine's ~/.kube leaks in (HOME is isolated too).
      KUBECONFIG: path.join(ROOT, 'tests', 'e2e', 'fixtures', 'empty-kubeconfig.yaml'),
    },
  });

  let sidecarPid: number | undefined;

  before(() => s.start(), { timeout: 240_000 });
  after(() => s.stop(), { timeout: 60_000 });

  test('the extension is linked as kubelink.kubelink and activates without an error', { timeout: 120_000 }, s.case(async ({ server, wb }) => {
    assert.equal(describeExtension(ROOT).id, EXTENSION_ID);
    await server.waitForExtensionActivation(EXTENSION_ID, 90_000);
    // Activation is asynchronous; give the exthost a chance to log a failure before looking.
    await wb.page.locator('.part.statusbar').waitFor();
    assert.equal(server.extensionActivationError(EXTENSION_ID), undefined);
    await wb.readStatusBarItem(STATUS_ITEM, 60_000);
    await wb.screenshot('kubelink-activated');
  }));

  test('the status bar reports the sidecar running', { timeout: 150_000 }, s.case(async ({ wb, t }) => {
    // The tooltip (part of the aria label) says "Kubelink sidecar <version> is running (process <pid>)".
    const item = await wb.waitForStatusBarText(STATUS_ITEM, /sidecar .* is running/, 120_000);
    t.diagnostic(`status bar: ${item.ariaLabel}`);
    sidecarPid = Number(/process (\d+)/.exec(item.ariaLabel)?.[1]) || undefined;
    await wb.screenshot('kubelink-sidecar-running');
  }));

  test('stopping code-server leaves no sidecar behind', { timeout: 60_000 }, s.case(async () => {
    assert.ok(sidecarPid, 'the previous case read the sidecar pid from the status bar');
    await s.stop();
    // The sidecar is a child of the extension host, in code-server's process group (or exits on parent death).
    await waitUntil(() => !processAlive(sidecarPid as number), { timeoutMs: 30_000, message: `sidecar ${sidecarPid} still running` });
  }));
});
