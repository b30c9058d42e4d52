import { statSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';

/**
 * The `kubelink.kubeconfig.syncPaths` setting as the tree and the commands need it. The sidecar expands a leading
 * `~` and makes each path absolute (KubeconfigEnvironment.Expand); these helpers do the same, so a setting written
 * `~/kube` and the sidecar's `/home/me/kube` are recognised as one path.
 */

/** A configured sync path, expanded, and whether it is a folder (a file, or missing, otherwise). */
export interface SyncPathInfo {
  readonly path: string;
  readonly isFolder: boolean;
}

export function expandHome(path: string, home: string): string {
  const expanded = path === '~' || path.startsWith('~/') ? home + path.slice(1) : path;
  return isAbsolute(expanded) ? resolve(expanded) : expanded;
}

/** What the user reads: the home folder as `~`, like the sidecar's own messages and the welcome text. */
export function shortenHome(path: string, home: string): string {
  const base = trimSeparators(home);
  if (base !== '' && (path === base || path.startsWith(base + sep))) {
    return `~${path.slice(base.length)}`;
  }
  return path;
}

/** Equal after expansion, ignoring a trailing separator (`~/kube/` and `/home/me/kube` are the same folder). */
export function samePath(a: string, b: string, home: string): boolean {
  return trimSeparators(expandHome(a, home)) === trimSeparators(expandHome(b, home));
}

/** The setting with `added` appended, skipping any path it already holds (in whatever spelling). */
export function withAddedPaths(current: readonly string[], added: readonly string[], home: string): { paths: string[]; duplicates: string[] } {
  const paths = [...current];
  const duplicates: string[] = [];
  for (const path of added) {
    if (paths.some((existing) => samePath(existing, path, home))) {
      duplicates.push(path);
    } else {
      paths.push(path);
    }
  }
  return { paths, duplicates };
}

/** The setting without every spelling of `removed`. */
export function withoutPath(current: readonly string[], removed: string, home: string): string[] {
  return current.filter((path) => !samePath(path, removed, home));
}

/** Expands the setting and looks at the disk once per path; the tree needs "folder or file" for its group labels. */
export function describeSyncPaths(paths: readonly string[], home: string, isFolder: (path: string) => boolean = isDirectory): SyncPathInfo[] {
  return paths.map((raw) => {
    const path = trimSeparators(expandHome(raw, home));
    return { path, isFolder: isFolder(path) };
  });
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    // Missing or unreadable: the sidecar reports why on the entry; here it only decides a label.
    return false;
  }
}

function trimSeparators(path: string): string {
  let end = path.length;
  while (end > 1 && (path[end - 1] === sep || path[end - 1] === '/')) {
    end -= 1;
  }
  return path.slice(0, end);
}
