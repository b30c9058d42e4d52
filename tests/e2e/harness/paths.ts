// Locating the repository and the e2e output folder, independent of where the
// bundled test file lives (tests are bundled by esbuild into out/e2e/).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

/** The Kubelink repository root: $KUBELINK_E2E_ROOT, else found by walking up from this file. */
export function repoRoot(): string {
  if (cachedRoot) return cachedRoot;
  const fromEnv = process.env.KUBELINK_E2E_ROOT;
  if (fromEnv) return (cachedRoot = path.resolve(fromEnv));
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (isRepoRoot(dir)) return (cachedRoot = dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error('e2e: cannot find the repository root (set KUBELINK_E2E_ROOT)');
}

function isRepoRoot(dir: string): boolean {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
    return pkg.name === 'kubelink' && fs.existsSync(path.join(dir, 'tests', 'e2e'));
  } catch {
    return false;
  }
}

/** <repo>/.test-output/e2e (gitignored): screenshots, copied logs, timings. */
export function outputDir(): string {
  const dir = path.join(repoRoot(), '.test-output', 'e2e');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Where scripts/e2e/install.sh puts code-server. */
export function codeServerEntry(): string {
  return path.join(repoRoot(), '.tools', 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** A file-name-safe version of a test or suite name. */
export function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 120) || 'unnamed';
}

/** Append one timing record to <output>/timings.jsonl (informational; never asserted on). */
export function recordTiming(what: string, ms: number, extra: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ at: new Date().toISOString(), what, ms: Math.round(ms), ...extra });
  try {
    fs.appendFileSync(path.join(outputDir(), 'timings.jsonl'), line + '\n');
  } catch {
    // timings are best effort
  }
}
