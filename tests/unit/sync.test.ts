/**
 * Sync of the reading list, with two (or three) simulated devices sharing one sync area. The
 * area keeps the browser's documented limits (total bytes, bytes per item, items, writes per
 * minute and per hour) and refuses a write beyond them with the browser's own error text; it
 * tells every device of a change, as storage.onChanged does for area "sync".
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { listRemoved, removeSaved, restoreRemoved, savePaper, savedPaperFromPaper, updateSaved } from '../../lib/db/readingList';
import { LanternDB } from '../../lib/db/schema';
import { paperById, seedFromSnapshot } from '../../lib/db/catalog';
import bundled from '../../assets/catalog.json';
import { dexieSyncLocal } from '../../lib/sync/dexieStore';
import { isSaved, JOINED_NOTE_SEPARATOR, localDoc, mergeDocs, REMOVAL_KEPT_MS, withCurrentTitleIds, type SyncDoc } from '../../lib/sync/doc';
import { scheduleSync, syncOnce, type SyncArea, type SyncClock, type SyncStatus } from '../../lib/sync/engine';
import { DEFAULT_PACK_LIMITS, itemBytes, packDoc, SYNC_LIMITS, unpackArea } from '../../lib/sync/pack';
import { nextWriteAt, WRITE_LIMITS } from '../../lib/sync/writeLimits';
import type { CatalogSnapshot, SavedItem, SavedPaper } from '../../lib/types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

/** A clock with timers the test moves by hand. */
class ManualClock implements SyncClock {
  private timers = new Map<number, { at: number; run: () => void }>();
  private nextId = 1;
  constructor(public time = T0) {}
  now() {
    return this.time;
  }
  setTimeout(run: () => void, ms: number) {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, run });
    return id;
  }
  clearTimeout(handle: unknown) {
    this.timers.delete(handle as number);
  }
  /** Moves time forward to `to`, firing due timers in order and letting each sync finish. */
  async advanceTo(to: number, settle: () => Promise<void>) {
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= to).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = Math.max(this.time, due[1].at);
      due[1].run();
      await settle();
    }
    this.time = to;
  }
}

/**
 * A value as Chromium's JSON writer writes it (base/json), which its sync quota counts: "<", U+2028
 * and U+2029 escaped, numbers outside 32-bit integers as doubles (".0" below 10^12, else an exponent).
 */
const chromiumJson = (value: unknown): string => {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || (value >= -(2 ** 31) && value < 2 ** 31)) return String(value);
    return Math.abs(value) < 1e12 ? `${value}.0` : value.toExponential();
  }
  if (typeof value === 'string') return JSON.stringify(value).replace(/[<\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
  if (Array.isArray(value)) return `[${value.map(chromiumJson).join(',')}]`;
  if (value && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${chromiumJson(k)}:${chromiumJson(v)}`).join(',')}}`;
  return JSON.stringify(value);
};

/** Bytes of one item as Chromium's sync quota counts them. */
const chromiumBytes = (key: string, value: unknown): number => new TextEncoder().encode(key + chromiumJson(value)).length;

/** One browser's storage.sync as the sync servers keep it in step: one store for every device. */
class FakeSyncArea {
  private store = new Map<string, string>();
  private writeTimes: number[] = [];
  readonly listeners = new Set<(changed: string[]) => void>();
  writeCalls = 0;
  /** Times of every accepted write. */
  readonly log: number[] = [];
  refused: string[] = [];
  /** Makes the next writes fail with this message. */
  failNext: string[] = [];

  constructor(private readonly clock: { now(): number }) {}

  items(): Record<string, unknown> {
    return Object.fromEntries([...this.store].map(([key, json]) => [key, JSON.parse(json) as unknown]));
  }

  bytes(): number {
    let total = 0;
    for (const [key, json] of this.store) total += chromiumBytes(key, JSON.parse(json));
    return total;
  }

  private countWrite() {
    const now = this.clock.now();
    this.writeTimes = this.writeTimes.filter((at) => at > now - HOUR);
    const refuse = (message: string) => {
      this.refused.push(message);
      throw new Error(message);
    };
    if (this.writeTimes.filter((at) => at > now - MINUTE).length >= SYNC_LIMITS.MAX_WRITE_OPERATIONS_PER_MINUTE)
      refuse('This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.');
    if (this.writeTimes.length >= SYNC_LIMITS.MAX_WRITE_OPERATIONS_PER_HOUR) refuse('This request exceeds the MAX_WRITE_OPERATIONS_PER_HOUR quota.');
    const fail = this.failNext.shift();
    if (fail) refuse(fail);
    this.writeTimes.push(now);
    this.log.push(now);
    this.writeCalls++;
  }

  private commit(next: Map<string, string>, changed: string[]) {
    let total = 0;
    for (const [key, json] of next) {
      const size = chromiumBytes(key, JSON.parse(json));
      if (size > SYNC_LIMITS.QUOTA_BYTES_PER_ITEM) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
      total += size;
    }
    if (total > SYNC_LIMITS.QUOTA_BYTES) throw new Error('QUOTA_BYTES quota exceeded');
    if (next.size > SYNC_LIMITS.MAX_ITEMS) throw new Error('MAX_ITEMS quota exceeded');
    this.store = next;
    for (const listener of this.listeners) listener(changed);
  }

  /** What a device sees: the SyncArea calls. */
  view(): SyncArea {
    return {
      get: async () => this.items(),
      set: async (items) => {
        this.countWrite();
        const next = new Map(this.store);
        for (const [key, value] of Object.entries(items)) next.set(key, JSON.stringify(value));
        this.commit(next, Object.keys(items));
      },
      remove: async (keys) => {
        this.countWrite();
        const next = new Map(this.store);
        for (const key of keys) next.delete(key);
        this.commit(next, keys);
      },
    };
  }

  /** Writes as another device (or a damaged one) would, outside the limits' count. */
  put(items: Record<string, unknown>) {
    for (const [key, value] of Object.entries(items)) this.store.set(key, JSON.stringify(value));
    for (const listener of this.listeners) listener(Object.keys(items));
  }
}

let dbCount = 0;
const opened: LanternDB[] = [];

class Device {
  readonly db = new LanternDB(`sync-device-${++dbCount}`);
  readonly local = dexieSyncLocal(this.db);
  constructor(readonly area: FakeSyncArea) {
    opened.push(this.db);
  }
  sync(now: number): Promise<SyncStatus> {
    return syncOnce(this.area.view(), this.local, now);
  }
  async saved(): Promise<Map<string, SavedItem>> {
    return new Map((await this.db.saved.toArray()).map((item) => [item.id, item]));
  }
}

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

function paper(n: number, extra: Partial<SavedPaper> = {}): SavedPaper {
  const id = `arxiv:2401.${String(n).padStart(5, '0')}`;
  return {
    id,
    title: `A study of clinical language models, part ${n}`,
    authors: 'Harsha Nori, Yin Tat Lee et al.',
    authorList: { names: [{ family: 'Nori', given: 'Harsha' }, { family: 'Lee', given: 'Yin Tat' }], etAl: true },
    venue: 'arXiv',
    year: 2024,
    month: 1,
    categories: ['Evaluation › Benchmarks'],
    links: [{ kind: 'paper', url: `https://arxiv.org/abs/2401.${String(n).padStart(5, '0')}`, label: 'paper' }],
    ids: { arxiv: `2401.${String(n).padStart(5, '0')}`, repos: [] },
    titleKey: `a study of clinical language models part ${n}`,
    url: `https://arxiv.org/abs/2401.${String(n).padStart(5, '0')}`,
    ...extra,
  };
}

const two = () => {
  const clock = { now: () => T0 };
  const area = new FakeSyncArea(clock);
  return { area, a: new Device(area), b: new Device(area) };
};

describe('two devices sharing one sync area', () => {
  it('a paper saved on one device appears on the other, with its status, tags, star and note', async () => {
    const { area, a, b } = two();
    await savePaper(a.db, paper(1), T0);
    await updateSaved(a.db, paper(1).id, { status: 'reading', tags: ['cardiology'], note: 'Read section 4', starred: true }, T0 + 1000);
    const status = await a.sync(T0 + 2000);
    expect(status).toMatchObject({ savedTotal: 1, savedSynced: 1, notSynced: 0 });
    expect(area.writeCalls).toBe(1);
    await b.sync(T0 + 3000);
    const got = (await b.saved()).get(paper(1).id)!;
    expect(got).toMatchObject({ status: 'reading', tags: ['cardiology'], note: 'Read section 4', starred: true, addedAt: T0 });
    expect(got.paper).toMatchObject({ title: paper(1).title, venue: 'arXiv', year: 2024, url: paper(1).url, ids: { arxiv: '2401.00001' } });
    expect(got.paper.authorList.names[0]).toEqual({ family: 'Nori', given: 'Harsha' });
  });

  it('a listed paper new on the other device takes its list’s record there, with the full author list the first device’s page gave', async () => {
    const { a, b } = two();
    await seedFromSnapshot(b.db, bundled as unknown as CatalogSnapshot, T0);
    const listed = (await paperById(b.db, 'arxiv:2311.16452'))!;
    expect(listed.authorList).toEqual({ names: [{ family: 'Nori', given: 'Harsha' }], etAl: true });
    // Saved on the first device from its arXiv page (lib/page/pageAuthors.ts), which has no list.
    const fromPage = { ...savedPaperFromPaper(listed), categories: [], authorList: { names: [{ family: 'Nori', given: 'Harsha' }, { family: 'Lee', given: 'Yin Tat' }], etAl: false } };
    await savePaper(a.db, fromPage, T0);
    await a.sync(T0 + 1000);
    await b.sync(T0 + 2000);
    const got = (await b.saved()).get(listed.id)!.paper;
    expect(got.categories).toEqual(listed.categories);
    expect(got.authorList).toEqual(fromPage.authorList);
  });

  it('settles: syncing again on either device writes nothing', async () => {
    const { area, a, b } = two();
    for (let n = 1; n <= 5; n++) await savePaper(a.db, paper(n), T0 + n);
    await savePaper(b.db, paper(9), T0 + 9);
    await a.sync(T0 + 100);
    await b.sync(T0 + 200);
    await a.sync(T0 + 300);
    const writes = area.writeCalls;
    await b.sync(T0 + 400);
    await a.sync(T0 + 500);
    expect(area.writeCalls).toBe(writes);
    expect([...(await a.saved()).keys()].sort()).toEqual([...(await b.saved()).keys()].sort());
    expect((await a.saved()).size).toBe(6);
  });

  it('the same paper edited on both devices: each field takes its latest change', async () => {
    const { a, b } = two();
    await savePaper(a.db, paper(1), T0);
    await a.sync(T0 + 10);
    await b.sync(T0 + 20);
    // Offline from each other: A writes a note and later stars it; B changes the note after A did, and the status.
    await updateSaved(a.db, paper(1).id, { note: 'note from A' }, T0 + 1_000);
    await updateSaved(b.db, paper(1).id, { note: 'note from B' }, T0 + 2_000);
    await updateSaved(b.db, paper(1).id, { status: 'read' }, T0 + 2_500);
    await updateSaved(a.db, paper(1).id, { starred: true, tags: ['a-tag'] }, T0 + 3_000);
    await a.sync(T0 + 4_000);
    await b.sync(T0 + 5_000);
    await a.sync(T0 + 6_000);
    for (const device of [a, b]) {
      expect((await device.saved()).get(paper(1).id)).toMatchObject({ note: 'note from B', status: 'read', starred: true, tags: ['a-tag'] });
    }
  });

  it('a removal on one device removes the paper on the other, which can still restore it', async () => {
    const { a, b } = two();
    await savePaper(a.db, paper(1), T0);
    await savePaper(a.db, paper(2), T0);
    await a.sync(T0 + 10);
    await b.sync(T0 + 20);
    await removeSaved(a.db, [paper(1).id], T0 + 1_000);
    await a.sync(T0 + 2_000);
    await b.sync(T0 + 3_000);
    expect([...(await b.saved()).keys()]).toEqual([paper(2).id]);
    // Not destroyed: it waits in "Recently removed", with the removing device's time.
    expect((await listRemoved(b.db, T0 + 3_000)).map((row) => [row.id, row.removedAt])).toEqual([[paper(1).id, T0 + 1_000]]);
    // Restored on B, it comes back on A too.
    await restoreRemoved(b.db, [paper(1).id]);
    await b.sync(T0 + 4_000);
    await a.sync(T0 + 5_000);
    expect((await a.saved()).has(paper(1).id)).toBe(true);
  });

  it('a device offline for a week does not bring back a paper removed meanwhile, and its own edits still arrive', async () => {
    const { a, b } = two();
    for (let n = 1; n <= 3; n++) await savePaper(a.db, paper(n), T0);
    await a.sync(T0 + 10);
    await b.sync(T0 + 20);
    // B goes offline. A removes paper 1 and edits paper 2.
    await removeSaved(a.db, [paper(1).id], T0 + DAY);
    await updateSaved(a.db, paper(2).id, { status: 'read' }, T0 + DAY);
    await a.sync(T0 + DAY + 10);
    // Offline, B edits paper 1 (which A removed) and paper 3.
    await updateSaved(b.db, paper(1).id, { tags: ['keep?'] }, T0 + 2 * DAY);
    await updateSaved(b.db, paper(3).id, { note: 'written offline' }, T0 + 3 * DAY);
    // A week later B is back.
    await b.sync(T0 + 7 * DAY);
    await a.sync(T0 + 7 * DAY + 10);
    for (const device of [a, b]) {
      const saved = await device.saved();
      expect([...saved.keys()].sort()).toEqual([paper(2).id, paper(3).id]);
      expect(saved.get(paper(2).id)!.status).toBe('read');
      expect(saved.get(paper(3).id)!.note).toBe('written offline');
    }
    // B's offline edit is not lost: the removed copy holds it.
    expect((await b.db.removed.get(paper(1).id))!.item.tags).toEqual(['keep?']);
  });

  it('a stale device that never saw the removal does not resurrect the paper (three devices)', async () => {
    const { area, a, b } = two();
    const c = new Device(area);
    await savePaper(a.db, paper(1), T0);
    await a.sync(T0 + 10);
    await b.sync(T0 + 20);
    await c.sync(T0 + 30);
    await removeSaved(b.db, [paper(1).id], T0 + DAY);
    await b.sync(T0 + DAY + 10);
    // C was off all along and syncs with its old copy; A after it.
    await c.sync(T0 + 8 * DAY);
    await a.sync(T0 + 8 * DAY + 10);
    for (const device of [a, b, c]) expect((await device.saved()).has(paper(1).id)).toBe(false);
  });

  it('saving a paper again after its removal brings it back everywhere', async () => {
    const { a, b } = two();
    await savePaper(a.db, paper(1), T0);
    await a.sync(T0 + 10);
    await b.sync(T0 + 20);
    await removeSaved(a.db, [paper(1).id], T0 + 1_000);
    await a.sync(T0 + 2_000);
    await b.sync(T0 + 3_000);
    await savePaper(b.db, paper(1), T0 + 4_000);
    await b.sync(T0 + 5_000);
    await a.sync(T0 + 6_000);
    expect((await a.saved()).has(paper(1).id)).toBe(true);
  });

  it('clearing the reading list on one device removes its papers on the other, recoverably', async () => {
    const { a, b } = two();
    for (let n = 1; n <= 3; n++) await savePaper(a.db, paper(n), T0);
    await a.sync(T0 + 10);
    await b.sync(T0 + 20);
    await a.db.saved.clear();
    await a.sync(T0 + 1_000);
    await b.sync(T0 + 2_000);
    expect((await b.saved()).size).toBe(0);
    expect(await b.db.removed.count()).toBe(3);
  });
});

describe('a device of an older Lantern, whose title keys kept "ß"', () => {
  const oldId = 'title:die straße zur diagnose';
  const newId = 'title:die strasse zur diagnose';
  const titled = (id: string): SavedPaper => ({
    ...paper(1, { id, title: 'Die Straße zur Diagnose', titleKey: id.slice('title:'.length), ids: { repos: [] }, links: [] }),
    url: undefined,
  });
  /** The sync area as the older device left it: the paper saved under its old id, with a note and a tag. */
  const olderDevice = (): SyncDoc =>
    new Map([[oldId, { id: oldId, savedAt: T0, addedAt: T0, paper: titled(oldId), fields: { note: ['from the older device', T0 + 5], tags: [['german'], T0 + 5] } }]]);

  it('is read under today’s id: one paper here, holding its note and tags, and the old id removed in the area', async () => {
    const { area, a } = two();
    await savePaper(a.db, titled(newId), T0 + 1);
    await updateSaved(a.db, newId, { status: 'reading' }, T0 + 2);
    area.put(packDoc(olderDevice(), DEFAULT_PACK_LIMITS).items);
    await a.sync(T0 + 100);
    const saved = await a.saved();
    expect([...saved.keys()]).toEqual([newId]);
    expect(saved.get(newId)).toMatchObject({ status: 'reading', note: 'from the older device', tags: ['german'] });
    const doc = unpackArea(area.items()).doc;
    expect(isSaved(doc.get(newId)!)).toBe(true);
    expect(doc.get(oldId)).toMatchObject({ removedAt: T0 + 100 });
  });

  it('the older device then holds the paper once, under today’s id, its own copy recoverable; nothing more is written', async () => {
    const { area, a, b } = two();
    await savePaper(a.db, titled(newId), T0 + 1);
    // B stands for the older device: its reading list holds the old id, and so does the area.
    await b.db.saved.put({ id: oldId, paper: titled(oldId), status: 'to-read', statusChangedAt: T0, tags: ['german'], note: 'from the older device', starred: false, addedAt: T0, updatedAt: T0 + 5 });
    await b.sync(T0 + 10);
    await a.sync(T0 + 100);
    await b.sync(T0 + 200);
    expect([...(await b.saved()).keys()]).toEqual([newId]);
    expect((await b.saved()).get(newId)).toMatchObject({ note: 'from the older device', tags: ['german'] });
    expect((await listRemoved(b.db, T0 + 200)).map((row) => row.id)).toEqual([oldId]);
    const writes = area.writeCalls;
    await a.sync(T0 + 300);
    await b.sync(T0 + 400);
    expect(area.writeCalls).toBe(writes);
  });

  it('keeps both devices’ notes and tags when each wrote its own copy, whichever wrote last', async () => {
    const { area, a } = two();
    await savePaper(a.db, titled(newId), T0 + 1);
    await updateSaved(a.db, newId, { note: 'typed on this device', tags: ['mine', 'German'] }, T0 + 3);
    area.put(packDoc(olderDevice(), DEFAULT_PACK_LIMITS).items);
    await a.sync(T0 + 100);
    const saved = (await a.saved()).get(newId);
    expect(saved?.note).toBe(`typed on this device${JOINED_NOTE_SEPARATOR}from the older device`);
    // United as the library unites tags: "German" and "german" are one tag.
    expect(saved?.tags).toEqual(['mine', 'German']);
    // Applied again, or on the other side of a sync, the join gives the same.
    const doc = unpackArea(area.items()).doc;
    expect(withCurrentTitleIds(doc, T0 + 200)).toEqual(doc);
  });

  it('leaves removals and today’s ids alone, and gives the same document when applied again', () => {
    const doc: SyncDoc = new Map([
      ...olderDevice(),
      ['title:œuvre', { id: 'title:œuvre', savedAt: T0, removedAt: T0 + 1, fields: {} }],
      [paper(2).id, { id: paper(2).id, savedAt: T0, fields: {} }],
    ]);
    const once = withCurrentTitleIds(doc, T0 + 50);
    expect(once.get('title:œuvre')).toEqual(doc.get('title:œuvre'));
    expect(once.has('title:oeuvre')).toBe(false);
    expect(once.get(paper(2).id)).toEqual(doc.get(paper(2).id));
    expect(once.get(newId)).toMatchObject({ id: newId, savedAt: T0, paper: { id: newId } });
    expect(withCurrentTitleIds(once, T0 + 90)).toEqual(once);
  });
});

describe('when the reading list outgrows the sync area', () => {
  it('syncs what fits, starred and newest first, reports the rest, and keeps every local paper whole', async () => {
    const { area, a, b } = two();
    const count = 900;
    const longNote = 'x'.repeat(5_000);
    for (let n = 1; n <= count; n++) await savePaper(a.db, paper(n), T0 + n * 1000);
    // The oldest paper is starred; one new paper holds a note too long for the space left.
    await updateSaved(a.db, paper(1).id, { starred: true }, T0 + 2_000_000);
    await updateSaved(a.db, paper(count).id, { note: longNote }, T0 + 2_000_000);
    const before = await a.db.saved.toArray();
    const status = await a.sync(T0 + 3_000_000);
    expect(area.refused).toEqual([]);
    expect(area.bytes()).toBeLessThanOrEqual(SYNC_LIMITS.QUOTA_BYTES);
    // Counted as Chromium counts, or a little more (digits inside strings).
    expect(status.bytes).toBeGreaterThanOrEqual(area.bytes());
    expect(status.bytes).toBeLessThan(area.bytes() * 1.01);
    expect(status.savedTotal).toBe(count);
    expect(status.savedSynced).toBeGreaterThan(200);
    expect(status.notSynced).toBe(count - status.savedSynced);
    // Nothing local changed.
    expect(await a.db.saved.toArray()).toEqual(before);
    await b.sync(T0 + 3_100_000);
    const onB = await b.saved();
    expect(onB.size).toBe(status.savedSynced);
    expect(onB.has(paper(1).id)).toBe(true);
    // The newest papers made it, the oldest (unstarred) did not.
    expect(onB.has(paper(count - 1).id)).toBe(true);
    expect(onB.has(paper(2).id)).toBe(false);
    // The long note could not go in once the space was full: reported, and kept on A.
    expect(status.notesNotSynced).toBe(1);
    expect(onB.get(paper(count).id)!.note).toBe('');
    expect((await a.saved()).get(paper(count).id)!.note).toBe(longNote);
    // B does not send an empty note back over A's.
    await a.sync(T0 + 3_200_000);
    expect((await a.saved()).get(paper(count).id)!.note).toBe(longNote);
    const writes = area.writeCalls;
    await b.sync(T0 + 3_300_000);
    await a.sync(T0 + 3_400_000);
    expect(area.writeCalls).toBe(writes);
  });

  it('a note longer than one sync item is never synced but stays local', async () => {
    const { a, b } = two();
    await savePaper(a.db, paper(1), T0);
    await updateSaved(a.db, paper(1).id, { note: 'n'.repeat(9_000) }, T0 + 1);
    const status = await a.sync(T0 + 2);
    expect(status).toMatchObject({ savedSynced: 1, notesNotSynced: 1 });
    await b.sync(T0 + 3);
    expect((await b.saved()).get(paper(1).id)!.note).toBe('');
    expect((await a.saved()).get(paper(1).id)!.note).toHaveLength(9_000);
  });

  it('the space other keys take is left to them', async () => {
    const { area, a } = two();
    for (let i = 0; i < 10; i++) area.put({ [`other${i}`]: 'y'.repeat(6_000) });
    for (let n = 1; n <= 400; n++) await savePaper(a.db, paper(n), T0 + n);
    const status = await a.sync(T0 + 10_000);
    expect(area.refused).toEqual([]);
    expect(status.problem).toBeUndefined();
    expect(status.bytes).toBeLessThanOrEqual(SYNC_LIMITS.QUOTA_BYTES - 60_000);
    expect(status.bytes).toBeGreaterThan(30_000);
    expect(status.notSynced).toBeGreaterThan(0);
  });

  it('a quota error from the browser is told in plain words and changes nothing local', async () => {
    const { area, a } = two();
    await savePaper(a.db, paper(1), T0);
    area.failNext.push('QUOTA_BYTES quota exceeded');
    const before = await a.db.saved.toArray();
    const status = await a.sync(T0 + 10);
    expect(status.problem).toMatch(/sync space is fuller than Lantern expected.*kept in this browser/);
    expect(await a.db.saved.toArray()).toEqual(before);
    // Next time it goes through.
    const again = await a.sync(T0 + 20);
    expect(again.problem).toBeUndefined();
    expect(unpackArea(area.items()).doc.has(paper(1).id)).toBe(true);
  });
});

describe('write limits and change events', () => {
  it('a burst of edits becomes one write after the changes stop', async () => {
    const clock = new ManualClock();
    const area = new FakeSyncArea(clock);
    const a = new Device(area);
    const statuses: SyncStatus[] = [];
    const scheduler = scheduleSync((now) => syncOnce(area.view(), a.local, now), clock, (s) => statuses.push(s), (e) => {
      throw e;
    });
    await savePaper(a.db, paper(1), clock.now());
    for (let i = 0; i < 10; i++) {
      await updateSaved(a.db, paper(1).id, { note: `draft ${i}` }, clock.now());
      scheduler.changed();
      await clock.advanceTo(clock.now() + 500, () => scheduler.idle());
    }
    expect(area.writeCalls).toBe(0);
    await clock.advanceTo(clock.now() + 10_000, () => scheduler.idle());
    expect(area.writeCalls).toBe(1);
    expect(unpackArea(area.items()).doc.get(paper(1).id)!.fields.note![0]).toBe('draft 9');
    scheduler.stop();
  });

  it('a change on one device reaches the other through the area’s change event', async () => {
    const clock = new ManualClock();
    const area = new FakeSyncArea(clock);
    const a = new Device(area);
    const b = new Device(area);
    const onError = (e: unknown) => {
      throw e;
    };
    const schedA = scheduleSync((now) => syncOnce(area.view(), a.local, now), clock, () => undefined, onError);
    const schedB = scheduleSync((now) => syncOnce(area.view(), b.local, now), clock, () => undefined, onError);
    // B listens as the background listens to storage.onChanged for area "sync".
    area.listeners.add(() => schedB.changed(1_000));
    await savePaper(a.db, paper(7), clock.now());
    schedA.changed();
    const idle = async () => {
      await schedA.idle();
      await schedB.idle();
    };
    await clock.advanceTo(clock.now() + 20_000, idle);
    expect((await b.saved()).has(paper(7).id)).toBe(true);
    schedA.stop();
    schedB.stop();
  });

  it('keeps to half the browser’s write limits, and writes what waited once it may', async () => {
    const clock = new ManualClock();
    const area = new FakeSyncArea(clock);
    const a = new Device(area);
    const statuses: SyncStatus[] = [];
    const scheduler = scheduleSync((now) => syncOnce(area.view(), a.local, now), clock, (s) => statuses.push(s), (e) => {
      throw e;
    });
    await savePaper(a.db, paper(1), clock.now());
    // A change every half second for 5 minutes, each asking to sync at once.
    for (let i = 0; i < 600; i++) {
      await updateSaved(a.db, paper(1).id, { note: `edit ${i}` }, clock.now());
      scheduler.changed(0);
      await clock.advanceTo(clock.now() + 500, () => scheduler.idle());
    }
    expect(area.refused).toEqual([]);
    const busiestMinute = Math.max(...area.log.map((at) => area.log.filter((t) => t >= at && t < at + MINUTE).length));
    expect(busiestMinute).toBe(WRITE_LIMITS.perMinute);
    expect(area.writeCalls).toBeGreaterThanOrEqual(4 * WRITE_LIMITS.perMinute);
    expect(statuses.some((s) => s.waitingUntil !== undefined)).toBe(true);
    await clock.advanceTo(clock.now() + 2 * MINUTE, () => scheduler.idle());
    expect(unpackArea(area.items()).doc.get(paper(1).id)!.fields.note![0]).toBe('edit 599');
    scheduler.stop();
  });

  it('a write the browser refuses for its write limit waits out the window', async () => {
    const { area, a } = two();
    await savePaper(a.db, paper(1), T0);
    area.failNext.push('This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.');
    const status = await a.sync(T0 + 10);
    expect(status.waitingUntil).toBe(T0 + 10 + MINUTE);
    expect(status.problem).toBeUndefined();
    const early = await a.sync(T0 + 20_000);
    expect(early.waitingUntil).toBe(T0 + 10 + MINUTE);
    expect(unpackArea(area.items()).doc.size).toBe(0);
    await a.sync(T0 + 10 + MINUTE);
    expect(unpackArea(area.items()).doc.has(paper(1).id)).toBe(true);
  });

  it('nextWriteAt counts both windows', () => {
    const perMinute = Array.from({ length: WRITE_LIMITS.perMinute }, (_, i) => T0 + i * 100);
    expect(nextWriteAt(perMinute, T0 + 10_000)).toBe(T0 + MINUTE);
    expect(nextWriteAt(perMinute.slice(1), T0 + 10_000)).toBe(T0 + 10_000);
    const perHour = Array.from({ length: WRITE_LIMITS.perHour }, (_, i) => T0 + i * 3_000);
    const now = T0 + WRITE_LIMITS.perHour * 3_000;
    expect(nextWriteAt(perHour, now)).toBe(T0 + HOUR);
  });
});

describe('what another device wrote is read as untrusted', () => {
  it('skips damaged entries and keeps the rest', async () => {
    const { area, b } = two();
    const good = packDoc(new Map([[paper(1).id, { id: paper(1).id, savedAt: T0, addedAt: T0, paper: paper(1), fields: { status: ['read', T0] as const } }]])).items.rl0!;
    area.put({
      rl0: { v: 1, r: [...good.r, { i: 'arxiv:2', s: 'soon' }, { i: 'x'.repeat(1000), s: 1 }, { i: 'arxiv:3', s: T0, p: { t: '<img src=x onerror=alert(1)>', u: 'javascript:alert(1)' }, f: { s: [9, 0] } }] },
      rl1: 'not a chunk',
    });
    const unpacked = unpackArea(area.items());
    expect(unpacked.unreadable).toBe(3);
    await b.sync(T0 + 10);
    const saved = await b.saved();
    expect(saved.get(paper(1).id)!.status).toBe('read');
    // The title is text (never markup), the javascript: address is dropped, the unknown status ignored.
    const odd = saved.get('arxiv:3')!;
    expect(odd.paper.links).toEqual([]);
    expect(odd.paper.url).toBeUndefined();
    expect(odd.status).toBe('to-read');
  });

  it('cleans the tags another device sends as every other writer does: no empty tags, no case repeats', async () => {
    const { area, b } = two();
    const sent = packDoc(new Map([[paper(1).id, { id: paper(1).id, savedAt: T0, addedAt: T0, paper: paper(1), fields: { tags: [['', '  ', 'dup', 'DUP', ' spaced  out '], T0] as const } }]])).items;
    area.put(sent);
    await b.sync(T0 + 10);
    expect((await b.saved()).get(paper(1).id)!.tags).toEqual(['dup', 'spaced out']);
  });

  it('leaves chunks of a newer format alone and says so', async () => {
    const { area, a } = two();
    area.put({ rl0: { v: 2, r: [] } });
    await savePaper(a.db, paper(1), T0);
    const status = await a.sync(T0 + 10);
    expect(status.problem).toMatch(/newer version of Lantern/);
    expect(area.items()).toEqual({ rl0: { v: 2, r: [] } });
    expect((await a.saved()).size).toBe(1);
  });
});

describe('the merge rules', () => {
  const entry = (id: string, savedAt: number, removedAt?: number) => ({ id, savedAt, ...(removedAt !== undefined && { removedAt }), fields: {} });

  it('is the same whichever order devices merge in', () => {
    const x: SyncDoc = new Map([['p', { ...entry('p', 5), fields: { note: ['x', 7] as const, starred: [true, 3] as const } }]]);
    const y: SyncDoc = new Map([['p', { ...entry('p', 4), fields: { note: ['y', 7] as const, starred: [false, 9] as const } }]]);
    const z: SyncDoc = new Map([['p', entry('p', 0, 6)]]);
    const one = mergeDocs(mergeDocs(x, y), z);
    const other = mergeDocs(z, mergeDocs(y, x));
    expect(JSON.stringify([...one])).toBe(JSON.stringify([...other]));
    expect(isSaved(one.get('p')!)).toBe(false);
    expect(one.get('p')!.fields).toEqual({ note: ['y', 7], starred: [false, 9] });
  });

  it('forgets removals after REMOVAL_KEPT_MS, not before', () => {
    const base: SyncDoc = new Map([['p', entry('p', 1, T0)]]);
    expect(localDoc(base, [], [], T0 + REMOVAL_KEPT_MS).has('p')).toBe(true);
    expect(localDoc(base, [], [], T0 + REMOVAL_KEPT_MS + 1).has('p')).toBe(false);
  });

  it('packs within one item’s bytes per chunk and the same document the same way', () => {
    const doc: SyncDoc = new Map();
    for (let n = 1; n <= 300; n++) doc.set(paper(n).id, { id: paper(n).id, savedAt: T0 + n, addedAt: T0 + n, paper: paper(n), fields: { tags: [['t'], T0] as const } });
    const first = packDoc(doc);
    for (const [key, value] of Object.entries(first.items)) expect(itemBytes(key, value)).toBeLessThanOrEqual(DEFAULT_PACK_LIMITS.itemBytes);
    const reversed = new Map([...doc].reverse());
    expect(JSON.stringify(packDoc(reversed).items)).toBe(JSON.stringify(first.items));
    expect(unpackArea(first.items).doc.size).toBe(first.report.savedSynced);
  });

  it('counts bytes as Chromium does (its JSON writer escapes "<" and writes long numbers as doubles): full chunks still fit', () => {
    expect(chromiumJson([1764720012345, 9999999999, 7, 'a<b'])).toBe('[1.764720012345e+12,9999999999.0,7,"a\\u003Cb"]');
    const noted = (n: number) => `p < 0.05 in <65 y\u2028`.repeat(100 + n);
    for (const withNotes of [false, true]) {
      const doc: SyncDoc = new Map();
      for (let n = 1; n <= (withNotes ? 40 : 300); n++) {
        const at = Date.UTC(2025, 11, 2) + n * 1_234_567;
        doc.set(paper(n).id, { id: paper(n).id, savedAt: at, addedAt: at - 86_400_123, paper: paper(n), fields: withNotes ? { note: [noted(n), at + 7] as const } : { status: ['read', at + 3_000_000_001] as const } });
      }
      const packed = packDoc(doc);
      expect(Object.keys(packed.items).length).toBeGreaterThan(1);
      if (withNotes) expect(packed.report.notesNotSynced.length).toBeGreaterThan(0);
      let total = 0;
      for (const [key, value] of Object.entries(packed.items)) {
        expect(chromiumBytes(key, value)).toBeLessThanOrEqual(SYNC_LIMITS.QUOTA_BYTES_PER_ITEM);
        total += chromiumBytes(key, value);
      }
      expect(total).toBeLessThanOrEqual(SYNC_LIMITS.QUOTA_BYTES);
      expect(packed.report.bytes).toBeGreaterThanOrEqual(total);
    }
  });
});
