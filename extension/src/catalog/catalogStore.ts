import type { CatalogChangedParams, CatalogEntry } from '../protocol';
import { Emitter, type Disposable } from '../sidecar/events';

/**
 * The extension's copy of the sidecar's cluster catalog: the one place the Clusters tree (and later the commands that
 * act on a cluster) read entries from. It holds nothing the sidecar cannot send again: every session starts with a
 * full `load`, and `catalog/changed` diffs keep it current in between.
 */
export class CatalogStore implements Disposable {
  /** Insertion order is the sidecar's source order for a full list; entries added later by a diff come last. */
  private byId = new Map<string, CatalogEntry>();
  /** Diffs that arrived while a load was in flight, replayed over its answer (see `load`). */
  private pending: CatalogChangedParams[] | undefined;
  private generation = 0;
  private readonly emitter = new Emitter<void>();

  /** Fires after every change of the entries, once per list or diff. */
  readonly onDidChange = this.emitter.event;

  get entries(): readonly CatalogEntry[] {
    return [...this.byId.values()];
  }

  get(id: string): CatalogEntry | undefined {
    return this.byId.get(id);
  }

  /**
   * Replaces the entries with what `fetch` answers (`catalog/list`, `catalog/refresh`…). A diff can overtake the
   * answer on the wire (the sidecar may read its snapshot, publish a newer change, then write the answer), so diffs
   * received meanwhile are applied at once and again over the answer; applying a diff twice is harmless (upserts and
   * deletes by id), losing one is not. When loads overlap, only the latest one's answer is used.
   */
  async load(fetch: () => Promise<readonly CatalogEntry[]>): Promise<void> {
    const generation = ++this.generation;
    this.pending ??= [];
    try {
      const entries = await fetch();
      if (generation !== this.generation) {
        return;
      }
      const replay = this.pending;
      this.pending = undefined;
      this.byId = new Map(entries.map((entry) => [entry.id, entry]));
      for (const change of replay) {
        this.applyQuietly(change);
      }
      this.emitter.fire();
    } catch (error) {
      if (generation === this.generation) {
        this.pending = undefined;
      }
      throw error;
    }
  }

  /** A `catalog/changed` diff: added and updated entries are upserted, removed ids deleted (unknown ids are ignored). */
  applyChange(change: CatalogChangedParams): void {
    this.pending?.push(change);
    if (this.applyQuietly(change)) {
      this.emitter.fire();
    }
  }

  /** Forgets everything, including a load in flight: for when no sidecar will answer (it crashed or is incompatible). */
  clear(): void {
    this.generation += 1;
    this.pending = undefined;
    if (this.byId.size > 0) {
      this.byId = new Map();
      this.emitter.fire();
    }
  }

  dispose(): void {
    this.emitter.dispose();
  }

  /** Returns whether anything changed, so an empty or idempotent diff does not redraw the tree. */
  private applyQuietly(change: CatalogChangedParams): boolean {
    let changed = false;
    for (const entry of [...change.added, ...change.updated]) {
      // Map.set keeps an existing key's position, so an update does not move the entry.
      changed ||= this.byId.get(entry.id) !== entry;
      this.byId.set(entry.id, entry);
    }
    for (const id of change.removed) {
      changed = this.byId.delete(id) || changed;
    }
    return changed;
  }
}
