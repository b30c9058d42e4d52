#!/usr/bin/env node
// npm run test:ext — the extension's tests under Node's own test runner, without VS Code:
// bundles the TypeScript tests (scripts/esbuild.mjs --tests), makes sure the sidecar is built for the integration
// test, then runs out/tests/**/*.test.js and tests/extension/**/*.test.mjs with `node --test`, whose summary it prints.
// tests/extension mirrors the extension/src folders (catalog/, clusters/, health/, resources/, sidecar/, status/); a
// test of a top-level module (config, ids, the manifest, activation) stays at the top.
// Extra arguments go to `node --test` (e.g. --test-name-pattern=Supervisor).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from './esbuild.mjs';
import { ensureSidecarBuilt, repoRoot } from './lib/sidecar-build.mjs';

function filesUnder(dir, suffix) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(suffix))
    .map((file) => relative(repoRoot, join(dir, file)))
    .sort();
}

await build({ tests: true });
ensureSidecarBuilt();

const tests = [...filesUnder(join(repoRoot, 'out', 'tests'), '.test.js'), ...filesUnder(join(repoRoot, 'tests', 'extension'), '.test.mjs')];
const result = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-reporter=spec', ...process.argv.slice(2), ...tests], {
  cwd: repoRoot,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
