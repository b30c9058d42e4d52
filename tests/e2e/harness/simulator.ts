// Starts the sidecar's `simulator` verb (the embedded Kubernetes API simulator) as a child process in its own
// process group, waits for its "listening on https://..." line, and stops it again (SIGTERM: it saves its state
// file, when it has one, and exits). Used by the e2e tests and by `npm run demo`.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { recordTiming, repoRoot } from './paths.js';
import { endGroup, trackGroup, trackTempDir, untrackTempDir } from './processes.js';

export interface SimulatorOptions {
  /** Used in the temp-folder name and in timing records. */
  name?: string;
  /** Default 0: the simulator binds a free port on 127.0.0.1 and prints it. */
  port?: number;
  namespaces?: number;
  nodes?: number;
  podsPerNamespace?: number;
  latencyMs?: number;
  /** Objects are loaded from here at start (when it exists) and saved here at a clean stop. */
  stateFile?: string;
  /** Where admin.kubeconfig and restricted.kubeconfig go. Default: a throwaway folder removed by stop(). */
  kubeconfigDir?: string;
  /** The sidecar to run: kubelink-sidecar.dll (run with dotnet) or the apphost. Default: the Debug build in the repo. */
  sidecar?: string;
  /** Deadline for the "listening" line. Default 60 s (first start of a loaded 2-core machine). */
  startTimeoutMs?: number;
  /** Where the simulator's output goes. Default: <kubeconfigDir>/simulator.log. */
  logFile?: string;
  /**
   * `--aws`: also serve the simulated EKS, STS and SSO (docs/eks.md) and write `<kubeconfigDir>/aws/config` and
   * `credentials` (profiles `kubelink-sim`, `kubelink-sim-restricted`, `kubelink-sim-denied`). Ready on the AWS line.
   */
  aws?: boolean;
}

/** The simulated AWS of a simulator started with `aws: true`. */
export interface SimulatedAws {
  /** http://127.0.0.1:<port>: EKS, STS and SSO. */
  readonly endpoint: string;
  /** For AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE. */
  readonly configFile: string;
  readonly credentialsFile: string;
}

/** The simulated EKS's region and the name under which it lists the simulator itself (Kubelink.Simulator.Aws.AwsSimulator). */
export const SIM_EKS_REGION = 'us-east-1';
export const SIM_EKS_CLUSTER = 'kubelink-sim';
export const SIM_AWS_PROFILE = 'kubelink-sim';

export interface Simulator {
  /** https://127.0.0.1:<port> */
  readonly url: string;
  readonly pid: number;
  readonly kubeconfigDir: string;
  /** Context kubelink-sim-admin: user kubelink-admin (system:masters, client certificate). */
  readonly adminKubeconfig: string;
  /** Context kubelink-sim-restricted: user kubelink-restricted (view in team-a and team-b, bearer token). */
  readonly restrictedKubeconfig: string;
  readonly logFile: string;
  /** Set when started with `aws: true`. */
  readonly aws?: SimulatedAws;
  /** Milliseconds from spawn to the "listening" line. */
  readonly startMs: number;
  /** Settles when the simulator process exits (for whatever reason), with how it exited. */
  readonly exited: Promise<string>;
  /** SIGTERM the process group (the simulator saves its state), wait until it is gone; removes a throwaway kubeconfig dir. Idempotent. */
  stop(): Promise<void>;
}

/** The sidecar's dev build (`dotnet build server/Kubelink.Sidecar`). */
export function devSidecarDll(): string {
  return path.join(repoRoot(), 'server', 'Kubelink.Sidecar', 'bin', 'Debug', 'net10.0', 'kubelink-sidecar.dll');
}

/**
 * Fails (throws) when the extension's bundle or the sidecar's dev build is missing. `npm run e2e` builds both first; a
 * test file loaded without them fails instead of skipping, since a skip was once counted as a pass (issue 11 item 9).
 */
export function assertKubelinkBuilt(): void {
  if (!fs.existsSync(path.join(repoRoot(), 'out', 'extension.js'))) throw new Error('e2e: the extension is not built (out/extension.js); run the tests with npm run e2e, which builds it');
  if (!fs.existsSync(devSidecarDll())) throw new Error('e2e: the sidecar is not built; run the tests with npm run e2e, which builds it');
}

/**
 * A port on 127.0.0.1 that was free a moment ago (bound with port 0, then closed), for a simulator that must come back
 * on the same port after a process restart. Another process could take it in between; on this machine nothing else
 * binds loopback ports at random, and startSimulator fails clearly if the port is taken.
 */
export async function freeLocalPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('e2e: could not read the port of a probe socket');
  return address.port;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const sidecar = options.sidecar ?? devSidecarDll();
  if (!fs.existsSync(sidecar)) {
    throw new Error(`e2e: the sidecar is not built (${sidecar} missing): run dotnet build server/Kubelink.Sidecar`);
  }
  const throwaway = options.kubeconfigDir === undefined;
  const kubeconfigDir = options.kubeconfigDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `kl-sim-${(options.name ?? 'sim').slice(0, 20)}-`));
  if (throwaway) trackTempDir(kubeconfigDir);
  fs.mkdirSync(kubeconfigDir, { recursive: true });
  const logFile = options.logFile ?? path.join(kubeconfigDir, 'simulator.log');

  const args = ['simulator', '--port', String(options.port ?? 0), '--kubeconfig-dir', kubeconfigDir];
  const add = (flag: string, value: number | string | undefined): void => {
    if (value !== undefined) args.push(flag, String(value));
  };
  add('--namespaces', options.namespaces);
  add('--nodes', options.nodes);
  add('--pods-per-namespace', options.podsPerNamespace);
  add('--latency-ms', options.latencyMs);
  add('--state', options.stateFile);
  if (options.aws) args.push('--aws');
  const [command, argv] = sidecar.endsWith('.dll') ? ['dotnet', [sidecar, ...args]] : [sidecar, args];

  const started = Date.now();
  const log = fs.openSync(logFile, 'a');
  const child = spawn(command, argv, {
    cwd: kubeconfigDir,
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' },
    detached: true, // own process group: stop() ends it, nothing else is ever signalled
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) {
    fs.closeSync(log);
    throw new Error(`e2e: failed to spawn ${command}`);
  }
  const pid = child.pid;
  trackGroup(pid);

  let output = '';
  const exited = new Promise<string>((resolve) => child.on('exit', (code, signal) => resolve(`exited (code ${code}, signal ${signal})`)));
  let awsEndpoint: string | undefined;
  const ready = new Promise<string>((resolve) => {
    const onData = (chunk: Buffer): void => {
      fs.writeSync(log, chunk);
      if (output.length < 64_000) output += chunk.toString('utf8');
      const m = /listening on (https:\/\/127\.0\.0\.1:\d+)/.exec(output);
      // With --aws the AWS line comes after the listening line, once the profiles are written.
      awsEndpoint = /AWS endpoint (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (m && (!options.aws || awsEndpoint)) resolve(m[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
  child.on('close', () => {
    try {
      fs.closeSync(log);
    } catch {
      // already closed
    }
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      // Grace long enough for the simulator to write its state file.
      await endGroup(pid, 15_000);
      if (throwaway) {
        fs.rmSync(kubeconfigDir, { recursive: true, force: true, maxRetries: 3 });
        untrackTempDir(kubeconfigDir);
      }
    })();
    return stopping;
  };

  const timeoutMs = options.startTimeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`printed no "listening" line within ${timeoutMs} ms`), timeoutMs);
    timer.unref();
  });
  const first = await Promise.race([ready.then((url) => ({ url })), exited.then((why) => ({ why })), timedOut.then((why) => ({ why }))]);
  clearTimeout(timer);
  if (!('url' in first)) {
    await stop().catch(() => undefined);
    throw new Error(`e2e: the simulator ${first.why}; ${command} ${argv.join(' ')}\n${output.slice(-3000)}`);
  }
  const startMs = Date.now() - started;
  recordTiming('simulator start', startMs, { name: options.name ?? 'simulator' });
  return {
    url: first.url,
    pid,
    kubeconfigDir,
    adminKubeconfig: path.join(kubeconfigDir, 'admin.kubeconfig'),
    restrictedKubeconfig: path.join(kubeconfigDir, 'restricted.kubeconfig'),
    logFile,
    aws: awsEndpoint === undefined ? undefined : {
      endpoint: awsEndpoint,
      configFile: path.join(kubeconfigDir, 'aws', 'config'),
      credentialsFile: path.join(kubeconfigDir, 'aws', 'credentials'),
    },
    startMs,
    exited: exited.then((how) => `the simulator ${how}`),
    stop,
  };
}
