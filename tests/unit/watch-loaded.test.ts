import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { LanternDB } from '../../lib/db/schema';
import { watchLoaded } from '../../lib/db/watchLoaded';

const settings = (db: LanternDB) => db.kv.get('setting').then((row) => row?.value);

describe('a live query over a database loaded on first use', () => {
  it('gives the query result once loaded, and again when what it read changes', async () => {
    const db = new LanternDB('watch-loaded-live');
    await db.kv.put({ key: 'setting', value: 1 });
    const seen: unknown[] = [];
    const stop = watchLoaded(async () => ({ db, liveQuery }), ({ db: loaded }) => settings(loaded), (value) => seen.push(value), (e) => {
      throw e;
    });
    await vi.waitFor(() => expect(seen).toEqual([1]));
    await db.kv.put({ key: 'setting', value: 2 });
    await vi.waitFor(() => expect(seen).toEqual([1, 2]));
    stop();
    await db.kv.put({ key: 'setting', value: 3 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual([1, 2]);
    db.close();
  });

  it('never runs the query when stopped before the load is done', async () => {
    const db = new LanternDB('watch-loaded-stopped');
    let loaded!: () => void;
    const load = new Promise<void>((resolve) => (loaded = resolve)).then(() => ({ db, liveQuery }));
    const query = vi.fn(({ db: d }: { db: LanternDB }) => settings(d));
    const next = vi.fn();
    const stop = watchLoaded(() => load, query, next, next);
    stop();
    loaded();
    await load;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(query).not.toHaveBeenCalled();
    expect(next).not.toHaveBeenCalled();
    db.close();
  });

  it('reports a failed load as an error', async () => {
    const failure = new Error('chunk not loaded');
    const errors: unknown[] = [];
    watchLoaded(() => Promise.reject(failure), async () => 1, () => errors.push('value'), (e) => errors.push(e));
    await vi.waitFor(() => expect(errors).toEqual([failure]));
  });
});
