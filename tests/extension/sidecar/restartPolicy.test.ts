import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay, defaultRestartPolicy, RestartPolicy } from '../../../extension/src/sidecar/restartPolicy';

test('the default back-off is 0.5 s, 1, 2, 4 … capped at 30 s', () => {
  const delays = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((attempt) => backoffDelay(attempt, defaultRestartPolicy));
  assert.deepEqual(delays, [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
});

test('the default policy restarts 7 times, reaching the cap, and gives up on the 8th quick crash', () => {
  const policy = new RestartPolicy();
  const decisions = Array.from({ length: 8 }, () => policy.onCrash(1000));
  assert.deepEqual(
    decisions.slice(0, 7).map((d) => d.kind === 'restart' && d.delayMs),
    [500, 1000, 2000, 4000, 8000, 16000, 30000],
  );
  assert.deepEqual(decisions[7], { kind: 'giveUp', crashes: 8 });
});

test('a crash after a healthy minute counts as the first', () => {
  const policy = new RestartPolicy();
  policy.onCrash(0);
  policy.onCrash(0);
  assert.deepEqual(policy.onCrash(60_000), { kind: 'restart', attempt: 1, delayMs: 500 });
});
