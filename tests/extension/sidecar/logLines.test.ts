import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { forwardLog, LogLineParser, parseLogLine } from '../../../extension/src/sidecar/logLines';
import { RecordingLogger } from '../support/recordingLogger';

describe('parseLogLine', () => {
  test('maps every Serilog level to an output-channel level', () => {
    const levels = ['VRB', 'DBG', 'INF', 'WRN', 'ERR', 'FTL'].map((level) => parseLogLine(`[${level}] A.B: m`)?.level);
    assert.deepEqual(levels, ['trace', 'debug', 'info', 'warn', 'error', 'error']);
  });

  test('splits source and message; the message may contain colons and brackets', () => {
    assert.deepEqual(parseLogLine('[INF] Kubelink.Sidecar.Rpc.RpcServer: Sidecar 42 listening: [stdio] ok'), {
      level: 'info',
      source: 'Kubelink.Sidecar.Rpc.RpcServer',
      message: 'Sidecar 42 listening: [stdio] ok',
    });
  });

  test('is undefined for lines that are not headers', () => {
    assert.equal(parseLogLine('   at Kubelink.Sidecar.Program.Main()'), undefined);
    assert.equal(parseLogLine('[XYZ] A: b'), undefined);
    assert.equal(parseLogLine('You must install or update .NET to run this application.'), undefined);
  });
});

describe('LogLineParser', () => {
  test('an exception continues the event above it, at its level', () => {
    const parser = new LogLineParser();
    const entries = parser.push('[ERR] Kubelink.X: failed\nSystem.IO.IOException: gone\n   at X.Y()\n[INF] Kubelink.X: next\n');
    assert.deepEqual(
      entries.map((e) => [e.level, e.source, e.message]),
      [
        ['error', 'Kubelink.X', 'failed'],
        ['error', undefined, 'System.IO.IOException: gone'],
        ['error', undefined, '   at X.Y()'],
        ['info', 'Kubelink.X', 'next'],
      ],
    );
  });

  test('joins lines split across chunks, accepts CRLF and flushes the unterminated tail', () => {
    const parser = new LogLineParser();
    assert.deepEqual(parser.push('[WRN] A: hal'), []);
    assert.deepEqual(parser.push('f\r\n[DBG] B: tail'), [{ level: 'warn', source: 'A', message: 'half' }]);
    assert.deepEqual(parser.flush(), [{ level: 'debug', source: 'B', message: 'tail' }]);
    assert.deepEqual(parser.flush(), []);
  });

  test('output before any header (the dotnet host failing to start) is a warning', () => {
    const parser = new LogLineParser();
    assert.deepEqual(parser.push('You must install .NET\n'), [{ level: 'warn', source: undefined, message: 'You must install .NET' }]);
  });
});

test('forwardLog writes each entry at its level with the prefix', () => {
  const log = new RecordingLogger();
  forwardLog(log, '[sidecar 7]', [
    { level: 'info', source: 'A.B', message: 'hello' },
    { level: 'error', source: undefined, message: '   at X()' },
  ]);
  assert.deepEqual(log.lines, [
    { level: 'info', message: '[sidecar 7] A.B: hello' },
    { level: 'error', message: '[sidecar 7]    at X()' },
  ]);
});
