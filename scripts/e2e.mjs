#!/usr/bin/env node
// End-to-end tests: Kubelink inside a real VS Code (code-server) driven by a real Chromium.
//
//   npm run e2e                          install (no-op when done), build, run every tests/e2e/**/*.test.ts
//   npm run e2e -- smoke                 only test files whose name contains "smoke"
//   npm run e2e -- --test-name-pattern=toast   extra flags go to `node --test`
//
// Env: KUBELINK_E2E_SKIP_INSTALL=1  skip scripts/e2e/install.sh
//      KUBELINK_E2E_KEEP=1          keep each code-server's throwaway root (in $TMPDIR/kl-e2e-*)
//      KUBELINK_E2E_HEADED=1        headed Chromium (needs a display)
// Output: screenshots, logs of failed cases and timings.jsonl in .test-output/e2e/.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outputDir = path.join(root, '.test-output', 'e2e');
const t0 = Date.now();
const log = (line) => console.log(`[e2e] ${line}`);

function fail(message, code = 1) {
  console.error(`[e2e] ERROR: ${message}`);
  process.exit(code);
}

// 1. Machine prerequisites: code-server under .tools/, Chromium, ripgrep, libkrb5-dev.
if (process.env.KUBELINK_E2E_SKIP_INSTALL !== '1') {
  const started = Date.now();
  const r = spawnSync('bash', [path.join(root, 'scripts', 'e2e', 'install.sh')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) fail(`scripts/e2e/install.sh failed (exit ${r.status ?? r.signal})`);
  log(`install step: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// 2. Node dependencies (playwright-core, esbuild, typescript) from the root package.json.
const require = createRequire(path.join(root, 'package.json'));
const missing = ['playwright-core', 'esbuild', 'typescript'].filter((m) => {
  try {
    require.resolve(m);
    return false;
  } catch {
    return true;
  }
});
if (missing.length > 0) {
  log(`node_modules lacks ${missing.join(', ')}: running npm ci`);
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) fail('npm ci failed');
}

// 3. Build what the tests need: the extension bundle (out/extension.js), the sidecar's dev build, and the e2e harness
//    and tests (type-check + bundle into out/e2e/). A test never skips itself for a missing build (issue 11 item 9):
//    the build happens here, or the run fails.
const { buildE2E } = await import('./e2e/build.mjs');
let testFiles;
try {
  const started = Date.now();
  await (await import('./esbuild.mjs')).build();
  (await import('./lib/sidecar-build.mjs')).buildSidecar();
  log(`extension and sidecar build: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  testFiles = await buildE2E();
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}

// 4. Run them with Node's test runner, one file (one code-server + browser) at a time.
const args = process.argv.slice(2);
const filters = args.filter((a) => !a.startsWith('-'));
const nodeTestFlags = args.filter((a) => a.startsWith('-'));
if (filters.length > 0) {
  testFiles = testFiles.filter((f) => filters.some((flt) => path.basename(f).includes(flt)));
  if (testFiles.length === 0) fail(`no e2e test file matches ${filters.join(', ')}`);
}
fs.rmSync(outputDir, { recursive: true, force: true });
fs.mkdirSync(outputDir, { recursive: true });

const testArgs = [
  '--enable-source-maps',
  '--test',
  '--test-concurrency=1',
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=tap', // read back below: a skipped test fails the run
  `--test-reporter-destination=${path.join(outputDir, 'results.tap')}`,
  '--test-timeout=1800000', // a backstop only; each test sets its own deadline (the VSIX build inside one file is the longest)
  ...nodeTestFlags,
  ...testFiles,
];
log(`node ${testArgs.map((a) => (a.startsWith(root) ? path.relative(root, a) : a)).join(' ')}`);
const child = spawn(process.execPath, testArgs, {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, KUBELINK_E2E_ROOT: root },
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => child.kill(sig));
}
let code = await new Promise((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));

// A skip is never a pass: "pass 8" with five suites skipped once hid that nothing of Kubelink had run.
const { skippedTests } = await import('./e2e/skips.mjs');
const tapFile = path.join(outputDir, 'results.tap');
const skipped = fs.existsSync(tapFile) ? skippedTests(fs.readFileSync(tapFile, 'utf8')) : [];
if (skipped.length > 0) {
  console.error(`[e2e] ERROR: ${skipped.length} test(s) skipped; a skip is never a pass:\n  ${skipped.join('\n  ')}`);
  code = code === 0 ? 1 : code;
}

// 5. Timings of this run (informational).
try {
  const lines = fs.readFileSync(path.join(outputDir, 'timings.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  for (const t of lines) {
    const who = t.test ? `${t.session} / ${t.test}` : t.name ?? '';
    log(`timing: ${t.what.padEnd(18)} ${String(t.ms).padStart(7)} ms  ${who}${t.ok === false ? '  (FAILED)' : ''}`);
  }
} catch {
  // no timings: nothing started
}
log(`artifacts: ${path.relative(root, outputDir)}/`);
log(`total ${((Date.now() - t0) / 1000).toFixed(1)} s, exit ${code}`);
process.exit(code);

