import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { NotificationType, RequestType0 } from 'vscode-jsonrpc';
import { CatalogStore } from '../../../extension/src/catalog/catalogStore';
import { CatalogSync, SidecarNotRunningError, type CatalogClient, type CatalogSidecar } from '../../../extension/src/catalog/catalogSync';
import { protocolVersion, type CatalogChangedParams, type CatalogEntry } from '../../../extension/src/protocol';
import { Emitter } from '../../../extension/src/sidecar/events';
import type { SidecarState } from '../../../extension/src/sidecar/state';
import { entry } from '../support/catalogEntries';

/** One session's connection: answers `catalog/list` and `catalog/refresh` from `catalog`, and can push diffs. */
class FakeClient implements CatalogClient {
  readonly calls: string[] = [];
  private handlers: Array<(params: CatalogChangedParams) => void> = [];

  /** What the next list or refresh answers: entries, a failure, or a promise the test settles later. */
  constructor(public catalog: CatalogEntry[] | Error | Promise<CatalogEntry[]>) {}

  request0<R>(type: RequestType0<R, unknown>): Promise<R> {
    this.calls.push(type.method);
    const catalog = this.catalog;
    return catalog instanceof Error ? Promise.reject(catalog) : Promise.resolve(catalog).then((clusters) => ({ clusters }) as R);
  }

  onNotification<P>(type: NotificationType<P>, handler: (params: P) => void) {
    assert.equal(type.method, 'catalog/changed');
    const typed = handler as (params: CatalogChangedParams) => void;
    this.handlers.push(typed);
    return { dispose: () => (this.handlers = this.handlers.filter((h) => h !== typed)) };
  }

  push(change: CatalogChangedParams): void {
    this.handlers.forEach((handler) => handler(change));
  }

  get subscribers(): number {
    return this.handlers.length;
  }
}

/** The supervisor as the sync sees it: a state, its changes, and the session while ready. */
class FakeSidecar implements CatalogSidecar {
  state: SidecarState = { kind: 'stopped' };
  session: { client: FakeClient } | undefined;
  private readonly emitter = new Emitter<SidecarState>();
  readonly onDidChangeState = this.emitter.event;

  ready(client: FakeClient): void {
    this.session = { client };
    this.set({ kind: 'ready', info: { serverVersion: '0.1.0', protocolVersion, capabilities: { methods: [], processId: 1, logDirectory: '/tmp', features: [] } } });
  }

  set(state: SidecarState): void {
    if (state.kind !== 'ready') {
      this.session = undefined;
    }
    this.state = state;
    this.emitter.fire(state);
  }
}

/** Resolves after the store's next change: tests wait on events, not time. */
const nextChange = (store: CatalogStore): Promise<void> =>
  new Promise((resolve) => {
    const subscription = store.onDidChange(() => {
      subscription.dispose();
      resolve();
    });
  });

const names = (store: CatalogStore): string[] => store.entries.map((e) => e.name);

describe('CatalogSync', () => {
  test('a ready session is listed, then its catalog/changed diffs are applied', async () => {
    const store = new CatalogStore();
    const sidecar = new FakeSidecar();
    const sync = new CatalogSync(store, sidecar, (error) => assert.fail(String(error)));
    const client = new FakeClient([entry('a')]);
    const loaded = nextChange(store);
    sidecar.ready(client);
    await loaded;
    assert.deepEqual(client.calls, ['catalog/list']);
    assert.deepEqual(names(store), ['a']);

    client.push({ added: [entry('b')], updated: [], removed: ['id-a'] });
    assert.deepEqual(names(store), ['b']);
    sync.dispose();
    assert.equal(client.subscribers, 0);
  });

  test('a session already ready when the sync starts is listed at once', async () => {
    const store = new CatalogStore();
    const sidecar = new FakeSidecar();
    sidecar.ready(new FakeClient([entry('a')]));
    const loaded = nextChange(store);
    new CatalogSync(store, sidecar, () => undefined);
    await loaded;
    assert.deepEqual(names(store), ['a']);
  });

  test('after a restart the new session is listed and replaces the catalog; the old session is no longer heard', async () => {
    const store = new CatalogStore();
    const sidecar = new FakeSidecar();
    new CatalogSync(store, sidecar, (error) => assert.fail(String(error)));
    const first = new FakeClient([entry('a'), entry('gone')]);
    let loaded = nextChange(store);
    sidecar.ready(first);
    await loaded;

    sidecar.set({ kind: 'restarting', attempt: 1, delayMs: 500, reason: 'killed by SIGKILL' });
    assert.deepEqual(names(store), ['a', 'gone'], 'kept while the sidecar comes back');
    assert.equal(first.subscribers, 0);
    sidecar.set({ kind: 'starting', restart: 1 });

    const second = new FakeClient([entry('a'), entry('new')]);
    loaded = nextChange(store);
    sidecar.ready(second);
    await loaded;
    assert.deepEqual(names(store), ['a', 'new']);
    first.push({ added: [entry('zombie')], updated: [], removed: [] });
    assert.deepEqual(names(store), ['a', 'new']);
  });

  test('a sidecar that will not come back (crashed, incompatible) empties the catalog', async () => {
    const store = new CatalogStore();
    const sidecar = new FakeSidecar();
    new CatalogSync(store, sidecar, () => undefined);
    const loaded = nextChange(store);
    sidecar.ready(new FakeClient([entry('a')]));
    await loaded;
    sidecar.set({ kind: 'crashed', cause: 'gaveUp', reason: 'exit code 1', crashes: 5 });
    assert.deepEqual(store.entries, []);
  });

  test('a list cut short because its sidecar died is not reported: the supervisor already tells the user', async () => {
    const store = new CatalogStore();
    const sidecar = new FakeSidecar();
    const errors: unknown[] = [];
    new CatalogSync(store, sidecar, (error) => errors.push(error));
    let cutShort!: (error: Error) => void;
    const listing = new Promise<CatalogEntry[]>((_, reject) => (cutShort = reject));
    sidecar.ready(new FakeClient(listing));
    sidecar.set({ kind: 'restarting', attempt: 1, delayMs: 500, reason: 'exit code 1' });
    cutShort(new Error('Connection is disposed.'));
    await listing.catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve)); // let the sync's own handler run: a turn, not a delay
    assert.deepEqual(errors, []);
  });

  test('a failed list is reported once; refresh asks catalog/refresh and rejects when no sidecar runs', async () => {
    const store = new CatalogStore();
    const sidecar = new FakeSidecar();
    const errors: unknown[] = [];
    let onReported: () => void = () => undefined;
    const reported = new Promise<void>((resolve) => (onReported = resolve));
    const sync = new CatalogSync(store, sidecar, (error) => {
      errors.push(error);
      onReported();
    });
    await assert.rejects(sync.refresh(), SidecarNotRunningError);

    const client = new FakeClient(new Error('boom'));
    sidecar.ready(client);
    await reported;
    assert.match(String(errors[0]), /boom/);

    client.catalog = [entry('a')];
    await sync.refresh();
    assert.deepEqual(client.calls, ['catalog/list', 'catalog/refresh']);
    assert.deepEqual(names(store), ['a']);
    assert.equal(errors.length, 1);
  });
});
