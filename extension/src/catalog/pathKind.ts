import { statSync } from 'node:fs';

/**
 * What a path is, found without opening it: opening a named pipe waits for a writer and a device such as /dev/zero never
 * ends, so neither may be handed to the editor. The sidecar refuses them the same way (docs/limits.md).
 */
export type PathKind = 'file' | 'folder' | 'special' | 'missing';

export function pathKind(path: string): PathKind {
  try {
    const stats = statSync(path); // follows symlinks, as opening would
    return stats.isDirectory() ? 'folder' : stats.isFile() ? 'file' : 'special';
  } catch {
    return 'missing';
  }
}
