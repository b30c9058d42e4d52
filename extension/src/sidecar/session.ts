import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { ErrorCodes, protocolVersion, type InitializeResult, type SidecarSettings } from '../protocol';
import { format, strings, type Translate } from '../strings';
import { SidecarClient } from './client';
import { systemClock, withTimeout, type Clock } from './clock';
import { errorCode, errorMessage, IncompatibleSidecarError, SidecarStartError } from './errors';
import { GuardedWriter } from './guardedWriter';
import type { SidecarLaunch } from './locate';
import type { Logger } from './logger';
import { forwardLog, LogLineParser } from './logLines';
import { describeExit, spawnProcess, type ProcessExit, type SidecarProcess, type SpawnFn } from './process';

export interface SessionOptions {
  readonly launch: SidecarLaunch;
  readonly clientName: string;
  readonly clientVersion: string;
  readonly settings: SidecarSettings;
  readonly log: Logger;
  readonly spawn?: SpawnFn;
  /** The environment to start from (default: this process's); the parent pid is always added. */
  readonly env?: NodeJS.ProcessEnv;
  readonly clock?: Clock;
  /** The protocol version to claim; only tests change it, to provoke a mismatch through the real code path. */
  readonly protocolVersion?: number;
  readonly startTimeoutMs?: number;
  readonly t?: Translate;
}

/** One running, initialized sidecar process and its connection. A restart is a new session. */
export interface SidecarSession {
  readonly info: InitializeResult;
  readonly client: SidecarClient;
  /** Settles when the process has ended, for whatever reason. */
  readonly exited: Promise<ProcessExit>;
  /** `shutdown`, `exit`, then a kill if the process is still there after `graceMs`. Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
}

/** Long enough for a clean `shutdown`, short enough to finish inside VS Code's patience with `deactivate`. */
const defaultGraceMs = 2000;

/** Spawns the sidecar, connects to it and completes `initialize`; on any failure the process is gone again. */
export async function startSession(options: SessionOptions): Promise<SidecarSession> {
  const { launch, log } = options;
  const clock = options.clock ?? systemClock;
  const t = options.t ?? format;
  const proc = (options.spawn ?? spawnProcess)({
    command: launch.command,
    args: launch.args,
    // The sidecar watches this pid and exits when we are gone, even if a grandchild keeps its stdin open.
    env: { ...(options.env ?? process.env), KUBELINK_PARENT_PID: String(process.pid) },
  });
  log.info(`Spawned sidecar ${proc.pid ?? '(no pid)'} (${launch.source}): ${[launch.command, ...launch.args].join(' ')}`);
  pipeStderr(proc, log);

  // Nothing is written before the OS confirms the start: a missing `dotnet` then fails here, not as a broken pipe.
  const launched = await Promise.race([proc.started.then(() => undefined), proc.exited]);
  if (launched !== undefined) {
    throw startFailure(launched, launch, t);
  }

  let hasExited = false;
  const connection = createMessageConnection(
    new StreamMessageReader(proc.stdout),
    new GuardedWriter(new StreamMessageWriter(proc.stdin), (error) => {
      log.warn(`Writing to sidecar ${proc.pid ?? '?'} failed (${errorMessage(error)}); closing the connection`);
      connection.dispose();
      proc.stdin.destroy();
    }),
  );
  const client = new SidecarClient(connection, log);
  void proc.exited.then((exit) => {
    hasExited = true;
    log.info(`Sidecar ${proc.pid ?? '?'} exited (${describeExit(exit)})`);
    // Rejects requests still waiting for an answer; vscode-jsonrpc does not do that on a mere close.
    connection.dispose();
  });
  connection.listen();

  let stopping: Promise<void> | undefined;
  const stop = (graceMs = defaultGraceMs, polite = true): Promise<void> =>
    (stopping ??= stopProcess({ proc, client, clock, log, graceMs, polite, hasExited: () => hasExited }));

  try {
    const info = await initialize(options, client, proc, clock, t, () => hasExited);
    return { info, client, exited: proc.exited, stop: (graceMs) => stop(graceMs) };
  } catch (error) {
    // A sidecar that refused the session (a mismatch) is still running: it has no session to shut down, so no `shutdown`.
    await stop(1000, false);
    throw error;
  }
}

async function initialize(options: SessionOptions, client: SidecarClient, proc: SidecarProcess, clock: Clock, t: Translate, hasExited: () => boolean): Promise<InitializeResult> {
  const ours = options.protocolVersion ?? protocolVersion;
  const answer = client.initialize({ clientName: options.clientName, clientVersion: options.clientVersion, protocolVersion: ours, settings: options.settings }).then(
    (result) => ({ kind: 'answered' as const, result }),
    (error: unknown) => ({ kind: 'failed' as const, error }),
  );
  const exit = proc.exited.then((exit) => ({ kind: 'exited' as const, exit }));
  const outcome = await withTimeout(clock, Promise.race([answer, exit]), options.startTimeoutMs ?? 30_000);

  if (outcome === 'timeout') {
    throw new SidecarStartError(t(strings.startTimedOut, Math.round((options.startTimeoutMs ?? 30_000) / 1000)), true);
  }
  if (outcome.kind === 'answered') {
    if (outcome.result.protocolVersion !== ours) {
      throw new IncompatibleSidecarError(t(strings.otherProtocol, outcome.result.protocolVersion, ours));
    }
    return outcome.result;
  }
  if (outcome.kind === 'failed' && errorCode(outcome.error) === ErrorCodes.ProtocolMismatch) {
    throw new IncompatibleSidecarError(errorMessage(outcome.error));
  }
  if (outcome.kind === 'failed' && errorCode(outcome.error) === ErrorCodes.InvalidSettings) {
    // The same settings would be refused again: the user has to change them first (the message names the setting).
    throw new SidecarStartError(errorMessage(outcome.error), false);
  }
  // A failed write usually means the process is already dying; report how it ended rather than "EPIPE".
  const ended = outcome.kind === 'exited' ? outcome.exit : hasExited() ? await proc.exited : await withTimeout(clock, proc.exited, 1000);
  if (ended === 'timeout') {
    throw new SidecarStartError(errorMessage(outcome.kind === 'failed' ? outcome.error : 'initialize failed'), true);
  }
  throw startFailure(ended, options.launch, t);
}

function startFailure(exit: ProcessExit, launch: SidecarLaunch, t: Translate): SidecarStartError {
  if (exit.error) {
    // A missing or non-executable program stays missing: retrying cannot help, the user must act.
    const permanent = exit.error.code === 'ENOENT' || exit.error.code === 'EACCES';
    const template = launch.command === 'dotnet' ? strings.cannotRunDotnet : strings.cannotRunFile;
    return new SidecarStartError(t(template, launch.command, describeExit(exit, t)), !permanent);
  }
  return new SidecarStartError(t(strings.exitedDuringStart, describeExit(exit, t)), true);
}

function pipeStderr(proc: SidecarProcess, log: Logger): void {
  const parser = new LogLineParser();
  const prefix = `[sidecar ${proc.pid ?? '?'}]`;
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (chunk: string) => forwardLog(log, prefix, parser.push(chunk)));
  proc.stderr.on('end', () => forwardLog(log, prefix, parser.flush()));
}

interface StopContext {
  readonly proc: SidecarProcess;
  readonly client: SidecarClient;
  readonly clock: Clock;
  readonly log: Logger;
  readonly graceMs: number;
  readonly polite: boolean;
  readonly hasExited: () => boolean;
}

/** The LSP way out: `shutdown` (wait for it), `exit`, close stdin; a kill only when the process ignores all that. */
async function stopProcess({ proc, client, clock, log, graceMs, polite, hasExited }: StopContext): Promise<void> {
  if (!hasExited()) {
    if (polite) {
      await withTimeout(clock, client.shutdown().catch(() => null), graceMs / 2);
    }
    await client.exit().catch(() => undefined);
    proc.stdin.end();
    if ((await withTimeout(clock, proc.exited, graceMs)) === 'timeout') {
      log.warn(`Sidecar ${proc.pid ?? '?'} did not exit within ${graceMs} ms; killing it`);
      proc.kill('SIGKILL');
      await proc.exited;
    }
  }
}
