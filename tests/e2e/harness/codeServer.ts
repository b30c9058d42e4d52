// Starts a real VS Code (code-server) in a throwaway root, with given extension
// folders linked into its extensions dir, and stops it again (whole process group).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { codeServerEntry, recordTiming, safeName } from './paths.js';
import { endGroup, trackGroup, trackTempDir, untrackTempDir, withDeadline } from './processes.js';

export interface CodeServerOptions {
  /** Used in the temp-folder name and in timing records. */
  name?: string;
  /**
   * Extensions to load unpacked. A folder must hold a package.json (publisher,
   * name, version, main) and the built main file. The repo root works as one
   * (it is the Kubelink manifest with main ./out/extension.js). Each is symlinked
   * as <extensions-dir>/<publisher>.<name>-<version>.
   * With `include`, a staged folder is made instead, holding only symlinks to those
   * entries of `folder` (e.g. ['package.json', 'out', 'dist/sidecar']): the
   * extension then sees roughly what a packaged .vsix would hold.
   */
  extensions?: Array<string | ExtensionSpec>;
  /**
   * Packaged extensions (.vsix files) to install before the server starts, the way a user does:
   * `code-server --install-extension <vsix> --extensions-dir <ext>` (unpacked into <ext>/<publisher>.<name>-<version>[-<target>]).
   */
  vsix?: string[];
  /** Extra environment for code-server and so for the extension host (KUBECONFIG, KUBELINK_STATE_DIR, ...). */
  env?: Record<string, string | undefined>;
  /** User settings merged over the harness defaults (written to <user-data-dir>/User/settings.json). */
  settings?: Record<string, unknown>;
  /** Open this folder as the workspace; default: a fresh empty folder in the throwaway root. */
  workspaceFolder?: string;
  /** Files to create in the workspace folder, relative path → content. */
  workspaceFiles?: Record<string, string>;
  /** Point HOME at the throwaway root, so nothing reads or writes the real home (~/.kube!). Default true. */
  isolateHome?: boolean;
  /** Port on 127.0.0.1. Default 0: code-server picks a free one and logs it (no port race). */
  port?: number;
  /** Deadline for "answers HTTP". Default 90 s (a loaded 2-core machine is slow). */
  startTimeoutMs?: number;
  /** Keep the throwaway root after stop() (also: KUBELINK_E2E_KEEP=1). */
  keepRoot?: boolean;
}

export interface CodeServer {
  /** Base URL, e.g. http://127.0.0.1:41234/ */
  readonly url: string;
  /** URL that opens the workspace folder. */
  readonly workbenchUrl: string;
  readonly root: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly workspaceFolder: string;
  readonly homeDir: string;
  /** code-server's own stdout+stderr. */
  readonly serverLog: string;
  readonly pid: number;
  /** Milliseconds from spawn until it answered HTTP. */
  readonly startMs: number;
  /** Settles when the code-server process exits (for whatever reason), with how it exited. */
  readonly exited: Promise<string>;
  /** Extension ids (<publisher>.<name>) that were linked in. */
  readonly extensionIds: string[];
  /** All log files: the server log plus <user-data-dir>/logs/** (extension host, output channels). */
  logFiles(): string[];
  /** Concatenated log text (each file prefixed with its path); filter by path substring. */
  readLogs(pathContains?: string): string;
  /** Copy all logs into dest (for artifacts on failure). */
  collectLogs(dest: string): void;
  /** Poll the logs until `pattern` appears; returns the matching text. */
  waitForLog(pattern: RegExp, opts?: { pathContains?: string; timeoutMs?: number }): Promise<string>;
  /**
   * Wait until the extension host has started activating `extensionId`
   * (remoteexthost.log: "ExtensionService#_doActivateExtension <id>"). VS Code logs
   * no "activated" line: assert on the extension's effects (a view, a status item).
   */
  waitForExtensionActivation(extensionId: string, timeoutMs?: number): Promise<void>;
  /** The "Activating extension <id> failed" log text (with a few lines of stack), if any. */
  extensionActivationError(extensionId: string): string | undefined;
  /** End the whole process group (the extension host outlives a kill of the server PID alone), remove the root. */
  stop(): Promise<void>;
}

export const DEFAULT_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'git.openRepositoryInParentFolders': 'never',
};

export interface ExtensionSpec {
  folder: string;
  /** Entries (relative to folder) to expose in a staged copy; package.json is always included. */
  include?: string[];
}

interface ExtensionManifest {
  publisher?: string;
  name?: string;
  version?: string;
  main?: string;
}

/** Validate an extension folder and return its id and link name. */
export function describeExtension(folder: string): { id: string; linkName: string; main?: string } {
  const manifestPath = path.join(folder, 'package.json');
  if (!fs.existsSync(manifestPath)) throw new Error(`e2e: extension folder ${folder} has no package.json`);
  const pkg = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as ExtensionManifest;
  if (!pkg.publisher || !pkg.name || !pkg.version) {
    throw new Error(`e2e: ${manifestPath} needs publisher, name and version`);
  }
  let main: string | undefined;
  if (pkg.main) {
    main = path.resolve(folder, pkg.main);
    const candidates = [main, main + '.js'];
    if (!candidates.some((c) => fs.existsSync(c))) {
      throw new Error(
        `e2e: extension ${pkg.publisher}.${pkg.name}: main file ${pkg.main} does not exist in ${folder} ` +
          `(build the extension first, e.g. npm run build:ext)`,
      );
    }
  }
  return { id: `${pkg.publisher}.${pkg.name}`, linkName: `${pkg.publisher}.${pkg.name}-${pkg.version}`, main };
}

/** Make <parent>/<basename> holding symlinks to package.json and each `include` entry of `folder`. */
export function stageExtension(folder: string, include: string[], parent: string): string {
  const staged = path.join(parent, path.basename(folder));
  for (const rel of new Set(['package.json', ...include])) {
    const from = path.join(folder, rel);
    if (!fs.existsSync(from)) throw new Error(`e2e: cannot stage ${rel}: ${from} does not exist (build it first?)`);
    const to = path.join(staged, rel);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.symlinkSync(from, to);
  }
  return staged;
}

/** Environment variables that must not leak from the caller into the VS Code under test. */
function cleanEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) {
    if (v === undefined) continue;
    // AWS_*: a developer's AWS keys, profile or endpoints must not reach Kubelink under test (the EKS test sets its own).
    if (/^(VSCODE_|CODE_SERVER_|ELECTRON_|AWS_)/.test(k)) continue;
    if (['PASSWORD', 'HASHED_PASSWORD', 'PORT', 'NODE_OPTIONS', 'NODE_TEST_CONTEXT', 'GITHUB_TOKEN'].includes(k)) continue;
    env[k] = v;
  }
  return env;
}

function httpOk(url: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve((res.statusCode ?? 500) < 500);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(p));
    else if (entry.isFile()) out.push(p);
  }
  return out;
}

function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const entry = codeServerEntry();
  if (!fs.existsSync(entry)) {
    throw new Error(`e2e: code-server is not installed (${entry} missing): run bash scripts/e2e/install.sh`);
  }
  const name = safeName(options.name ?? 'code-server');
  // Short root under the temp dir: code-server puts a unix socket in the user-data-dir
  // and socket paths are limited to 107 bytes.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `kl-e2e-${name.slice(0, 24)}-`));
  const keepRoot = options.keepRoot ?? process.env.KUBELINK_E2E_KEEP === '1';
  if (!keepRoot) trackTempDir(root);
  const userDataDir = path.join(root, 'ud');
  const extensionsDir = path.join(root, 'ext');
  const homeDir = path.join(root, 'home');
  const xdg = path.join(root, 'xdg');
  const workspaceFolder = options.workspaceFolder ?? path.join(root, 'workspace');
  const serverLog = path.join(root, 'code-server.log');
  const configFile = path.join(root, 'config.yaml');
  const extensionIds: string[] = [];
  try {
    for (const d of [path.join(userDataDir, 'User'), extensionsDir, homeDir, workspaceFolder]) fs.mkdirSync(d, { recursive: true });
    for (const d of ['config', 'data', 'cache', 'state', 'runtime']) fs.mkdirSync(path.join(xdg, d), { recursive: true, mode: 0o700 });

    for (const [rel, content] of Object.entries(options.workspaceFiles ?? {})) {
      const p = path.join(workspaceFolder, rel);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, content);
    }

    const settings = { ...DEFAULT_SETTINGS, ...(options.settings ?? {}) };
    fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
    // An explicit config file, so the machine's ~/.config/code-server/config.yaml is never read.
    fs.writeFileSync(configFile, '# kubelink e2e: the rest is passed on the command line\nauth: none\n');

    for (const ext of options.extensions ?? []) {
      const spec: ExtensionSpec = typeof ext === 'string' ? { folder: ext } : ext;
      let folder = path.resolve(spec.folder);
      if (spec.include) folder = stageExtension(folder, spec.include, path.join(root, 'staged'));
      const { id, linkName } = describeExtension(folder);
      fs.symlinkSync(folder, path.join(extensionsDir, linkName), 'dir');
      extensionIds.push(id);
    }
  } catch (err) {
    fs.rmSync(root, { recursive: true, force: true });
    untrackTempDir(root);
    throw err;
  }

  const env = cleanEnv(process.env);
  Object.assign(env, {
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
    XDG_STATE_HOME: path.join(xdg, 'state'),
    XDG_RUNTIME_DIR: path.join(xdg, 'runtime'),
    DOTNET_CLI_TELEMETRY_OPTOUT: '1',
    DOTNET_NOLOGO: '1',
    DOTNET_SKIP_FIRST_TIME_EXPERIENCE: '1',
  });
  if (options.isolateHome !== false) env.HOME = homeDir;
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }

  for (const vsix of options.vsix ?? []) {
    const installed = spawnSync(
      process.execPath,
      [entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--config', configFile, '--install-extension', vsix],
      { cwd: root, env, encoding: 'utf8', timeout: 120_000 },
    );
    fs.appendFileSync(serverLog, `$ code-server --install-extension ${vsix}\n${installed.stdout ?? ''}${installed.stderr ?? ''}\n`);
    if (installed.status !== 0 || !/was successfully installed/.test(installed.stdout ?? '')) {
      fs.rmSync(root, { recursive: true, force: true });
      untrackTempDir(root);
      throw new Error(`e2e: code-server --install-extension ${vsix} failed (exit ${installed.status ?? installed.signal}):\n${installed.stdout}${installed.stderr}`);
    }
    for (const dir of fs.readdirSync(extensionsDir)) {
      const manifest = path.join(extensionsDir, dir, 'package.json');
      if (!fs.existsSync(manifest)) continue;
      const id = describeExtension(path.join(extensionsDir, dir)).id;
      if (!extensionIds.includes(id)) extensionIds.push(id);
    }
  }

  const args = [
    entry,
    '--bind-addr', `127.0.0.1:${options.port ?? 0}`, // port 0: code-server binds a free port and logs it
    '--auth', 'none',
    '--config', configFile,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-proxy',
    '--locale', 'en',
    workspaceFolder,
  ];
  const started = Date.now();
  const logStream = fs.openSync(serverLog, 'a');
  const child = spawn(process.execPath, args, {
    cwd: workspaceFolder,
    env,
    detached: true, // own process group: stop() ends the group, extension host included
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) {
    fs.closeSync(logStream);
    throw new Error('e2e: failed to spawn code-server');
  }
  const pid = child.pid;
  trackGroup(pid);

  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });

  let listening: string | undefined;
  let pending = '';
  const onData = (chunk: Buffer): void => {
    fs.writeSync(logStream, chunk);
    if (listening) return;
    pending += chunk.toString('utf8');
    const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+\/?)/.exec(pending);
    if (m) listening = m[1].endsWith('/') ? m[1] : m[1] + '/';
    else pending = pending.slice(-400);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  child.on('close', () => {
    try {
      fs.closeSync(logStream);
    } catch {
      // already closed
    }
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await endGroup(pid);
      if (!exited) await withDeadline(exitPromise, 2000);
      if (!keepRoot) {
        fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
        untrackTempDir(root);
      }
    })();
    return stopping;
  };

  const deadline = started + (options.startTimeoutMs ?? 90_000);
  try {
    let delay = 50;
    for (;;) {
      if (exited) {
        throw new Error(
          `e2e: code-server exited early (code ${exited.code}, signal ${exited.signal}); log ${serverLog}:\n${tail(serverLog)}`,
        );
      }
      if (listening && (await httpOk(listening + 'healthz', 2000))) break;
      if (Date.now() > deadline) {
        throw new Error(`e2e: code-server did not answer HTTP within ${options.startTimeoutMs ?? 90_000} ms; log:\n${tail(serverLog)}`);
      }
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 500);
    }
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }

  const url = listening as string;
  const startMs = Date.now() - started;
  recordTiming('code-server start', startMs, { name });

  const logsDir = path.join(userDataDir, 'logs');
  const logFiles = (): string[] => [serverLog, ...listFiles(logsDir)];
  const readLogs = (pathContains?: string): string =>
    logFiles()
      .filter((f) => !pathContains || f.includes(pathContains))
      .map((f) => `===== ${f}\n${fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : ''}`)
      .join('\n');
  const waitForLog = async (pattern: RegExp, opts: { pathContains?: string; timeoutMs?: number } = {}): Promise<string> => {
    const timeoutMs = opts.timeoutMs ?? 60_000;
    const deadline = Date.now() + timeoutMs;
    let delay = 50;
    for (;;) {
      const m = pattern.exec(readLogs(opts.pathContains));
      if (m) return m[0];
      if (Date.now() >= deadline) throw new Error(`e2e: ${String(pattern)} did not appear in the VS Code logs within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 500);
    }
  };
  const escapeId = (id: string): string => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const extensionActivationError = (extensionId: string): string | undefined =>
    new RegExp(`Activating extension '?${escapeId(extensionId)}'? failed[^\\n]*(\\n[^\\n]*){0,5}`, 'i').exec(readLogs('exthost'))?.[0];
  const waitForExtensionActivation = async (extensionId: string, timeoutMs = 60_000): Promise<void> => {
    await waitForLog(new RegExp(`_doActivateExtension ${escapeId(extensionId)}[,\\s]`, 'i'), { pathContains: 'exthost', timeoutMs });
  };

  return {
    url,
    workbenchUrl: `${url}?folder=${encodeURIComponent(workspaceFolder)}`,
    root,
    userDataDir,
    extensionsDir,
    workspaceFolder,
    homeDir,
    serverLog,
    pid,
    startMs,
    exited: exitPromise.then(() => `code-server exited (code ${exited?.code}, signal ${exited?.signal})`),
    extensionIds,
    logFiles,
    readLogs,
    collectLogs(dest: string): void {
      fs.mkdirSync(dest, { recursive: true });
      if (fs.existsSync(serverLog)) fs.copyFileSync(serverLog, path.join(dest, 'code-server.log'));
      if (fs.existsSync(logsDir)) fs.cpSync(logsDir, path.join(dest, 'vscode-logs'), { recursive: true });
    },
    waitForLog,
    waitForExtensionActivation,
    extensionActivationError,
    stop,
  };
}
