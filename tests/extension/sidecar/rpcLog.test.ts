import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ResponseError } from 'vscode-jsonrpc';
import { ErrorCodes } from '../../../extension/src/protocol';
import { loggedCall } from '../../../extension/src/sidecar/rpcLog';
import { RecordingLogger } from '../support/recordingLogger';

/** A clock that advances 12 ms per reading, so durations are exact. */
function ticking(): () => number {
  let t = 0;
  return () => (t += 12);
}

test('a successful call logs its method and duration', async () => {
  const log = new RecordingLogger();
  assert.equal(await loggedCall(log, 'initialize', () => Promise.resolve(42), ticking()), 42);
  assert.deepEqual(log.lines, [
    { level: 'trace', message: '→ initialize' },
    { level: 'debug', message: '← initialize ok in 12 ms' },
  ]);
});

test('a failed call logs method, duration and error code, and rethrows the same error', async () => {
  const log = new RecordingLogger();
  const error = new ResponseError(ErrorCodes.ProtocolMismatch, 'versions differ');
  await assert.rejects(loggedCall(log, 'initialize', () => Promise.reject(error), ticking()), (thrown) => thrown === error);
  assert.deepEqual(log.lines.at(-1), { level: 'warn', message: '← initialize failed in 12 ms with code 1000: versions differ' });
});
