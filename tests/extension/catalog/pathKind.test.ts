import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathKind } from '../../../extension/src/catalog/pathKind';

describe('pathKind', () => {
  test('pipes and devices are told apart from files without being opened (issue 11: Open Kubeconfig must not hang)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubelink-pathkind-'));
    try {
      const fifo = join(dir, 'pipe');
      execFileSync('mkfifo', [fifo]);
      writeFileSync(join(dir, 'config'), 'apiVersion: v1\n');
      symlinkSync(fifo, join(dir, 'link-to-pipe'));

      assert.equal(pathKind(fifo), 'special');
      assert.equal(pathKind(join(dir, 'link-to-pipe')), 'special');
      assert.equal(pathKind('/dev/zero'), 'special');
      assert.equal(pathKind(join(dir, 'config')), 'file');
      assert.equal(pathKind(dir), 'folder');
      assert.equal(pathKind(join(dir, 'missing')), 'missing');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
