/**
 * Sync figures: how many saved papers fit in the browser's sync space, the bytes they take, and
 * what one sync costs at 100, 1,000 and 10,000 saved papers (the reading-list bench's synthetic
 * papers: about a third with a note, a tenth starred). Two devices on one in-memory sync area;
 * fake-indexeddb in Node, so times are indicative of a browser's only.
 */
import 'fake-indexeddb/auto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { restoreSaved, updateSaved } from '../../lib/db/readingList';
import { LanternDB } from '../../lib/db/schema';
import { dexieSyncLocal } from '../../lib/sync/dexieStore';
import { syncOnce, type SyncArea } from '../../lib/sync/engine';
import { syntheticItems } from './readinglist';

const SIZES = [100, 1_000, 10_000];

function memoryArea(): SyncArea & { writes: number } {
  let store: Record<string, string> = {};
  const area = {
    writes: 0,
    get: async () => Object.fromEntries(Object.entries(store).map(([key, json]) => [key, JSON.parse(json) as unknown])),
    set: async (items: Record<string, unknown>) => {
      area.writes++;
      store = { ...store, ...Object.fromEntries(Object.entries(items).map(([key, value]) => [key, JSON.stringify(value)])) };
    },
    remove: async (keys: string[]) => {
      area.writes++;
      store = Object.fromEntries(Object.entries(store).filter(([key]) => !keys.includes(key)));
    },
  };
  return area;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

function row(label: string, value: string, extra = ''): void {
  console.log(`  ${label.padEnd(44)} ${value.padStart(10)}  ${extra}`);
}

export async function run(): Promise<void> {
  console.log('\n== sync (storage.sync) == two devices on one sync area; fake-indexeddb in Node, so times are indicative only');
  console.log(`   load average ${loadavg().map((load) => load.toFixed(1)).join(' ')} on ${cpus().length} cores`);
  for (const size of SIZES) {
    const items = syntheticItems(size);
    const now = items[items.length - 1]!.addedAt + 60_000;
    const area = memoryArea();
    const a = new LanternDB(`bench-sync-a-${size}-${Date.now()}`);
    const b = new LanternDB(`bench-sync-b-${size}-${Date.now()}`);
    await restoreSaved(a, items);
    const [first, firstMs] = await timed(() => syncOnce(area, dexieSyncLocal(a), now));
    const [, receiveMs] = await timed(() => syncOnce(area, dexieSyncLocal(b), now + 1_000));
    const [, idleMs] = await timed(() => syncOnce(area, dexieSyncLocal(a), now + 2_000));
    // The newest starred paper: synced at every size (a tenth are starred, and starred go first).
    await updateSaved(a, items[size - 10]!.id, { status: 'read', tags: ['edited'] }, now + 3_000);
    const writesBefore = area.writes;
    const [, editMs] = await timed(() => syncOnce(area, dexieSyncLocal(a), now + 4_000));
    console.log(`${size.toLocaleString('en')} saved papers`);
    row('synced', `${first.savedSynced.toLocaleString('en')}`, `${first.notSynced.toLocaleString('en')} not synced, ${first.notesNotSynced} notes left out`);
    row('sync space used', `${(first.bytes / 1024).toFixed(1)} kB`, `${(first.bytes / Math.max(1, first.savedSynced)).toFixed(0)} bytes per synced paper`);
    row('first sync (pack and write)', ms(firstMs));
    row('second device takes them in', ms(receiveMs), `${(await b.saved.count()).toLocaleString('en')} papers written`);
    row('sync with nothing changed', ms(idleMs));
    row('sync after one edit (status, tags)', ms(editMs), `${area.writes - writesBefore} write call(s)`);
    a.close();
    b.close();
    await a.delete();
    await b.delete();
  }
}
