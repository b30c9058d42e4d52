import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { protocolVersion } from '../../../extension/src/protocol';
import type { SidecarState, SidecarStateKind } from '../../../extension/src/sidecar/state';
import { statusView } from '../../../extension/src/status/statusView';

const info = { serverVersion: '0.1.0', protocolVersion, capabilities: { methods: ['initialize'], processId: 4242, logDirectory: '/tmp/logs', features: [] } };

/** One example of every state; the Record type makes the compiler insist on a new entry when a state is added. */
const examples: Record<SidecarStateKind, SidecarState> = {
  stopped: { kind: 'stopped' },
  starting: { kind: 'starting', restart: 0 },
  ready: { kind: 'ready', info },
  restarting: { kind: 'restarting', attempt: 2, delayMs: 1000, reason: 'killed by SIGKILL' },
  crashed: { kind: 'crashed', cause: 'gaveUp', reason: 'exit code 134', crashes: 8 },
  incompatible: { kind: 'incompatible', message: 'Client speaks protocol 2; sidecar speaks 1.' },
};

describe('statusView', () => {
  test('starting: a spinner, click shows the log', () => {
    assert.deepEqual(statusView(examples.starting), {
      text: '$(sync~spin) Kubelink',
      tooltip: 'Kubelink: starting the sidecar…',
      command: 'kubelink.showLog',
      severity: 'normal',
    });
  });

  test('starting again after a crash says which restart it is', () => {
    const view = statusView({ kind: 'starting', restart: 3 });
    assert.equal(view.text, '$(sync~spin) Kubelink');
    assert.match(view.tooltip, /restart 3/);
    assert.equal(view.severity, 'warning');
  });

  test('ready: a check mark; the tooltip names the sidecar version and process', () => {
    const view = statusView(examples.ready);
    assert.equal(view.text, '$(pass) Kubelink');
    assert.match(view.tooltip, /0\.1\.0/);
    assert.match(view.tooltip, /4242/);
    assert.equal(view.command, 'kubelink.showLog');
    assert.equal(view.severity, 'normal');
  });

  test('ready with connected and connecting clusters: the tooltip names them', () => {
    const view = statusView(examples.ready, undefined, { total: 5, invalid: 0, ready: ['prod', 'qa'], connecting: ['dev'] });
    assert.match(view.tooltip, /5 clusters in the catalog \(0 invalid\)\. Connected: prod, qa\. Connecting: dev\.$/);
  });

  test('ready with a catalog: the tooltip also counts its clusters', () => {
    const view = statusView(examples.ready, undefined, { total: 5, invalid: 2 });
    assert.match(view.tooltip, /\(process 4242\)\. Click to show the log\. 5 clusters in the catalog \(2 invalid\)\.$/);
  });

  test('restarting: shows the attempt; the tooltip gives the reason and the delay', () => {
    const view = statusView(examples.restarting);
    assert.equal(view.text, '$(sync~spin) Kubelink: restart 2');
    assert.equal(view.tooltip, 'Kubelink: the sidecar stopped unexpectedly (killed by SIGKILL). Restarting in 1 s (restart 2).');
    assert.equal(view.severity, 'warning');
  });

  test('crashed: an error icon on an error background; click shows the log', () => {
    const view = statusView(examples.crashed);
    assert.deepEqual([view.text, view.command, view.severity], ['$(error) Kubelink', 'kubelink.showLog', 'error']);
    assert.match(view.tooltip, /exit code 134/);
  });

  test('incompatible: an error, with the sidecar message in the tooltip', () => {
    const view = statusView(examples.incompatible);
    assert.deepEqual([view.text, view.command, view.severity], ['$(error) Kubelink', 'kubelink.showLog', 'error']);
    assert.match(view.tooltip, /speaks protocol 2/);
  });

  test('stopped: click starts it again', () => {
    assert.deepEqual(statusView(examples.stopped).command, 'kubelink.restartSidecar');
  });

  test('every state renders text, a tooltip and a command, through the translator it is given', () => {
    const seen: string[] = [];
    for (const state of Object.values(examples)) {
      const view = statusView(state, (message) => {
        seen.push(message);
        return `T(${message})`;
      });
      assert.match(view.text, /^T\(/);
      assert.match(view.tooltip, /^T\(/);
      assert.ok(view.command.startsWith('kubelink.'));
    }
    assert.ok(seen.length >= 12);
  });
});
