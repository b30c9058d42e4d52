import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { format, strings, type Translate } from '../strings';

/** How a sidecar process ended. `error` is set when it never ran (ENOENT for a missing `dotnet`, EACCES…). */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly error?: NodeJS.ErrnoException;
}

/** The part of a child process the session needs; tests may substitute their own. */
export interface SidecarProcess {
  readonly pid: number | undefined;
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** Resolves once the OS has started the process; never settles when it could not be started (see `exited`). */
  readonly started: Promise<void>;
  /** Settles once, when the process has ended or failed to start; never rejects. */
  readonly exited: Promise<ProcessExit>;
  kill(signal?: NodeJS.Signals): void;
}

export interface SpawnRequest {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

export type SpawnFn = (request: SpawnRequest) => SidecarProcess;

/** The real thing: a child process with piped stdio (stdout is the JSON-RPC wire, stderr the log). */
export const spawnProcess: SpawnFn = ({ command, args, env }) => {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env, windowsHide: true });
  // A write after the sidecar died raises EPIPE on stdin; the exit is reported through `exited`, not as a crash here.
  child.stdin.on('error', () => undefined);
  const started = new Promise<void>((resolve) => child.once('spawn', () => resolve()));
  const exited = new Promise<ProcessExit>((resolve) => {
    // 'error' without 'exit' is how a failed spawn shows; 'exit' may also follow an error, so settle once.
    child.once('error', (error) => {
      // After a successful spawn, 'error' only means a kill or a message failed; the process is still there.
      if (child.pid === undefined) {
        resolve({ code: null, signal: null, error });
      }
    });
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    pid: child.pid,
    stdin: child.stdin,
    stdout: child.stdout,
    stderr: child.stderr,
    started,
    exited,
    kill: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
      }
    },
  };
};

/** `exit code 1`, `killed by SIGKILL`, or why it never ran: the reason shown to the user and in the log. */
export function describeExit(exit: ProcessExit, t: Translate = format): string {
  if (exit.error) {
    return exit.error.code ?? exit.error.message;
  }
  if (exit.signal) {
    return t(strings.exitSignal, exit.signal);
  }
  return exit.code === null ? t(strings.exitUnknown) : t(strings.exitCode, exit.code);
}
