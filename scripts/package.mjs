#!/usr/bin/env node
// npm run package — builds dist/kubelink-<target>-<version>.vsix (docs/packaging.md).
//
//   npm run package                          linux-x64 (the only target built and tested here)
//   npm run package -- --target osx-arm64    another target (win-x64, linux-arm64, osx-arm64, osx-x64, win-arm64)
//   npm run package -- --keep-stage          keep the staging folder and print its path
//
// Steps, all into a throwaway staging folder ($TMPDIR/kl-package-*), never into the repo's server/ or out/:
//   1. dotnet publish server/Kubelink.Sidecar: Release, framework-dependent, ReadyToRun for the target's RID, no
//      apphost (the extension runs `dotnet <stage>/server/kubelink-sidecar.dll`; docs/decisions/0005-sidecar-packaging.md).
//      Intermediate files go to out/package/dotnet/ (--artifacts-path), so a RID-specific restore never rewrites the
//      obj/ folders that Debug builds and tests use at the same time.
//   2. esbuild --production: the extension bundle into <stage>/out/extension.js.
//   3. the manifest (package.json without scripts/devDependencies), extension/marketplace/README.md as README.md,
//      CHANGELOG.md, LICENSE, extension/media/, .vscodeignore.
//   4. vsce ls (checked against the allow-list below), then vsce package --target <vsce target>.
//   5. the VSIX's entries are checked again (nothing but the allow-list; the sidecar is there) and its size printed.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Kubelink target name → .NET runtime identifier and vsce/Marketplace platform target. */
export const TARGETS = {
  'linux-x64': { rid: 'linux-x64', vsce: 'linux-x64' },
  'linux-arm64': { rid: 'linux-arm64', vsce: 'linux-arm64' },
  'win-x64': { rid: 'win-x64', vsce: 'win32-x64' },
  'win-arm64': { rid: 'win-arm64', vsce: 'win32-arm64' },
  'osx-x64': { rid: 'osx-x64', vsce: 'darwin-x64' },
  'osx-arm64': { rid: 'osx-arm64', vsce: 'darwin-arm64' },
};

/** What a VSIX may hold besides vsce's own files ([Content_Types].xml, extension.vsixmanifest). Mirrors .vscodeignore. */
const ALLOWED = [
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/i,
  /^extension\/changelog\.md$/i,
  /^extension\/license(\.[a-z]+)?$/i,
  /^extension\/out\/extension\.js$/,
  /^extension\/extension\/media\/[^/]+$/,
  /^extension\/server\/[^/]+$/,
  /^extension\/server\/runtimes\/.+$/,
];

export function vsixName(target, version) {
  return `kubelink-${target}-${version}.vsix`;
}

function run(command, args, options = {}) {
  const shown = [command, ...args].map((a) => (a.startsWith(root + path.sep) ? path.relative(root, a) : a)).join(' ');
  console.log(`[package] $ ${shown}`);
  const r = spawnSync(command, args, { stdio: options.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8', ...options });
  if (r.error) throw new Error(`${command}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${shown} failed (exit ${r.status ?? r.signal})`);
  return r.stdout;
}

/** The entries of a zip file (reads the central directory; enough for a VSIX). */
export function zipEntries(file) {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: bad central directory`);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const mode = buf.readUInt32LE(p + 38) >>> 16;
    entries.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLength), size, compressed, mode });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Throws unless every file is on the allow-list and the sidecar and the bundle are there. */
export function checkVsixEntries(names) {
  const files = names.filter((n) => !['[Content_Types].xml', 'extension.vsixmanifest'].includes(n) && !n.endsWith('/'));
  const stray = files.filter((n) => !ALLOWED.some((re) => re.test(n)));
  if (stray.length > 0) throw new Error(`the VSIX holds files outside the allow-list (.vscodeignore):\n  ${stray.join('\n  ')}`);
  for (const needed of ['extension/package.json', 'extension/out/extension.js', 'extension/server/kubelink-sidecar.dll']) {
    if (!files.includes(needed)) throw new Error(`the VSIX lacks ${needed}`);
  }
  for (const forbidden of [/\.ts$/, /\.map$/, /node_modules\//, /\.xml$/]) {
    const hit = files.find((n) => forbidden.test(n));
    if (hit) throw new Error(`the VSIX holds ${hit}`);
  }
}

/**
 * Builds the VSIX for `target` and returns its path and size.
 * @param {{ target?: string, keepStage?: boolean }} options
 */
export async function buildVsix({ target = 'linux-x64', keepStage = false } = {}) {
  const t = TARGETS[target];
  if (!t) throw new Error(`unknown target ${target}; one of ${Object.keys(TARGETS).join(', ')}`);
  const started = Date.now();
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'kl-package-'));
  const removeStage = () => {
    if (!keepStage) fs.rmSync(stage, { recursive: true, force: true });
  };
  process.once('exit', removeStage);
  try {
    // 1. The sidecar.
    const serverDir = path.join(stage, 'server');
    const publishStarted = Date.now();
    run('dotnet', [
      'publish', path.join(root, 'server', 'Kubelink.Sidecar'),
      '-c', 'Release',
      '-r', t.rid,
      '--self-contained', 'false',
      '-p:PublishReadyToRun=true',
      '-p:UseAppHost=false',
      '--artifacts-path', path.join(root, 'out', 'package', 'dotnet'),
      '-o', serverDir,
      '--nologo', '-v', 'q', '-clp:ErrorsOnly',
    ], { env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' } });
    for (const f of fs.readdirSync(serverDir)) {
      // API doc files are for the compiler, not for users.
      if (f.endsWith('.xml')) fs.rmSync(path.join(serverDir, f));
    }
    if (!fs.existsSync(path.join(serverDir, 'kubelink-sidecar.dll'))) throw new Error('dotnet publish produced no kubelink-sidecar.dll');
    const publishMs = Date.now() - publishStarted;

    // 2. The extension bundle, minified.
    const { build } = await import('./esbuild.mjs');
    await build({ production: true, outfile: path.join(stage, 'out', 'extension.js') });

    // 3. Manifest, readme, media, ignore file.
    const staged = { ...manifest };
    delete staged.scripts; // no vscode:prepublish in the stage: step 2 did it
    delete staged.devDependencies;
    fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(staged, null, 2) + '\n');
    for (const f of ['CHANGELOG.md', 'LICENSE', 'LICENSE.md', 'LICENSE.txt', '.vscodeignore']) {
      if (fs.existsSync(path.join(root, f))) fs.copyFileSync(path.join(root, f), path.join(stage, f));
    }
    // The extension's page shows the user-facing README (what it does, with screenshots), not the developers' one.
    // Its image links are relative to the repository root, which vsce turns into the repository's URLs.
    fs.copyFileSync(path.join(root, 'extension', 'marketplace', 'README.md'), path.join(stage, 'README.md'));
    fs.cpSync(path.join(root, 'extension', 'media'), path.join(stage, 'extension', 'media'), { recursive: true });

    // 4. vsce.
    const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
    if (!fs.existsSync(vsce)) throw new Error('@vscode/vsce is not installed: run npm ci');
    const hasLicense = ['LICENSE', 'LICENSE.md', 'LICENSE.txt'].some((f) => fs.existsSync(path.join(stage, f)));
    const listed = run(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: stage, capture: true })
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    checkVsixEntries(listed.map((f) => `extension/${f}`));
    const distDir = path.join(root, 'dist');
    fs.mkdirSync(distDir, { recursive: true });
    const out = path.join(distDir, vsixName(target, manifest.version));
    fs.rmSync(out, { force: true });
    run(process.execPath, [
      vsce, 'package',
      '--target', t.vsce,
      '--no-dependencies',
      '--allow-missing-repository',
      ...(hasLicense ? [] : ['--skip-license']),
      '--out', out,
    ], { cwd: stage });

    // 5. Check what was packed.
    const entries = zipEntries(out);
    checkVsixEntries(entries.map((e) => e.name));
    const bytes = fs.statSync(out).size;
    const unpacked = entries.reduce((sum, e) => sum + e.size, 0);
    console.log(
      `[package] ${path.relative(root, out)}: ${(bytes / 1024 / 1024).toFixed(1)} MiB ` +
        `(${entries.length} entries, ${(unpacked / 1024 / 1024).toFixed(1)} MiB unpacked); ` +
        `publish ${(publishMs / 1000).toFixed(0)} s, total ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    if (keepStage) console.log(`[package] stage kept: ${stage}`);
    return { file: out, bytes, entries, stage: keepStage ? stage : undefined };
  } finally {
    removeStage();
    process.removeListener('exit', removeStage);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--target');
  const target = i >= 0 ? args[i + 1] : 'linux-x64';
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => process.exit(sig === 'SIGINT' ? 130 : 143));
  try {
    await buildVsix({ target, keepStage: args.includes('--keep-stage') });
  } catch (err) {
    console.error(`[package] ERROR: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
