import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { IncompatibleSidecarError, SidecarStartError } from '../../../extension/src/sidecar/errors';
import { defaultRestartPolicy, type RestartPolicyOptions } from '../../../extension/src/sidecar/restartPolicy';
import type { SidecarState } from '../../../extension/src/sidecar/state';
import { Supervisor } from '../../../extension/src/sidecar/supervisor';
import { FakeClock } from '../support/fakeClock';
import { FakeLauncher, type FakeSession, settle } from '../support/fakeSidecar';
import { StateRecorder } from '../support/states';

/** Asserts the state's kind and hands it back narrowed, so a test can read that state's fields. */
function expectKind<K extends SidecarState['kind']>(state: SidecarState, kind: K): Extract<SidecarState, { kind: K }> {
  assert.equal(state.kind, kind);
  return state as Extract<SidecarState, { kind: K }>;
}

function setup(policy: Partial<RestartPolicyOptions> = {}) {
  const clock = new FakeClock();
  const launcher = new FakeLauncher();
  const supervisor = new Supervisor<FakeSession>({ launch: launcher.launch, clock, policy: { ...defaultRestartPolicy, ...policy } });
  const states = new StateRecorder(supervisor.onDidChangeState);
  // Read through a function: an assertion on `supervisor.state` would otherwise narrow its type for the rest of a test.
  const state = (): SidecarState => supervisor.state;
  return { clock, launcher, supervisor, states, state };
}

describe('Supervisor', () => {
  test('starts the sidecar and reports starting, then ready with the initialize answer', async () => {
    const { launcher, supervisor, states, state } = setup();
    await supervisor.start();
    assert.deepEqual(states.kinds, ['starting', 'ready']);
    assert.equal(supervisor.session, launcher.last);
    assert.equal(expectKind(state(), 'ready').info.capabilities.processId, 1001);
  });

  test('restarts a crashed sidecar after the back-off delay and re-initializes', async () => {
    const { clock, launcher, supervisor, states, state } = setup();
    await supervisor.start();
    launcher.last.crash({ code: null, signal: 'SIGKILL' });
    await settle();
    assert.deepEqual(state(), { kind: 'restarting', attempt: 1, delayMs: 500, reason: 'killed by SIGKILL' });
    assert.equal(supervisor.session, undefined);

    clock.advance(499);
    assert.equal(launcher.calls, 1, 'no restart before the delay has passed');
    clock.advance(1);
    const ready = await states.next('ready');
    assert.equal(launcher.calls, 2);
    assert.equal(ready.info.capabilities.processId, 1002);
    assert.deepEqual(states.kinds, ['starting', 'ready', 'restarting', 'starting', 'ready']);
    assert.deepEqual(states.states[3], { kind: 'starting', restart: 1 });
  });

  test('doubles the delay on each quick crash, up to the cap', async () => {
    const { clock, launcher, supervisor, states, state } = setup({ initialDelayMs: 500, maxDelayMs: 3000, maxQuickCrashes: 10 });
    launcher.failNext(new Error('boom'), 6);
    await supervisor.start();
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      delays.push(expectKind(state(), 'restarting').delayMs);
      clock.advance(clock.pending[0] ?? 0);
      await settle();
    }
    assert.deepEqual(delays, [500, 1000, 2000, 3000, 3000, 3000]);
    assert.equal(state().kind, 'ready', 'the seventh launch succeeds');
    assert.equal(states.kinds.filter((k) => k === 'restarting').length, 6);
  });

  test('forgets earlier crashes after a minute of healthy running', async () => {
    const { clock, launcher, supervisor, state } = setup();
    launcher.failNext(new Error('first start fails'), 2);
    await supervisor.start();
    clock.advance(500);
    await settle();
    clock.advance(1000);
    await settle();
    assert.equal(state().kind, 'ready');

    clock.advance(60_000);
    launcher.last.crash();
    await settle();
    const restarting = expectKind(state(), 'restarting');
    assert.deepEqual([restarting.attempt, restarting.delayMs], [1, 500]);
  });

  test('gives up after N quick crashes in a row and schedules nothing more', async () => {
    const { clock, launcher, supervisor, state } = setup({ maxQuickCrashes: 3 });
    await supervisor.start();
    for (let i = 0; i < 3; i++) {
      launcher.last.crash({ code: 134, signal: null });
      await settle();
      clock.advance(clock.pending[0] ?? 0);
      await settle();
    }
    assert.deepEqual(state(), { kind: 'crashed', cause: 'gaveUp', reason: 'exit code 134', crashes: 3 });
    assert.equal(supervisor.restartPending, false);
    assert.deepEqual(clock.pending, []);
    assert.equal(launcher.calls, 3);
  });

  test('does not retry a protocol mismatch', async () => {
    const { clock, launcher, supervisor, states, state } = setup();
    launcher.failNext(new IncompatibleSidecarError('client speaks 2, sidecar speaks 1'));
    await supervisor.start();
    assert.deepEqual(state(), { kind: 'incompatible', message: 'client speaks 2, sidecar speaks 1' });
    assert.equal(supervisor.restartPending, false);
    clock.advance(10 * 60_000);
    await settle();
    assert.equal(launcher.calls, 1);
    assert.deepEqual(states.kinds, ['starting', 'incompatible']);
  });

  test('does not retry a sidecar that cannot start at all (not found)', async () => {
    const { launcher, supervisor, state } = setup();
    launcher.failNext(new SidecarStartError('not found; looked for: /x', false));
    await supervisor.start();
    assert.deepEqual(state(), { kind: 'crashed', cause: 'cannotStart', reason: 'not found; looked for: /x', crashes: 1 });
    assert.equal(supervisor.restartPending, false);
  });

  test('retries a start failure that may be transient', async () => {
    const { clock, launcher, supervisor, state } = setup();
    launcher.failNext(new SidecarStartError('stopped during start-up (exit code 70)', true));
    await supervisor.start();
    assert.equal(state().kind, 'restarting');
    clock.advance(500);
    await settle();
    assert.equal(state().kind, 'ready');
  });

  test('stop() stops the session politely and its exit is not a crash', async () => {
    const { clock, launcher, supervisor, states } = setup();
    await supervisor.start();
    const session = launcher.last;
    await supervisor.stop();
    await settle();
    assert.equal(session.stopped, true);
    assert.deepEqual(states.kinds, ['starting', 'ready', 'stopped']);
    assert.deepEqual(clock.pending, []);
  });

  test('stop() cancels a scheduled restart', async () => {
    const { clock, launcher, supervisor, state } = setup();
    await supervisor.start();
    launcher.last.crash();
    await settle();
    assert.equal(supervisor.restartPending, true);
    await supervisor.stop();
    clock.advance(60_000);
    await settle();
    assert.equal(launcher.calls, 1);
    assert.equal(state().kind, 'stopped');
  });

  test('stop() during a launch stops the session when it lands', async () => {
    const { launcher, supervisor, state } = setup();
    const release = launcher.holdNext();
    const started = supervisor.start();
    assert.equal(state().kind, 'starting');
    const stopped = supervisor.stop();
    release();
    await Promise.all([started, stopped]);
    assert.equal(launcher.last.stopped, true);
    assert.equal(state().kind, 'stopped');
  });

  test('restart() replaces the session and forgets the crash count', async () => {
    const { clock, launcher, supervisor, state } = setup({ maxQuickCrashes: 2 });
    await supervisor.start();
    launcher.last.crash();
    await settle();
    clock.advance(500);
    await settle();
    launcher.last.crash();
    await settle();
    assert.equal(state().kind, 'crashed');

    await supervisor.restart();
    assert.equal(state().kind, 'ready');
    launcher.last.crash();
    await settle();
    assert.equal(expectKind(state(), 'restarting').attempt, 1);
  });

  test('start() while running does not launch a second sidecar', async () => {
    const { launcher, supervisor } = setup();
    await supervisor.start();
    await supervisor.start();
    assert.equal(launcher.calls, 1);
  });
});
