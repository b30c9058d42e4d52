// Process-group bookkeeping: every process group the harness starts is recorded
// here so that it is ended even when a test crashes or the run is interrupted.
// Only groups that this process started are ever signalled.
import * as fs from 'node:fs';

const liveGroups = new Set<number>();
const closers = new Set<() => Promise<unknown>>();
const tempDirs = new Set<string>();
let hooksInstalled = false;

/** Remove this folder if the process exits (or is interrupted) before it is untracked. */
export function trackTempDir(dir: string): void {
  installHooks();
  tempDirs.add(dir);
}

export function untrackTempDir(dir: string): void {
  tempDirs.delete(dir);
}

/**
 * Something to close before process groups are ended on an interrupt (e.g. a browser, whose profile folder is
 * removed afterwards and which would otherwise write into it while dying). Returns the unregister function.
 */
export function registerCloser(close: () => Promise<unknown>): () => void {
  installHooks();
  closers.add(close);
  return () => closers.delete(close);
}

export function trackGroup(pgid: number): void {
  installHooks();
  liveGroups.add(pgid);
}

export function untrackGroup(pgid: number): void {
  liveGroups.delete(pgid);
}

/** Send a signal to a whole process group we started; ignores "already gone". */
export function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

/**
 * True while any non-zombie process is in the group. Zombies (exited, not yet
 * reaped by their new parent) are ignored: they hold no resources worth waiting for.
 */
export function groupAlive(pgid: number): boolean {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid pgrp ... ; comm may contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = fields[0];
    const pgrp = Number(fields[2]);
    if (pgrp === pgid && state !== 'Z' && state !== 'X') return true;
  }
  return false;
}

/** Wait (polling /proc) until the group is gone or the deadline passes. */
export async function waitGroupGone(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let delay = 25;
  while (groupAlive(pgid)) {
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 250);
  }
  return true;
}

/** SIGTERM the group, wait, then SIGKILL whatever is left. */
export async function endGroup(pgid: number, graceMs = 5000): Promise<void> {
  signalGroup(pgid, 'SIGTERM');
  if (!(await waitGroupGone(pgid, graceMs))) {
    signalGroup(pgid, 'SIGKILL');
    await waitGroupGone(pgid, 5000);
  }
  untrackGroup(pgid);
}

function killAllNow(): void {
  for (const pgid of liveGroups) signalGroup(pgid, 'SIGKILL');
  liveGroups.clear();
  if (process.env.KUBELINK_E2E_KEEP !== '1') {
    for (const dir of tempDirs) {
      try {
        fs.rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
      } catch {
        // best effort: a dying browser may still be writing into its profile
      }
    }
  }
  tempDirs.clear();
}

/**
 * SIGTERM every tracked group, wait until they are gone (at most graceMs: the simulator saves its state on
 * SIGTERM), then SIGKILL what is left and remove the tracked folders.
 */
export async function endAllGroups(graceMs = 10_000): Promise<void> {
  const closing = [...closers];
  closers.clear();
  await Promise.all(closing.map((close) => withDeadline(close().catch(() => undefined), graceMs)));
  const groups = [...liveGroups];
  for (const pgid of groups) signalGroup(pgid, 'SIGTERM');
  await Promise.all(groups.map((pgid) => waitGroupGone(pgid, graceMs)));
  killAllNow();
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // Synchronous last resort: the process is going away (normally, by an uncaught
  // exception, or via process.exit()).
  process.on('exit', killAllNow);
  // Interrupted: end the groups gracefully, then exit; a second signal ends them at once.
  let interrupted = false;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      const code = sig === 'SIGINT' ? 130 : sig === 'SIGTERM' ? 143 : 129;
      if (interrupted) {
        killAllNow();
        process.exit(code);
      }
      interrupted = true;
      void endAllGroups().finally(() => process.exit(code));
    });
  }
}

/** Resolve with the promise's value, or undefined after ms; the timer never keeps the process alive. */
export async function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), ms);
        timer.unref();
      }),
    ]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}
