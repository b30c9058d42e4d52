// The demo as a user runs it (docs/demo.md): `node scripts/demo.mjs --fresh` in its own process group, with its folder
// in a temp dir (KUBELINK_DEMO_DIR) so a developer's .demo/ is left alone. Its printed URL opened in Chromium: the
// Clusters view holds the kubeconfig contexts, the Amazon EKS group with the simulator's EKS cluster and the Simulated
// clusters group with test-cluster-012 ready (issues #13 and #15: "the demo starts with…"); both connect with a click.
// SIGTERM to the demo's group stops everything it started: code-server and the simulator stop answering.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  ADMIN_CONTEXT,
  SIM_AWS_PROFILE,
  SIM_EKS_CLUSTER,
  SIM_EKS_REGION,
  assertKubelinkBuilt,
  endGroup,
  openWorkbench,
  outputDir,
  renderedRows,
  repoRoot,
  rowAt,
  trackGroup,
  trackTempDir,
  waitForReady,
  waitGroupGone,
  type Workbench,
} from './harness/index.js';

assertKubelinkBuilt();

const SIMULATED = 'test-cluster-012';
const EKS_GROUP = `Amazon EKS · profile ${SIM_AWS_PROFILE} · ${SIM_EKS_REGION}`;

/** True while something accepts TCP connections on 127.0.0.1:port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

describe('scripts/demo.mjs starts with a simulated cluster and the simulator EKS cluster', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kl-e2e-demo-dir-'));
  trackTempDir(dir);
  let pid = 0;
  let output = '';
  let url = '';
  let simulatorPort = 0;
  let wb: Workbench | undefined;

  before(async () => {
    const child = spawn(process.execPath, [path.join(repoRoot(), 'scripts', 'demo.mjs'), '--fresh'], {
      cwd: repoRoot(),
      env: { ...process.env, KUBELINK_DEMO_DIR: dir, NODE_TEST_CONTEXT: undefined },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid === undefined) throw new Error('e2e: could not spawn the demo');
    pid = child.pid;
    trackGroup(pid);
    let timer: NodeJS.Timeout | undefined;
    const ready = new Promise<void>((resolve, reject) => {
      const collect = (chunk: Buffer): void => {
        output += chunk.toString('utf8');
        if (/\[demo\] ready in/.test(output)) resolve();
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      child.once('exit', () => reject(new Error('e2e: the demo exited')));
      timer = setTimeout(() => reject(new Error('e2e: the demo printed no "ready" line in 300 s')), 300_000);
    });
    await ready.catch((err: unknown) => {
      throw new Error(`${err instanceof Error ? err.message : String(err)}\n${output.slice(-4000)}`);
    }).finally(() => clearTimeout(timer));
    url = /(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)/.exec(output)?.[1] ?? '';
    simulatorPort = Number(/simulator (?:https:\/\/)?127\.0\.0\.1:(\d+)/.exec(output)?.[1] ?? '0');
    assert.ok(url !== '' && simulatorPort > 0, `the demo printed its URL and the simulator's: ${output}`);
    assert.match(output, new RegExp(`simulated cluster ${SIMULATED} ready \\(created\\), EKS ${SIM_EKS_CLUSTER} connected`));
    wb = await openWorkbench(url, { name: 'demo', viewport: { width: 1280, height: 1000 } });
  }, { timeout: 420_000 });

  after(async () => {
    await wb?.close();
    if (pid) await endGroup(pid, 30_000);
    fs.rmSync(dir, { recursive: true, force: true });
  }, { timeout: 90_000 });

  test('the Clusters view holds the Amazon EKS and Simulated clusters groups; both clusters connect with a click', { timeout: 300_000 }, async (t) => {
    const w = wb!;
    try {
      await w.openViewContainer('Kubelink');
      await w.waitForTreeRowLabelled(ADMIN_CONTEXT, 'sidebar', 120_000);
      await rowAt(w, [EKS_GROUP, SIM_EKS_CLUSTER], 60_000);
      await rowAt(w, ['Simulated clusters', SIMULATED], 60_000);
      const rows = await renderedRows(w);
      t.diagnostic(`rows: ${JSON.stringify(rows.map((r) => `${'  '.repeat(r.level)}${r.label} | ${r.description}`))}`);
      assert.match(rows.find((r) => r.label === SIMULATED)?.description ?? '', /^simulated, ready$/);
      assert.match(rows.find((r) => r.label === SIM_EKS_CLUSTER)?.description ?? '', /^ACTIVE · v1\.\d+/);

      for (const name of [SIM_EKS_CLUSTER, SIMULATED]) {
        await (await w.waitForTreeRowLabelled(name)).locator('.label-name').click();
        await waitForReady(w, name, 120_000);
      }
      await w.screenshot('demo-clusters');
    } catch (err) {
      await w.page.screenshot({ path: path.join(outputDir(), 'demo-failed.png') }).catch(() => undefined);
      throw err;
    }
  });

  test('SIGTERM to the demo stops code-server and the simulator', { timeout: 120_000 }, async () => {
    await wb?.close();
    wb = undefined;
    const port = Number(new URL(url).port);
    assert.equal(await accepts(port), true, 'code-server answers before the stop');
    process.kill(-pid, 'SIGTERM');
    assert.equal(await waitGroupGone(pid, 60_000), true, 'the demo process ended');
    assert.match(output, /\[demo\] stopped/);
    assert.equal(await accepts(port), false, 'code-server is gone');
    assert.equal(await accepts(simulatorPort), false, 'the simulator is gone');
  });
});
