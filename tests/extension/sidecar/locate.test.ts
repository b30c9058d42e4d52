import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { candidatePaths, locateSidecar } from '../../../extension/src/sidecar/locate';

const root = mkdtempSync(join(tmpdir(), 'kubelink-locate-'));
after(() => rmSync(root, { recursive: true, force: true }));

let counter = 0;
/** A fresh fake extension folder holding the given files. */
function extensionWith(...files: string[]): string {
  const dir = join(root, `ext${counter++}`);
  mkdirSync(dir, { recursive: true });
  for (const file of files) {
    const path = join(dir, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, '');
    chmodSync(path, 0o755);
  }
  return dir;
}

const apphost = 'server/kubelink-sidecar';
const bundledDll = 'server/kubelink-sidecar.dll';
const devDll = 'server/Kubelink.Sidecar/bin/Debug/net10.0/kubelink-sidecar.dll';

describe('locateSidecar', () => {
  test('the setting wins, and an apphost runs directly', () => {
    const ext = extensionWith(apphost, devDll);
    const custom = join(extensionWith('custom/kubelink-sidecar'), 'custom', 'kubelink-sidecar');
    const result = locateSidecar({ settingPath: custom, extensionPath: ext, platform: 'linux' });
    assert.deepEqual(result, { found: true, launch: { command: custom, args: [], path: custom, source: 'setting' } });
  });

  test('a .dll in the setting runs with dotnet', () => {
    const dll = join(extensionWith('x/kubelink-sidecar.dll'), 'x', 'kubelink-sidecar.dll');
    const result = locateSidecar({ settingPath: dll, extensionPath: extensionWith(), platform: 'linux' });
    assert.deepEqual(result.found && result.launch, { command: 'dotnet', args: [dll], path: dll, source: 'setting' });
  });

  test('a setting that points nowhere is an error naming the path, not a silent fallback', () => {
    const ext = extensionWith(apphost);
    const missing = join(root, 'nope', 'kubelink-sidecar');
    const result = locateSidecar({ settingPath: missing, extensionPath: ext, platform: 'linux' });
    assert.equal(result.found, false);
    assert.ok(!result.found);
    assert.deepEqual(result.tried, [missing]);
    assert.match(result.message, /kubelink\.sidecar\.path/);
    assert.ok(result.message.includes(missing));
  });

  test('~ in the setting means the home folder', () => {
    const home = extensionWith('bin/kubelink-sidecar');
    const result = locateSidecar({ settingPath: '~/bin/kubelink-sidecar', extensionPath: extensionWith(), homeDir: home, platform: 'linux' });
    assert.equal(result.found && result.launch.path, join(home, 'bin', 'kubelink-sidecar'));
  });

  test('a blank setting is ignored; the bundled apphost comes before the bundled dll and the dev build', () => {
    const ext = extensionWith(apphost, bundledDll, devDll);
    const result = locateSidecar({ settingPath: '  ', extensionPath: ext, platform: 'linux' });
    assert.deepEqual(result.found && result.launch, { command: join(ext, apphost), args: [], path: join(ext, apphost), source: 'bundled' });
  });

  test('the bundled dll runs with dotnet', () => {
    const ext = extensionWith(bundledDll, devDll);
    const result = locateSidecar({ settingPath: undefined, extensionPath: ext, platform: 'linux' });
    assert.deepEqual(result.found && [result.launch.command, result.launch.source], ['dotnet', 'bundled']);
  });

  test('the dev build is found when nothing is bundled (extensionPath is the repository root)', () => {
    const ext = extensionWith(devDll);
    const result = locateSidecar({ settingPath: undefined, extensionPath: ext, platform: 'linux' });
    assert.deepEqual(result.found && result.launch, { command: 'dotnet', args: [join(ext, devDll)], path: join(ext, devDll), source: 'development' });
  });

  test('on Windows the bundled apphost is the .exe', () => {
    assert.equal(candidatePaths('/ext', 'win32')[0], join('/ext', 'server', 'kubelink-sidecar.exe'));
  });

  test('when nothing is found, the message lists every path tried and what to do', () => {
    const ext = extensionWith();
    const result = locateSidecar({ settingPath: undefined, extensionPath: ext, platform: 'linux' });
    assert.ok(!result.found);
    assert.deepEqual(result.tried, [join(ext, apphost), join(ext, bundledDll), join(ext, devDll)]);
    for (const path of result.tried) {
      assert.ok(result.message.includes(path), `message names ${path}`);
    }
    assert.match(result.message, /dotnet build server\/Kubelink\.Sidecar/);
    assert.match(result.message, /kubelink\.sidecar\.path/);
  });

  test('a folder is not a sidecar', () => {
    const ext = extensionWith();
    mkdirSync(join(ext, 'server', 'kubelink-sidecar'), { recursive: true });
    assert.equal(locateSidecar({ settingPath: undefined, extensionPath: ext, platform: 'linux' }).found, false);
  });
});
