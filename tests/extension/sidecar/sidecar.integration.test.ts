// Runs the real built sidecar through the extension's own code path (locate → spawn → connection → initialize →
// supervisor), without VS Code. scripts/test-ext.mjs builds the sidecar first; extensionPath is the repository root,
// so locateSidecar finds the dev build exactly as it does in an Extension Development Host.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { ErrorCodes, protocolVersion } from '../../../extension/src/protocol';
import { IncompatibleSidecarError } from '../../../extension/src/sidecar/errors';
import { createLauncher, type LauncherOptions } from '../../../extension/src/sidecar/launcher';
import { spawnProcess, type SidecarProcess, type SpawnFn } from '../../../extension/src/sidecar/process';
import type { SidecarSession } from '../../../extension/src/sidecar/session';
import { Supervisor } from '../../../extension/src/sidecar/supervisor';
import { isolatedHome } from '../support/isolatedHome';
import { RecordingLogger } from '../support/recordingLogger';
import { StateRecorder } from '../support/states';
import { findRepoRoot } from '../support/repoRoot';

// Bundled to out/tests/, written in tests/extension/: the repository root is two levels up either way.
const repoRoot = findRepoRoot(__dirname);
// HOME is a temp folder and KUBECONFIG unset: the sidecar reads no kubeconfig of the developer's.
const isolated = isolatedHome('kubelink-ext-it-');
const stateDir = isolated.stateDir;
const spawned: SidecarProcess[] = [];

/** The real spawn, remembering each process so the suite can prove (and force) that none outlives it. */
const trackingSpawn: SpawnFn = (request) => {
  const proc = spawnProcess(request);
  spawned.push(proc);
  return proc;
};

function launcher(log: RecordingLogger, overrides: Partial<LauncherOptions> = {}): () => Promise<SidecarSession> {
  return createLauncher({
    extensionPath: repoRoot,
    config: () => ({ sidecarPath: undefined, settings: { kubeconfigSyncPaths: [] } }),
    clientVersion: '0.0.0-test',
    log,
    spawn: trackingSpawn,
    env: isolated.env,
    ...overrides,
  });
}

after(async () => {
  const leftovers = spawned.filter((proc) => proc.pid !== undefined);
  for (const proc of leftovers) {
    proc.kill('SIGKILL');
  }
  await Promise.all(leftovers.map((proc) => proc.exited));
  isolated.dispose();
});

// Generous: the first start of a .NET process on a busy 2-core machine can take seconds. Not a sleep: a hang guard.
const timeout = 120_000;

describe('the real sidecar', { timeout }, () => {
  test('initialize completes, and shutdown + exit end the process with code 0', async () => {
    const log = new RecordingLogger();
    const session = await launcher(log)();
    const proc = spawned.at(-1);
    assert.equal(session.info.protocolVersion, protocolVersion);
    assert.ok(session.info.capabilities.methods.includes('initialize'), `methods: ${session.info.capabilities.methods.join(', ')}`);
    assert.equal(session.info.capabilities.processId, proc?.pid);
    assert.equal(session.info.capabilities.logDirectory, join(stateDir, 'logs'));
    assert.match(log.text(), /debug: ← initialize ok in \d+ ms/);

    await session.stop();
    assert.deepEqual(await session.exited, { code: 0, signal: null });
    // The sidecar's stderr reached the log, parsed: its Serilog source and message, at its level.
    assert.match(log.text(), new RegExp(`info: \\[sidecar ${proc?.pid}\\] Kubelink\\.Sidecar\\.[\\w.]+: `));
  });

  test('a protocol mismatch fails with ProtocolMismatch and a readable message; the supervisor does not retry', async () => {
    const log = new RecordingLogger();
    const mismatched = launcher(log, { protocolVersion: protocolVersion + 1 });

    const error = await mismatched().then(
      () => assert.fail('initialize should have failed'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof IncompatibleSidecarError, String(error));
    assert.equal(error.code, ErrorCodes.ProtocolMismatch);
    assert.match(error.message, new RegExp(`protocol ${protocolVersion + 1}.*protocol ${protocolVersion}`));
    assert.match(log.text(), new RegExp(`← initialize failed in \\d+ ms with code ${ErrorCodes.ProtocolMismatch}`));
    assert.ok(await spawned.at(-1)?.exited, 'the refused sidecar was stopped');

    const launches = spawned.length;
    const supervisor = new Supervisor<SidecarSession>({ launch: mismatched, log });
    const states = new StateRecorder(supervisor.onDidChangeState);
    await supervisor.start();
    assert.deepEqual(states.kinds, ['starting', 'incompatible']);
    assert.equal(supervisor.state.kind === 'incompatible' && supervisor.state.message, error.message);
    assert.equal(supervisor.restartPending, false, 'no restart is scheduled');
    assert.equal(spawned.length, launches + 1, 'exactly one process was started');
    await spawned.at(-1)?.exited;
  });

  test('a killed sidecar is restarted and re-initialized as a new process', async () => {
    const log = new RecordingLogger();
    const supervisor = new Supervisor<SidecarSession>({ launch: launcher(log), log });
    const states = new StateRecorder(supervisor.onDidChangeState);
    try {
      await supervisor.start();
      const first = supervisor.session;
      assert.ok(first, `not ready: ${states.kinds.join(' → ')}`);
      const firstPid = first.info.capabilities.processId;

      const restarting = states.next('restarting');
      const ready = states.next('ready');
      process.kill(firstPid, 'SIGKILL');
      const outage = await restarting;
      assert.equal(outage.attempt, 1);
      assert.match(outage.reason, /SIGKILL/);

      const second = await ready;
      assert.notEqual(second.info.capabilities.processId, firstPid);
      assert.equal(second.info.protocolVersion, protocolVersion);
      assert.deepEqual(states.kinds, ['starting', 'ready', 'restarting', 'starting', 'ready']);
    } finally {
      await supervisor.stop();
    }
    assert.deepEqual(await spawned.at(-1)?.exited, { code: 0, signal: null });
  });
});
