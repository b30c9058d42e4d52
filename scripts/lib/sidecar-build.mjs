// Where the dev build of the sidecar lives, and how to ask it for its contract.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sidecarDll = join(repoRoot, 'server', 'Kubelink.Sidecar', 'bin', 'Debug', 'net10.0', 'kubelink-sidecar.dll');

/** Builds the sidecar (incrementally: a no-op when nothing changed); throws when the build fails. */
export function buildSidecar() {
  execFileSync('dotnet', ['build', join(repoRoot, 'server', 'Kubelink.Sidecar'), '-c', 'Debug', '--nologo', '-v', 'q'], { stdio: 'inherit' });
  return sidecarDll;
}

/** Builds the sidecar when its dll is missing, so a fresh clone can run the generator and the tests. */
export function ensureSidecarBuilt() {
  return existsSync(sidecarDll) ? sidecarDll : buildSidecar();
}

/** @returns {any} the contract JSON printed by the sidecar */
export function readContract() {
  const json = execFileSync('dotnet', [ensureSidecarBuilt(), 'contract'], { encoding: 'utf8' });
  return JSON.parse(json);
}
