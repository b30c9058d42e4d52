#!/usr/bin/env node
// npm run build:ext — bundles the extension into out/extension.js; with --tests, also each tests/extension/**/*.test.ts
// into out/tests/ (the test runner runs plain Node, so the tests are bundled the same way as the extension).
// Flags: --tests, --production (minify, no source map), --watch.
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Shared by both bundles: the extension host is Node 20 and provides `vscode` itself. */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  logLevel: 'warning',
  absWorkingDir: root,
};

function testEntryPoints() {
  const dir = join(root, 'tests', 'extension');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => relative(root, join(dir, file)));
}

/**
 * @param {{ tests?: boolean, production?: boolean, watch?: boolean, outfile?: string }} options
 * `outfile` (absolute, or relative to the repo root) moves the extension bundle elsewhere, e.g. into the packaging stage.
 */
export async function build({ tests = false, production = false, watch = false, outfile = 'out/extension.js' } = {}) {
  const configs = [
    { ...common, entryPoints: ['extension/src/extension.ts'], outfile, sourcemap: !production, minify: production },
  ];
  if (tests) {
    // Tests keep `vscode` external too: a pure module that imports it fails loudly at require time.
    // The GraphQL clients the gateway tests use stay external: ws requires optional native modules a bundle cannot resolve.
    configs.push({ ...common, external: [...common.external, 'ws', 'graphql', 'graphql-ws'], entryPoints: testEntryPoints(), outdir: 'out/tests', outbase: 'tests/extension', sourcemap: 'inline' });
  }
  if (watch) {
    for (const config of configs) {
      const context = await esbuild.context(config);
      await context.watch();
    }
    console.log('esbuild: watching for changes');
    return;
  }
  await Promise.all(configs.map((config) => esbuild.build(config)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = new Set(process.argv.slice(2));
  await build({ tests: args.has('--tests'), production: args.has('--production'), watch: args.has('--watch') });
}
