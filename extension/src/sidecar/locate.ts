import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { format, strings, type Translate } from '../strings';

/** How to start a sidecar that was found. */
export interface SidecarLaunch {
  /** The program to run: the apphost itself, or `dotnet` for a .dll. */
  readonly command: string;
  readonly args: readonly string[];
  /** The sidecar file that was found, for the log. */
  readonly path: string;
  /** Which rule found it, for the log: a wrong-copy problem is then obvious. */
  readonly source: 'setting' | 'bundled' | 'development';
}

export type LocateResult =
  | { readonly found: true; readonly launch: SidecarLaunch }
  | { readonly found: false; readonly tried: readonly string[]; readonly message: string };

export interface LocateOptions {
  /** The `kubelink.sidecar.path` setting; empty or undefined when unset. */
  readonly settingPath: string | undefined;
  /** The extension's install folder; the repository root when developing. */
  readonly extensionPath: string;
  readonly platform?: NodeJS.Platform;
  /** True when `path` is an existing file; injectable for tests. */
  readonly isFile?: (path: string) => boolean;
  readonly homeDir?: string;
  readonly t?: Translate;
}

/** Where the sidecar may live, in order of preference, with the reason each place exists. */
export function candidatePaths(extensionPath: string, platform: NodeJS.Platform = process.platform): string[] {
  const server = join(extensionPath, 'server');
  return [
    // The VSIX ships a self-contained apphost next to the extension; it needs no installed .NET runtime.
    join(server, platform === 'win32' ? 'kubelink-sidecar.exe' : 'kubelink-sidecar'),
    // A framework-dependent VSIX ships only the .dll, run with the user's `dotnet`.
    join(server, 'kubelink-sidecar.dll'),
    // Development: extensionPath is the repository root and `dotnet build` leaves the sidecar here.
    join(server, 'Kubelink.Sidecar', 'bin', 'Debug', 'net10.0', 'kubelink-sidecar.dll'),
  ];
}

/** Finds the sidecar: the setting, else the bundled copy, else the dev build; when none exists, says what to do. */
export function locateSidecar(options: LocateOptions): LocateResult {
  const t = options.t ?? format;
  const isFile = options.isFile ?? defaultIsFile;
  const setting = options.settingPath?.trim();
  if (setting) {
    const path = expandHome(setting, options.homeDir ?? homedir());
    // An explicit setting that points nowhere is an error, not a reason to quietly run some other copy.
    return isFile(path)
      ? { found: true, launch: launchFor(path, 'setting') }
      : { found: false, tried: [path], message: t(strings.settingPathMissing, path) };
  }

  const tried = candidatePaths(options.extensionPath, options.platform);
  for (const [index, path] of tried.entries()) {
    if (isFile(path)) {
      return { found: true, launch: launchFor(path, index < 2 ? 'bundled' : 'development') };
    }
  }

  return { found: false, tried, message: t(strings.notFound, tried.join(', ')) };
}

/** A .dll is a framework-dependent assembly: the `dotnet` host runs it. Anything else is executed directly. */
export function launchFor(path: string, source: SidecarLaunch['source']): SidecarLaunch {
  return path.toLowerCase().endsWith('.dll')
    ? { command: 'dotnet', args: [path], path, source }
    : { command: path, args: [], path, source };
}

function expandHome(path: string, home: string): string {
  const expanded = path === '~' || path.startsWith('~/') || path.startsWith('~\\') ? join(home, path.slice(1)) : path;
  return isAbsolute(expanded) ? expanded : resolve(expanded);
}

function defaultIsFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}
