import assert from 'node:assert/strict';
import { test } from 'node:test';
import { protocolVersion } from '../../../extension/src/protocol';
import type { SidecarState } from '../../../extension/src/sidecar/state';
import { NoticePolicy } from '../../../extension/src/status/notices';

const ready: SidecarState = { kind: 'ready', info: { serverVersion: '0.1.0', protocolVersion, capabilities: { methods: [], processId: 1, logDirectory: '', features: [] } } };
const restarting = (attempt: number): SidecarState => ({ kind: 'restarting', attempt, delayMs: 500 * attempt, reason: 'exit code 1' });
const starting = (restart: number): SidecarState => ({ kind: 'starting', restart });

test('one notification per outage, not one per restart attempt', () => {
  const policy = new NoticePolicy();
  const notices = [starting(0), ready, restarting(1), starting(1), restarting(2), starting(2), restarting(3), starting(3), ready].map((s) => policy.next(s));
  const shown = notices.filter((n) => n !== undefined);
  assert.equal(shown.length, 1);
  assert.deepEqual(shown[0], { severity: 'warning', message: 'The Kubelink sidecar stopped unexpectedly (exit code 1). Restarting it…', actions: ['showLog'] });
});

test('a new outage after recovery is announced again', () => {
  const policy = new NoticePolicy();
  policy.next(restarting(1));
  policy.next(ready);
  assert.ok(policy.next(restarting(1)));
});

test('giving up is announced even during an outage, with Show Log and Restart Sidecar', () => {
  const policy = new NoticePolicy();
  policy.next(restarting(1));
  const notice = policy.next({ kind: 'crashed', cause: 'gaveUp', reason: 'exit code 134', crashes: 8 });
  assert.equal(notice?.severity, 'error');
  assert.deepEqual(notice?.actions, ['showLog', 'restart']);
  assert.match(notice?.message ?? '', /8 times/);
  assert.match(notice?.message ?? '', /exit code 134/);
});

test('a sidecar that cannot start offers the settings', () => {
  const notice = new NoticePolicy().next({ kind: 'crashed', cause: 'cannotStart', reason: 'Its sidecar was not found; looked for: /a, /b.', crashes: 1 });
  assert.deepEqual(notice?.actions, ['showLog', 'openSettings', 'restart']);
  assert.match(notice?.message ?? '', /looked for: \/a, \/b/);
});

test('a mismatch shows the sidecar message and Show Log', () => {
  const notice = new NoticePolicy().next({ kind: 'incompatible', message: 'x speaks Kubelink protocol 2, but this sidecar (0.1.0) speaks protocol 1.' });
  assert.deepEqual(notice, {
    severity: 'error',
    message: 'Kubelink cannot use its sidecar. x speaks Kubelink protocol 2, but this sidecar (0.1.0) speaks protocol 1.',
    actions: ['showLog'],
  });
});
