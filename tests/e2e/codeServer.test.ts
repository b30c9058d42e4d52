// The harness's code-server lifecycle without a browser: free port on 127.0.0.1,
// throwaway root, staged extension folders, clear errors, and a clean stop().
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { groupAlive, repoRoot, startCodeServer } from './harness/index.js';

const FIXTURE = path.join(repoRoot(), 'tests', 'e2e', 'fixtures', 'hello-extension');

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

describe('code-server lifecycle', () => {
  test('starts on 127.0.0.1 with a staged extension and stops its whole process group', { timeout: 120_000 }, async () => {
    const server = await startCodeServer({
      name: 'lifecycle',
      extensions: [{ folder: FIXTURE, include: ['extension.js'] }],
      workspaceFiles: { 'hello.txt': 'hi\n' },
    });
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      assert.equal(await get(`${server.url}healthz`), 200);
      assert.deepEqual(server.extensionIds, ['kubelink-tests.hello-e2e']);
      const link = path.join(server.extensionsDir, 'kubelink-tests.hello-e2e-0.0.1');
      const staged = fs.readlinkSync(link);
      assert.ok(staged.startsWith(server.root), `staged folder ${staged} lives in the throwaway root`);
      assert.deepEqual(fs.readdirSync(staged).sort(), ['extension.js', 'package.json']);
      assert.equal(fs.readFileSync(path.join(server.workspaceFolder, 'hello.txt'), 'utf8'), 'hi\n');
      assert.ok(server.homeDir.startsWith(server.root));
      const settings = JSON.parse(fs.readFileSync(path.join(server.userDataDir, 'User', 'settings.json'), 'utf8')) as Record<string, unknown>;
      assert.equal(settings['workbench.startupEditor'], 'none');
    } finally {
      await server.stop();
    }
    assert.equal(groupAlive(server.pid), false);
    assert.equal(fs.existsSync(server.root), false);
    // stop() is idempotent
    await server.stop();
  });

  test('refuses an extension folder whose main file is not built, naming the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kl-e2e-fixture-'));
    const leftovers = (): string[] => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('kl-e2e-unbuilt-'));
    const before = leftovers();
    try {
      fs.writeFileSync(
        path.join(dir, 'package.json'),
        JSON.stringify({ publisher: 'p', name: 'n', version: '1.0.0', main: './out/extension.js', engines: { vscode: '^1.90.0' } }),
      );
      await assert.rejects(startCodeServer({ name: 'unbuilt', extensions: [dir] }), /out\/extension\.js does not exist/);
      assert.deepEqual(leftovers(), before, 'the throwaway root is removed when start-up fails');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
