import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CatalogStore } from '../../../extension/src/catalog/catalogStore';
import type { CatalogEntry } from '../../../extension/src/protocol';
import { broken, entry } from '../support/catalogEntries';

const names = (store: CatalogStore): string[] => store.entries.map((e) => e.name);

/** A load whose answer the test releases, to interleave diffs with it as the wire can. */
function deferred(): { promise: Promise<readonly CatalogEntry[]>; resolve: (entries: readonly CatalogEntry[]) => void; reject: (error: Error) => void } {
  let resolve!: (entries: readonly CatalogEntry[]) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<readonly CatalogEntry[]>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

function counting(store: CatalogStore): { readonly count: number } {
  const counter = { count: 0 };
  store.onDidChange(() => (counter.count += 1));
  return counter;
}

describe('CatalogStore', () => {
  test('starts empty; a load replaces the entries, in the order given, and fires once', async () => {
    const store = new CatalogStore();
    const changes = counting(store);
    assert.deepEqual(store.entries, []);
    await store.load(() => Promise.resolve([entry('a'), entry('b')]));
    assert.deepEqual(names(store), ['a', 'b']);
    assert.equal(store.get('id-b')?.name, 'b');
    assert.equal(changes.count, 1);
  });

  test('added entries are appended, updated ones replaced in place, removed ones deleted', async () => {
    const store = new CatalogStore();
    await store.load(() => Promise.resolve([entry('a'), entry('b'), entry('c')]));
    const changes = counting(store);

    store.applyChange({ added: [entry('d')], updated: [broken('b', { code: 'missingCluster', message: 'no cluster' })], removed: ['id-a'] });
    assert.deepEqual(names(store), ['b', 'c', 'd']);
    assert.equal(store.get('id-b')?.state, 'invalid');
    assert.equal(changes.count, 1);
  });

  test('removing an unknown id is ignored and does not fire', async () => {
    const store = new CatalogStore();
    await store.load(() => Promise.resolve([entry('a')]));
    const changes = counting(store);
    store.applyChange({ added: [], updated: [], removed: ['id-nope'] });
    assert.deepEqual(names(store), ['a']);
    assert.equal(changes.count, 0);
  });

  test('an "added" entry that already exists is an update; an "updated" one that does not is an add', async () => {
    const store = new CatalogStore();
    await store.load(() => Promise.resolve([entry('a')]));
    store.applyChange({ added: [entry('a', { namespace: 'dev' })], updated: [entry('z')], removed: [] });
    assert.deepEqual(names(store), ['a', 'z']);
    assert.equal(store.get('id-a')?.namespace, 'dev');
  });

  test('a new load replaces everything: entries gone from the new list disappear (the restart case)', async () => {
    const store = new CatalogStore();
    await store.load(() => Promise.resolve([entry('old'), entry('kept')]));
    await store.load(() => Promise.resolve([entry('kept', { namespace: 'ns' }), entry('new')]));
    assert.deepEqual(names(store), ['kept', 'new']);
    assert.equal(store.get('id-kept')?.namespace, 'ns');
  });

  test('a diff that arrives while a load is in flight is applied at once and again over the answer', async () => {
    const store = new CatalogStore();
    const answer = deferred();
    const loading = store.load(() => answer.promise);
    store.applyChange({ added: [entry('late')], updated: [], removed: [] });
    assert.deepEqual(names(store), ['late'], 'shown before the answer lands');
    // The answer was read before the change was published, so it lacks it.
    answer.resolve([entry('a')]);
    await loading;
    assert.deepEqual(names(store), ['a', 'late']);
  });

  test('when loads overlap, the latest answer wins even if the older one lands last', async () => {
    const store = new CatalogStore();
    const first = deferred();
    const second = deferred();
    const loadingFirst = store.load(() => first.promise);
    const loadingSecond = store.load(() => second.promise);
    second.resolve([entry('new')]);
    await loadingSecond;
    first.resolve([entry('stale')]);
    await loadingFirst;
    assert.deepEqual(names(store), ['new']);
  });

  test('a failed load rejects and leaves the entries as they were', async () => {
    const store = new CatalogStore();
    await store.load(() => Promise.resolve([entry('a')]));
    await assert.rejects(store.load(() => Promise.reject(new Error('connection closed'))), /connection closed/);
    assert.deepEqual(names(store), ['a']);
  });

  test('clear empties the store, fires, and discards a load in flight', async () => {
    const store = new CatalogStore();
    await store.load(() => Promise.resolve([entry('a')]));
    const changes = counting(store);
    const answer = deferred();
    const loading = store.load(() => answer.promise);
    store.clear();
    assert.deepEqual(store.entries, []);
    answer.resolve([entry('from a dead session')]);
    await loading;
    assert.deepEqual(store.entries, []);
    assert.equal(changes.count, 1);
  });
});
