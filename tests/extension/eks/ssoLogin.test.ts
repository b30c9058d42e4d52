import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { callWithSsoLogin, runSsoLoginTerminal, type SsoLoginUi } from '../../../extension/src/eks/ssoLogin';
import { ErrorCodes } from '../../../extension/src/protocol';

const ssoExpired = Object.assign(new Error("The SSO session of AWS profile 'dev' has expired or was never started. Run 'aws sso login --profile dev', then retry."), {
  code: ErrorCodes.AwsSsoLoginRequired,
});
const denied = Object.assign(new Error('AccessDeniedException: … (request id 1)'), { code: ErrorCodes.AwsError });

/** A user who presses the button (or not) and a login that exits 0 (or not), recording what was shown and run. */
function fakeUi(press: boolean, loginSucceeds: boolean): SsoLoginUi & { offered: string[]; logins: string[] } {
  const offered: string[] = [];
  const logins: string[] = [];
  return {
    offered,
    logins,
    offerLogin: (profile) => {
      offered.push(profile);
      return Promise.resolve(press);
    },
    runLogin: (profile) => {
      logins.push(profile);
      return Promise.resolve(loginSucceeds);
    },
  };
}

/** A call that fails with the given errors in turn, then answers 'listed'. */
function failing(...errors: Error[]): { call: () => Promise<string>; calls: () => number } {
  let calls = 0;
  return {
    call: () => {
      const error = errors[calls++];
      return error ? Promise.reject(error) : Promise.resolve('listed');
    },
    calls: () => calls,
  };
}

describe('SSO login', () => {
  test('an expired session offers aws sso login once; after the login the call runs again and succeeds', async () => {
    const ui = fakeUi(true, true);
    const call = failing(ssoExpired);

    const outcome = await callWithSsoLogin(call.call, 'dev', ui);

    assert.deepEqual(outcome, { kind: 'done', value: 'listed' });
    assert.deepEqual(ui.offered, ['dev']);
    assert.deepEqual(ui.logins, ['dev']);
    assert.equal(call.calls(), 2);
  });

  test('still expired after the login: the error is shown, with no second prompt (no loop)', async () => {
    const ui = fakeUi(true, true);
    const call = failing(ssoExpired, ssoExpired, ssoExpired);

    const outcome = await callWithSsoLogin(call.call, 'dev', ui);

    assert.deepEqual(outcome, { kind: 'failed', error: ssoExpired });
    assert.deepEqual(ui.offered, ['dev']);
    assert.equal(call.calls(), 2);
  });

  test('the message dismissed, or a login that fails: no retry and nothing more shown', async () => {
    for (const [press, loginSucceeds, logins] of [
      [false, true, 0],
      [true, false, 1],
    ] as const) {
      const ui = fakeUi(press, loginSucceeds);
      const call = failing(ssoExpired);

      const outcome = await callWithSsoLogin(call.call, 'dev', ui);

      assert.deepEqual(outcome, { kind: 'handled' });
      assert.equal(ui.logins.length, logins);
      assert.equal(call.calls(), 1);
    }
  });

  test('other failures, and SSO failures without a profile (typed keys), are returned to be shown as they are', async () => {
    const ui = fakeUi(true, true);

    assert.deepEqual(await callWithSsoLogin(failing(denied).call, 'dev', ui), { kind: 'failed', error: denied });
    assert.deepEqual(await callWithSsoLogin(failing(ssoExpired).call, undefined, ui), { kind: 'failed', error: ssoExpired });
    assert.deepEqual(ui.offered, []);
  });

  test('the terminal runs aws sso login for the profile, then exits; it resolves with the exit code when it closes', async () => {
    const sent: string[] = [];
    const closeListeners: Array<(closed: unknown) => void> = [];
    const terminal = { name: '', exitStatus: undefined as { code: number } | undefined, show: () => undefined, sendText: (text: string) => sent.push(text) };
    const other = { exitStatus: { code: 0 } };
    const window = {
      createTerminal: (options: { name: string }) => Object.assign(terminal, { name: options.name }),
      onDidCloseTerminal: (listener: (closed: unknown) => void) => {
        closeListeners.push(listener);
        return { dispose: () => closeListeners.splice(closeListeners.indexOf(listener), 1) };
      },
    };

    const done = runSsoLoginTerminal(window as unknown as Parameters<typeof runSsoLoginTerminal>[0], 'dev', false);
    closeListeners.forEach((listener) => listener(other)); // another terminal closing changes nothing
    terminal.exitStatus = { code: 0 };
    [...closeListeners].forEach((listener) => listener(terminal));

    assert.equal(await done, true);
    assert.equal(terminal.name, 'aws sso login (dev)');
    assert.deepEqual(sent, ["aws sso login --profile 'dev'; exit"]);
    assert.equal(closeListeners.length, 0);
  });
});
