// The packaged extension as a user gets it: `npm run package` builds dist/kubelink-linux-x64-<version>.vsix,
// code-server installs it with --install-extension, and the sidecar that starts is the one inside the VSIX
// (framework-dependent, ReadyToRun, run as `dotnet <extension>/server/kubelink-sidecar.dll`).
// KUBELINK_E2E_VSIX=/path/to.vsix tests that file instead of building one.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { e2eSession, repoRoot, trackTempDir } from './harness/index.js';

const ROOT = repoRoot();
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const VSIX = process.env.KUBELINK_E2E_VSIX ?? path.join(ROOT, 'dist', `kubelink-linux-x64-${VERSION}.vsix`);
const STATUS_ITEM = 'kubelink.kubelink.kubelink.status';
const skip = process.platform !== 'linux' || process.arch !== 'x64' ? 'the VSIX is built for linux-x64 only' : false;

/** `node scripts/package.mjs`, its output shown as test diagnostics on failure. */
async function buildVsix(): Promise<void> {
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'package.mjs')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  if (code !== 0) throw new Error(`npm run package failed (exit ${code}):\n${output.slice(-4000)}`);
  console.error(output.split('\n').filter((l) => l.startsWith('[package] dist/')).join('\n'));
}

function cmdline(pid: number): string[] {
  return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
}

describe('the packaged VSIX installed into code-server', { skip }, () => {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kl-e2e-vsix-state-'));
  trackTempDir(stateDir); // removed on exit, also when interrupted
  const s = e2eSession('vsix', {
    vsix: [VSIX],
    env: { KUBECONFIG: path.join(ROOT, 'tests', 'e2e', 'fixtures', 'empty-kubeconfig.yaml'), KUBELINK_STATE_DIR: stateDir },
  });

  before(async () => {
    if (!process.env.KUBELINK_E2E_VSIX) await buildVsix();
    await s.start();
  }, { timeout: 1_500_000 }); // the ReadyToRun publish inside took 806 s on a 2-core machine kept busy by other builds

  after(async () => {
    await s.stop();
    fs.rmSync(stateDir, { recursive: true, force: true });
  }, { timeout: 60_000 });

  test('--install-extension unpacks it with the published sidecar and no sources', { timeout: 30_000 }, s.case(async ({ server }) => {
    assert.deepEqual(server.extensionIds, ['kubelink.kubelink']);
    const folder = fs.readdirSync(server.extensionsDir).find((d) => d.startsWith(`kubelink.kubelink-${VERSION}`));
    assert.ok(folder, `no kubelink.kubelink-${VERSION}* in ${fs.readdirSync(server.extensionsDir).join(', ')}`);
    const dir = path.join(server.extensionsDir, folder);
    for (const f of ['package.json', 'out/extension.js', 'server/kubelink-sidecar.dll', 'server/kubelink-sidecar.runtimeconfig.json']) {
      assert.ok(fs.existsSync(path.join(dir, f)), `${f} is in the installed extension`);
    }
    const top = fs.readdirSync(dir).sort();
    for (const unwanted of ['node_modules', 'tests', 'scripts', 'tsconfig.json', 'docs']) assert.ok(!top.includes(unwanted), `${unwanted} is not shipped`);
    assert.ok(!fs.readdirSync(path.join(dir, 'server')).some((f) => f.endsWith('.cs') || f === 'Kubelink.Sidecar'), 'server/ holds only the published sidecar');
  }));

  test('the packaged sidecar starts: the status bar reports it running', { timeout: 150_000 }, s.case(async ({ server, wb, t }) => {
    await server.waitForExtensionActivation('kubelink.kubelink', 90_000);
    const item = await wb.waitForStatusBarText(STATUS_ITEM, /sidecar .* is running/, 120_000);
    t.diagnostic(`status bar: ${item.ariaLabel}`);
    const pid = Number(/process (\d+)/.exec(item.ariaLabel)?.[1]);
    assert.ok(pid > 0, 'the status bar names the sidecar process');
    const argv = cmdline(pid);
    t.diagnostic(`sidecar command line: ${argv.join(' ')}`);
    // The VSIX's copy (not the repo's dev build), run by the dotnet host: decision 0005.
    assert.match(argv.join(' '), new RegExp(`${server.extensionsDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/kubelink\\.kubelink-${VERSION}[^/]*/server/kubelink-sidecar\\.dll`));
    await wb.screenshot('vsix-sidecar-running');
  }));
});
