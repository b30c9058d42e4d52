// Proves the e2e harness end to end with a minimal fixture extension:
// code-server starts with the extension linked in, env and settings reach the
// extension host, the command palette runs a command, a toast appears, the
// activity-bar view shows its tree row, and stop() ends the whole process group.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { e2eSession, groupAlive, repoRoot, waitUntil } from './harness/index.js';

const FIXTURE = path.join(repoRoot(), 'tests', 'e2e', 'fixtures', 'hello-extension');
const EXTENSION_ID = 'kubelink-tests.hello-e2e';

describe('e2e harness smoke (hello-extension fixture)', () => {
  const s = e2eSession('smoke', {
    extensions: [FIXTURE],
    env: { HELLO_E2E_NAME: 'Kubelink' },
    settings: { 'helloE2e.greeting': 'Howdy' },
  });

  before(() => s.start(), { timeout: 240_000 });
  after(() => s.stop(), { timeout: 60_000 });

  test('the extension activates and its status-bar item shows the configured greeting', { timeout: 120_000 }, s.case(async ({ wb, server }) => {
    await server.waitForExtensionActivation(EXTENSION_ID, 90_000);
    // Status-bar element id: <publisher>.<name>.<item id>
    const item = await wb.waitForStatusBarText(`${EXTENSION_ID}.helloStatus`, 'Howdy status', 60_000);
    assert.equal(item.text, 'Howdy status');
    assert.match(item.ariaLabel, /Hello E2E status item/);
    assert.equal(server.extensionActivationError(EXTENSION_ID), undefined);
  }));

  test('the command palette runs "Hello E2E: Say Hello" and its toast shows', { timeout: 120_000 }, s.case(async ({ wb }) => {
    await wb.runCommand('Hello E2E: Say Hello');
    const message = await wb.waitForNotification('Hello from E2E');
    // HELLO_E2E_NAME came through the environment given to startCodeServer.
    assert.equal(message, 'Hello from E2E, Kubelink!');
    // A toast that is gone (cleared here; info toasts also auto-hide) still counts within the case.
    await wb.runCommand('Notifications: Clear All Notifications');
    await waitUntil(async () => (await wb.notificationToasts()).length === 0, { timeoutMs: 30_000, message: 'toasts did not clear' });
    assert.equal(await wb.waitForNotification(/^Hello from E2E/), 'Hello from E2E, Kubelink!');
  }));

  test('the activity-bar view shows the tree row', { timeout: 120_000 }, s.case(async ({ wb }) => {
    await wb.openViewContainer('Hello E2E');
    const row = await wb.waitForTreeRow('Hello tree item');
    // A tree row's accessible name is its tooltip.
    assert.equal(await row.getAttribute('aria-label'), 'The one hello item');
    assert.deepEqual(await wb.treeRowTexts(), ['Hello tree item']);
    const shot = await wb.screenshot('smoke-hello-view');
    assert.ok(fs.existsSync(shot));
  }));

  test('stop() ends the whole process group, extension host included, and removes the root', { timeout: 120_000 }, s.case(async ({ server }) => {
    const { pid, root } = server;
    assert.ok(groupAlive(pid), 'code-server group should be running before stop()');
    await s.stop();
    assert.equal(groupAlive(pid), false, `process group ${pid} still has live processes`);
    assert.equal(fs.existsSync(root), false, `${root} should be removed`);
  }));
});
