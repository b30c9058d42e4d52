// Resource rows in words: the kind's key columns and the age in the description, every column in the tooltip, the
// stale mark, and ages in kubectl's style.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { age, cellText, descriptionColumns, rowDescription, rowTooltip } from '../../../extension/src/resources/rowText';
import { format } from '../../../extension/src/strings';
import { pod, podColumns } from '../support/resources';

const now = Date.parse('2026-11-27T15:00:00Z');

describe('rowText', () => {
  test('ages: seconds, minutes, hours, days, years; unknown is null', () => {
    const ago = (ms: number): string | null => age(new Date(now - ms).toISOString(), now);
    assert.deepEqual([ago(45_000), ago(300_000), ago(5 * 3600_000), ago(3 * 86400_000), ago(800 * 86400_000)], ['45s', '5m', '5h', '3d', '2y']);
    assert.equal(age(null, now), null);
    assert.equal(age('not a date', now), null);
    assert.equal(ago(-5000), '0s', 'a clock a little ahead of ours is not a negative age');
  });

  test('pods: phase, ready, restarts and age; stale rows say so', () => {
    assert.equal(rowDescription('pods', pod('web-1', 'default', { restarts: 3 }), podColumns, false, now, format), 'Running · 1/1 · 3 · 3h');
    assert.equal(rowDescription('pods', pod('web-1'), podColumns, true, now, format), '(stale) Running · 1/1 · 0 · 3h');
  });

  test('known kinds pick their key columns; others show their first two columns', () => {
    const deployment = [
      { key: 'name', title: 'Name' },
      { key: 'ready', title: 'Ready' },
      { key: 'upToDate', title: 'Up-to-date' },
      { key: 'available', title: 'Available' },
    ];
    assert.deepEqual(descriptionColumns('deployments', deployment).map((c) => c.key), ['ready', 'upToDate', 'available']);
    const other = [
      { key: 'name', title: 'Name' },
      { key: 'namespace', title: 'Namespace' },
      { key: 'data', title: 'Data' },
      { key: 'type', title: 'Type' },
      { key: 'extra', title: 'Extra' },
    ];
    assert.deepEqual(descriptionColumns('secrets', other).map((c) => c.key), ['data', 'type']);
    assert.deepEqual(descriptionColumns('configmaps', [{ key: 'name', title: 'Name' }]), [], 'the generic row is name, namespace and age');
    assert.equal(rowDescription('configmaps', { name: 'cm', namespace: 'default', uid: 'u', createdAt: null }, [], false, now, format), '');
  });

  test('tooltip: every column as Title: value, then the age with the creation time', () => {
    assert.equal(
      rowTooltip(pod('web-1', 'default', { node: null }), podColumns, now, format),
      'Name: web-1\nNamespace: default\nPhase: Running\nReady: 1/1\nRestarts: 0\nNode: —\nAge: 3h (created 2026-11-27T12:00:00Z)',
    );
  });

  test('cell values: arrays joined, numbers and booleans as text, empty as nothing', () => {
    assert.deepEqual([cellText(['80/TCP', '443/TCP']), cellText(2), cellText(true), cellText(null), cellText(undefined)], ['80/TCP, 443/TCP', '2', 'true', '', '']);
  });
});
