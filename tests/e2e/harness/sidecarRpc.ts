// A Kubelink sidecar driven over its stdio JSON-RPC, the way the extension drives it (extension/src/sidecar/session.ts),
// with the generated contract (extension/src/protocol/) on this side too. For set-up that only the sidecar can do
// through its public API: the demo creates its simulated cluster and connects the simulator's EKS cluster with it, into
// the same state folder the editor's sidecar then reads.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { ExitNotification, InitializeRequest, ShutdownRequest, protocolVersion } from '../../../extension/src/protocol/index.js';
import { endGroup, trackGroup } from './processes.js';
import { devSidecarDll } from './simulator.js';

export interface SidecarRpcOptions {
  /** KUBELINK_STATE_DIR: where the sidecar keeps what it remembers. */
  stateDir: string;
  /** Extra environment (KUBECONFIG, AWS_CONFIG_FILE, …). */
  env?: Record<string, string>;
  /** The sidecar's stderr (its log) is appended here. */
  logFile: string;
}

export interface SidecarRpc {
  readonly connection: MessageConnection;
  /** Settles when the process exits (vscode-jsonrpc leaves requests pending on a closed stream: race them with this). */
  readonly exited: Promise<void>;
  /** shutdown + exit, as the extension stops it (the sidecar saves and ends its agents); then the group is ended. */
  stop(): Promise<void>;
}

/** Spawns the sidecar's dev build in its own process group and completes `initialize`. */
export async function startSidecarRpc(options: SidecarRpcOptions): Promise<SidecarRpc> {
  const log = fs.openSync(options.logFile, 'a');
  const child = spawn('dotnet', [devSidecarDll()], {
    env: { ...process.env, ...options.env, KUBELINK_STATE_DIR: options.stateDir, KUBELINK_PARENT_PID: String(process.pid), DOTNET_NOLOGO: '1' },
    detached: true,
    stdio: ['pipe', 'pipe', log],
  });
  fs.closeSync(log);
  if (child.pid === undefined || !child.stdout || !child.stdin) throw new Error('could not spawn dotnet for the sidecar');
  const pid = child.pid;
  trackGroup(pid);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  const stop = async (): Promise<void> => {
    const polite = (async () => {
      await connection.sendRequest(ShutdownRequest);
      await connection.sendNotification(ExitNotification);
      await exited;
    })().catch(() => undefined);
    await Promise.race([polite, new Promise((resolve) => setTimeout(resolve, 30_000).unref())]);
    connection.dispose();
    await endGroup(pid, 5_000);
  };
  try {
    await Promise.race([
      connection.sendRequest(InitializeRequest, { clientName: 'Kubelink harness', clientVersion: '0', protocolVersion }),
      exited.then(() => Promise.reject(new Error(`the sidecar exited before initialize; its log: ${options.logFile}`))),
    ]);
  } catch (err) {
    await stop();
    throw err;
  }
  return { connection, exited, stop };
}
