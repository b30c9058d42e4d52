import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeSyncPaths, expandHome, samePath, shortenHome, withAddedPaths, withoutPath } from '../../../extension/src/catalog/syncPaths';

const home = '/home/me';

describe('sync paths', () => {
  test('~ expands like the sidecar does; other paths are normalised, relative ones left for the sidecar to refuse', () => {
    assert.equal(expandHome('~', home), home);
    assert.equal(expandHome('~/kube/../configs', home), '/home/me/configs');
    assert.equal(expandHome('/etc/kube', home), '/etc/kube');
    assert.equal(expandHome('relative/config', home), 'relative/config');
  });

  test('the home folder reads as ~, but only on a whole path segment', () => {
    assert.equal(shortenHome('/home/me/.kube/config', home), '~/.kube/config');
    assert.equal(shortenHome('/home/me', home), '~');
    assert.equal(shortenHome('/home/meg/config', home), '/home/meg/config');
    assert.equal(shortenHome('/srv/config', '/'), '/srv/config');
  });

  test('one path in several spellings is one path', () => {
    assert.ok(samePath('~/kube/', '/home/me/kube', home));
    assert.ok(!samePath('~/kube', '/home/me/kube2', home));
  });

  test('adding skips what is already there in any spelling and keeps the order', () => {
    assert.deepEqual(withAddedPaths(['~/kube', '/etc/a'], ['/home/me/kube', '/srv/b', '/srv/b'], home), {
      paths: ['~/kube', '/etc/a', '/srv/b'],
      duplicates: ['/home/me/kube', '/srv/b'],
    });
  });

  test('removing drops every spelling of the path', () => {
    assert.deepEqual(withoutPath(['~/kube', '/etc/a', '/home/me/kube/'], '/home/me/kube', home), ['/etc/a']);
  });

  test('describeSyncPaths expands each path and asks whether it is a folder', () => {
    const folders = new Set(['/home/me/kube']);
    assert.deepEqual(describeSyncPaths(['~/kube/', '/etc/a'], home, (p) => folders.has(p)), [
      { path: '/home/me/kube', isFolder: true },
      { path: '/etc/a', isFolder: false },
    ]);
  });
});
