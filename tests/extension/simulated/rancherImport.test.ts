// The Rancher import's settings and key flow against the fake `vscode` and a fake sidecar: what reaches the sidecar
// (`simulated/configureRancher`), what the user is told, and that the key is in SecretStorage and the call only — never
// in a log line, a notification or a setting.
import { fake } from '../support/installFakeVscode';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { catalogTreeModel } from '../../../extension/src/catalog/catalogTreeModel';
import { CommandIds, SettingIds } from '../../../extension/src/ids';
import type { SimulatedRancherParams, SimulatedRancherResult } from '../../../extension/src/protocol';
import { rancherKeySecret, registerRancherImport, type RancherImportTargets } from '../../../extension/src/simulated/rancherImport';
import { entry } from '../support/catalogEntries';
import { fakeSecrets } from '../support/fakeVscode';

const { record } = fake;
const secretKey = 'token-abc12:Sup3rSecretValue';

interface Bed {
  calls: SimulatedRancherParams[];
  secrets: ReturnType<typeof fakeSecrets>;
  /** What the fake sidecar answers the next calls (the last one stays). */
  answer: (params: SimulatedRancherParams) => SimulatedRancherResult | Error;
  start(): void;
  run(command: string): Promise<void>;
  /** Resolves once the sidecar has had `count` calls and the answer to the last one was handled (it logs once per call). */
  handled(count: number): Promise<void>;
  dispose(): void;
}

function setUp(settings: Record<string, unknown>): Bed {
  record.changeSettings({ [SettingIds.simulatedRancherUrl]: '', [SettingIds.simulatedRancherCaFile]: '', ...settings });
  record.messages.length = 0;
  record.log.length = 0;
  const calls: SimulatedRancherParams[] = [];
  const secrets = fakeSecrets();
  const states = new fake.api.EventEmitter<{ kind: string }>();
  const log = fake.api.window.createOutputChannel() as unknown as RancherImportTargets['log'];
  const rancherLines = (): number => record.log.filter((line) => line.includes('Rancher import:')).length;
  const bed: Bed = {
    calls,
    secrets,
    answer: () => ({ check: 'off' }),
    start: () => states.fire({ kind: 'ready' }),
    run: async (command) => {
      await record.commands.get(command)?.();
    },
    handled: (count) => record.until(() => calls.length >= count && rancherLines() >= count),
    dispose: () => {
      disposable.dispose();
    },
  };
  const supervisor = {
    session: {
      client: {
        request: (_type: unknown, params: SimulatedRancherParams): Promise<SimulatedRancherResult> => {
          calls.push(params);
          const answer = bed.answer(params);
          return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
        },
      },
    },
    onDidChangeState: states.event,
  };
  const disposable = registerRancherImport({ log, secrets, supervisor });
  return bed;
}

function assertKeyNowhereButTheCall(bed: Bed): void {
  for (const line of [...record.log, ...record.messages, ...record.settingUpdates.map((u) => JSON.stringify(u))]) {
    assert.ok(!line.includes('Sup3rSecretValue'), `the key leaked into: ${line}`);
  }
  assert.deepEqual([...bed.secrets.all.keys()].filter((k) => bed.secrets.all.get(k)?.includes('Sup3rSecretValue')), [rancherKeySecret]);
}

describe('Rancher import of simulated clusters', () => {
  test('no URL: a new sidecar is told the import is off; no key is read, nothing is shown', async () => {
    const bed = setUp({});
    bed.start();
    await bed.handled(1);
    assert.deepEqual(bed.calls, [{ url: null, caFile: null, token: null }]);
    assert.deepEqual(record.messages, []);
    bed.dispose();
  });

  test('a URL but no key: the import stays off and one error says to set a key; a sidecar restart does not repeat it', async () => {
    const bed = setUp({ [SettingIds.simulatedRancherUrl]: ' https://rancher.example.com ' });
    bed.start();
    await bed.handled(1);
    assert.deepEqual(bed.calls, [{ url: null, caFile: null, token: null }]);
    assert.deepEqual(record.messages, [
      'error: Simulated clusters are imported into Rancher at https://rancher.example.com once Kubelink has an API key: set one with Kubelink: Set Rancher API Key…',
    ]);
    bed.start();
    await bed.handled(2);
    assert.equal(record.messages.length, 1);
    bed.dispose();
  });

  test('Set Rancher API Key…: a password box, the key in SecretStorage and the call only; a refused key is one error naming the next step', async () => {
    const bed = setUp({ [SettingIds.simulatedRancherUrl]: 'https://rancher.example.com' });
    bed.answer = () => ({ check: 'keyRefused', problem: 'Rancher refused the API key (401 Unauthorized) at GET /v3/clusters: set a new one with Kubelink: Set Rancher API Key…' });
    record.answers.inputBox.push((options) => {
      assert.equal(options.password, true);
      assert.equal(options.validateInput?.(''), 'Enter the API key, e.g. token-abcde:…');
      assert.equal(options.validateInput?.('token a'), 'An API key has no spaces.');
      assert.equal(options.validateInput?.(secretKey), undefined);
      return ` ${secretKey} `;
    });
    await bed.run(CommandIds.setRancherApiKey);
    await bed.handled(1);
    assert.equal(bed.secrets.all.get(rancherKeySecret), secretKey);
    assert.deepEqual(bed.calls, [{ url: 'https://rancher.example.com', caFile: null, token: secretKey }]);
    assert.deepEqual(record.messages, [
      'error: Rancher import of the simulated clusters: Rancher refused the API key (401 Unauthorized) at GET /v3/clusters: set a new one with Kubelink: Set Rancher API Key…',
    ]);
    assertKeyNowhereButTheCall(bed);

    // The right key: sent at once (no restart), confirmed once; the SecretStorage echo of our own store is not re-sent.
    bed.answer = () => ({ check: 'ok' });
    record.answers.inputBox.push(() => 'token-abc12:Sup3rSecretValue2');
    await bed.run(CommandIds.setRancherApiKey);
    await bed.handled(2);
    assert.equal(bed.calls.length, 2);
    assert.equal(bed.calls[1]?.token, 'token-abc12:Sup3rSecretValue2');
    assert.equal(record.messages[1], 'info: Rancher at https://rancher.example.com accepted the API key: the simulated clusters are imported.');
    assertKeyNowhereButTheCall(bed);

    // Escape in the box changes nothing.
    await bed.run(CommandIds.setRancherApiKey);
    assert.equal(bed.calls.length, 2);
    bed.dispose();
  });

  test('changing the URL or the CA file re-sends at once; a new sidecar gets the settings and the key again', async () => {
    const bed = setUp({ [SettingIds.simulatedRancherUrl]: 'https://rancher.example.com' });
    bed.secrets.all.set(rancherKeySecret, secretKey);
    bed.answer = () => ({ check: 'ok' });
    record.changeSettings({ [SettingIds.simulatedRancherCaFile]: '~/rancher-ca.pem' });
    await bed.handled(1);
    assert.deepEqual(bed.calls[0], { url: 'https://rancher.example.com', caFile: '~/rancher-ca.pem', token: secretKey });
    bed.start();
    await bed.handled(2);
    assert.deepEqual(bed.calls[1], bed.calls[0]);
    assert.equal(record.messages.length, 1); // the user's change is confirmed, the sidecar start is not

    // The key changed in another window (SecretStorage is shared): this sidecar gets the new one, quietly.
    await bed.secrets.store(rancherKeySecret, 'token-abc12:Sup3rSecretValue3');
    await bed.handled(3);
    assert.equal(bed.calls[2]?.token, 'token-abc12:Sup3rSecretValue3');
    assert.equal(record.messages.length, 1);

    // An unreachable Rancher: the sidecar's message with the cause; its action opens the settings.
    bed.answer = () => ({ check: 'unreachable', problem: 'Rancher at https://rancher.example.org/ is not reachable: Connection refused: check the setting kubelink.simulated.rancherUrl' });
    record.changeSettings({ [SettingIds.simulatedRancherUrl]: 'https://rancher.example.org' });
    await bed.handled(4);
    assert.equal(
      record.messages.at(-1),
      'error: Rancher import of the simulated clusters: Rancher at https://rancher.example.org/ is not reachable: Connection refused: check the setting kubelink.simulated.rancherUrl',
    );

    // Settings the sidecar refuses: its message (which names the setting) is shown as it is.
    bed.answer = () => Object.assign(new Error("The Rancher import is off: the setting kubelink.simulated.rancherUrl 'ftp://x' is not an http(s) URL such as https://rancher.example.com"), { code: 1504 });
    record.changeSettings({ [SettingIds.simulatedRancherUrl]: 'ftp://x' });
    await record.until(() => record.messages.length === 3);
    assert.match(record.messages[2] ?? '', /^error: The Rancher import is off: the setting kubelink.simulated.rancherUrl 'ftp:\/\/x' is not an http\(s\) URL/);
    assertKeyNowhereButTheCall(bed);
    bed.dispose();
  });

  test('Clear Rancher API Key: removed from SecretStorage, the sidecar turns the import off, no error', async () => {
    const bed = setUp({ [SettingIds.simulatedRancherUrl]: 'https://rancher.example.com' });
    bed.secrets.all.set(rancherKeySecret, secretKey);
    bed.answer = () => ({ check: 'ok' });
    bed.start();
    await bed.handled(1);
    bed.answer = () => ({ check: 'off' });
    await bed.run(CommandIds.clearRancherApiKey);
    await bed.handled(2);
    assert.equal(bed.secrets.all.has(rancherKeySecret), false);
    assert.deepEqual(bed.calls[1], { url: null, caFile: null, token: null });
    assert.deepEqual(record.messages, ['info: Rancher API key cleared: the Rancher import is off (the simulated clusters stay).']);
    bed.dispose();
  });

  test("the tree row carries each cluster's Rancher state, the tooltip the whole reason", () => {
    const source = 'simulated, ready · Rancher disconnected: cluster-agent tunnel: The server returned status code 401';
    const row = catalogTreeModel([entry('one', { sourceKind: 'simulated', source, sourceGroup: 'simulated clusters' })], { home: '/home/me', syncPaths: [] })[0]?.items[0];
    assert.equal(row?.description, source);
    assert.match(String(row?.tooltip), /Rancher disconnected: cluster-agent tunnel: The server returned status code 401/);
  });
});
