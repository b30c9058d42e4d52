import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository root, found from a test's own folder (its bundle's `__dirname` under out/tests/…) by walking up to
 * Sidecar.sln: the test folders mirror extension/src, so a fixed number of `..` would differ from folder to folder.
 */
export function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'Sidecar.sln'))) {
      return dir;
    }
    if (dirname(dir) === dir) {
      throw new Error(`No Sidecar.sln above ${from}`);
    }
  }
}
