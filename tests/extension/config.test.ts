// What the extension sends the sidecar in `initialize`: the settings as settings.json holds them (hand-edited, so
// anything), kept when usable, else left to the sidecar's defaults.
import { fake } from './support/installFakeVscode';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readLaunchConfig } from '../../extension/src/config';
import { SettingIds } from '../../extension/src/ids';

test('health settings are forwarded in seconds, fractions kept; anything else means the sidecar default', () => {
  fake.record.changeSettings({ [SettingIds.healthProbeInterval]: 2.5, [SettingIds.healthProbeTimeout]: 1, [SettingIds.healthReconnectMaxDelay]: 60 });
  assert.deepEqual(pick(), { healthProbeIntervalSeconds: 2.5, healthProbeTimeoutSeconds: 1, reconnectMaxDelaySeconds: 60 });
  fake.record.changeSettings({ [SettingIds.healthProbeInterval]: 0, [SettingIds.healthProbeTimeout]: '3', [SettingIds.healthReconnectMaxDelay]: undefined });
  assert.deepEqual(pick(), { healthProbeIntervalSeconds: null, healthProbeTimeoutSeconds: null, reconnectMaxDelaySeconds: null });
});

function pick(): Record<string, unknown> {
  const { healthProbeIntervalSeconds, healthProbeTimeoutSeconds, reconnectMaxDelaySeconds } = readLaunchConfig().settings;
  return { healthProbeIntervalSeconds, healthProbeTimeoutSeconds, reconnectMaxDelaySeconds };
}
