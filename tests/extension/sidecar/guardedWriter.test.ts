import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { GuardedWriter } from '../../../extension/src/sidecar/guardedWriter';
import { SidecarClient } from '../../../extension/src/sidecar/client';
import { InitializeRequest, protocolVersion } from '../../../extension/src/protocol';
import { RecordingLogger } from '../support/recordingLogger';
import { settle } from '../support/fakeSidecar';

test('a request written to a dead pipe fails once, without an unhandled rejection', async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    const toServer = new PassThrough();
    const fromServer = new PassThrough();
    let failures = 0;
    const connection = createMessageConnection(
      new StreamMessageReader(fromServer),
      new GuardedWriter(new StreamMessageWriter(toServer), () => {
        failures += 1;
        connection.dispose();
      }),
    );
    connection.listen();
    toServer.destroy();

    const client = new SidecarClient(connection, new RecordingLogger());
    await assert.rejects(client.request(InitializeRequest, { clientName: 't', clientVersion: '0', protocolVersion }));
    await assert.rejects(client.exit(), /disposed/);
    await settle();
    assert.equal(failures, 1);
    assert.deepEqual(unhandled, []);
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});
