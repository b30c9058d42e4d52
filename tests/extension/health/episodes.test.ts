// One notification per disconnection episode: open at the first non-ready health, updated in place while it lasts,
// closed (with "Reconnected to X") at ready; repeated failures never open a second one.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EpisodeTracker, type EpisodeDecision } from '../../../extension/src/health/episodes';
import { health } from '../support/health';
import type { FaultCause } from '../../../extension/src/protocol';

const kinds = (decisions: Array<EpisodeDecision | undefined>): string[] => decisions.filter((d) => d !== undefined).map((d) => d.kind);

describe('EpisodeTracker', () => {
  test('disconnected → reconnecting ×3 → ready: one open, updates with the attempt, one close with "Reconnected"', () => {
    const tracker = new EpisodeTracker();
    assert.equal(tracker.onHealth('prod', health('a', 'ready')), undefined, 'ready without an episode says nothing');
    const open = tracker.onHealth('prod', health('a', 'disconnected'));
    assert.deepEqual(open, {
      kind: 'open',
      clusterId: 'a',
      credentials: false,
      title: 'Lost connection to prod: connection refused. Reconnecting…',
      progress: 'checking…',
      ssoProfile: undefined,
    });
    assert.deepEqual(tracker.onHealth('prod', health('a', 'reconnecting', { attempt: 1, nextRetryMs: 500 })), { kind: 'update', clusterId: 'a', progress: 'attempt 1 in 0.5 s' });
    assert.deepEqual(tracker.onHealth('prod', health('a', 'reconnecting', { attempt: 2, nextRetryMs: 1200 })), { kind: 'update', clusterId: 'a', progress: 'attempt 2 in 1 s' });
    assert.equal(tracker.onHealth('prod', health('a', 'reconnecting', { attempt: 2, nextRetryMs: 1200 })), undefined, 'the same report twice is no update');
    assert.deepEqual(tracker.onHealth('prod', health('a', 'reconnecting', { attempt: 3, cause: 'timeout', nextRetryMs: null })), {
      kind: 'update',
      clusterId: 'a',
      progress: 'now: no answer in time · attempt 3',
    });
    assert.deepEqual(tracker.onHealth('prod', health('a', 'ready', { generation: 2 })), { kind: 'close', clusterId: 'a', reconnected: 'Reconnected to prod' });
    assert.equal(tracker.onHealth('prod', health('a', 'ready', { generation: 2 })), undefined);
  });

  test('50 quick flaps are 50 episodes: 50 opens and 50 closes, never two open at once', () => {
    const tracker = new EpisodeTracker();
    const decisions: Array<EpisodeDecision | undefined> = [];
    let open = 0;
    for (let generation = 1; generation <= 50; generation++) {
      for (const d of [
        tracker.onHealth('prod', health('a', 'disconnected', { generation })),
        tracker.onHealth('prod', health('a', 'reconnecting', { generation, attempt: 1 })),
        tracker.onHealth('prod', health('a', 'disconnected', { generation, cause: 'reset' })),
        tracker.onHealth('prod', health('a', 'ready', { generation: generation + 1 })),
      ]) {
        decisions.push(d);
        open += d?.kind === 'open' ? 1 : d?.kind === 'close' ? -1 : 0;
        assert.ok(open === 0 || open === 1, 'at most one notification per cluster');
      }
    }
    const all = kinds(decisions);
    assert.equal(all.filter((k) => k === 'open').length, 50);
    assert.equal(all.filter((k) => k === 'close').length, 50);
  });

  test('a long outage of 200 failed attempts is one notification', () => {
    const tracker = new EpisodeTracker();
    const decisions = [tracker.onHealth('prod', health('a', 'disconnected'))];
    for (let attempt = 1; attempt <= 200; attempt++) {
      decisions.push(tracker.onHealth('prod', health('a', 'reconnecting', { attempt, nextRetryMs: 30_000 })));
    }
    const all = kinds(decisions);
    assert.equal(all.filter((k) => k === 'open').length, 1);
    assert.equal(all.filter((k) => k === 'update').length, 200);
  });

  test('expired credentials open a credentials episode that says what to do', () => {
    const tracker = new EpisodeTracker();
    const open = tracker.onHealth('prod', health('a', 'unauthorized', { cause: 'unauthorized', attempt: 1, nextRetryMs: 5000 }));
    assert.equal(open?.kind, 'open');
    assert.ok(open?.kind === 'open' && open.credentials);
    assert.match(open?.kind === 'open' ? open.title : '', /^Kubelink cannot use the credentials for prod: the credentials were rejected \(401\)\. Log in again/);
    // A 403 while reconnecting is a credentials problem too, however the state is labelled.
    const forbidden = new EpisodeTracker().onHealth('dev', health('b', 'reconnecting', { cause: 'forbidden' }));
    assert.ok(forbidden?.kind === 'open' && forbidden.credentials);
  });

  test('an SSO session that expired while connected: the profile the sidecar names (ssoProfile) is offered for aws sso login', () => {
    const message = "The SSO session of AWS profile 'team-dev' has expired or was never started. Run 'aws sso login --profile team-dev', then retry.";
    const open = new EpisodeTracker().onHealth('eks-prod', health('a', 'unauthorized', { cause: 'credentials', message, ssoProfile: 'team-dev' }));
    assert.ok(open?.kind === 'open' && open.credentials);
    assert.equal(open.ssoProfile, 'team-dev');
    // Any other credentials problem, and a network episode that happens to quote the words, offer no login.
    const rejected = new EpisodeTracker().onHealth('prod', health('b', 'unauthorized', { cause: 'unauthorized' }));
    assert.equal(rejected?.kind === 'open' ? rejected.ssoProfile : 'no open', undefined);
    const network = new EpisodeTracker().onHealth('prod', health('c', 'disconnected', { message, ssoProfile: 'team-dev' }));
    assert.equal(network?.kind === 'open' ? network.ssoProfile : 'no open', undefined);
  });

  test('an episode ends without "Reconnected" on disconnect or when the sidecar goes; clusters are independent', () => {
    const tracker = new EpisodeTracker();
    tracker.onHealth('prod', health('a', 'disconnected'));
    tracker.onHealth('dev', health('b', 'disconnected'));
    assert.deepEqual(tracker.onEnded('a'), { kind: 'close', clusterId: 'a', reconnected: undefined });
    assert.equal(tracker.onEnded('a'), undefined);
    assert.equal(tracker.onHealth('prod', health('a', 'disconnected'))?.kind, 'open', 'a new episode after the last one ended');
    assert.deepEqual(tracker.endAll().map((d) => d.clusterId).sort(), ['a', 'b']);
    assert.deepEqual(tracker.endAll(), []);
  });

  test('an unknown cause shows the sidecar message', () => {
    const open = new EpisodeTracker().onHealth('prod', health('a', 'disconnected', { cause: 'martian' as FaultCause, message: 'Something new went wrong.' }));
    assert.equal(open?.kind === 'open' ? open.title : '', 'Lost connection to prod: Something new went wrong. Reconnecting…');
  });
});
