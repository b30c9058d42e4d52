// Builds the e2e tests: type-checks tests/e2e (tsc, tests/e2e/tsconfig.json) and
// bundles every tests/e2e/**/*.test.ts with esbuild into out/e2e/<name>.test.mjs
// (ESM, Node 20, playwright-core kept external). Node 20 cannot run .ts itself.
//
// Usage: node scripts/e2e/build.mjs [--no-typecheck]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const srcDir = path.join(root, 'tests', 'e2e');
const outDir = path.join(root, 'out', 'e2e');

function findTests(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'fixtures' && entry.name !== 'node_modules') out.push(...findTests(p));
    } else if (entry.name.endsWith('.test.ts')) {
      out.push(p);
    }
  }
  return out;
}

/**
 * A `require` for the CommonJS packages bundled into an ES module (vscode-jsonrpc, used by harness/sidecarRpc.ts, calls
 * `require('util')`): esbuild's shim uses a `require` in scope, and an ES module has none of its own.
 */
export const ESM_REQUIRE_BANNER = { js: "import { createRequire as __klCreateRequire } from 'node:module'; const require = __klCreateRequire(import.meta.url);" };

export async function buildE2E({ typecheck = true } = {}) {
  const started = Date.now();
  if (typecheck) {
    const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', path.join(srcDir, 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('e2e build: type errors in tests/e2e (tsc -p tests/e2e/tsconfig.json)');
  }
  const esbuild = await import('esbuild');
  const entryPoints = findTests(srcDir);
  if (entryPoints.length === 0) throw new Error('e2e build: no tests/e2e/**/*.test.ts found');
  fs.rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints,
    outdir: outDir,
    outbase: srcDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    external: ['playwright-core'],
    banner: ESM_REQUIRE_BANNER,
    logLevel: 'warning',
  });
  const outputs = entryPoints.map((e) => path.join(outDir, path.relative(srcDir, e)).replace(/\.ts$/, '.mjs'));
  console.log(`[e2e build] ${outputs.length} test file(s) in ${Date.now() - started} ms`);
  return outputs;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildE2E({ typecheck: !process.argv.includes('--no-typecheck') }).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
