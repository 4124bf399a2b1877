import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import snapshotJson from '../../assets/catalog.json';
import { removeList, replaceListEntries } from '../../lib/db/catalog';
import { buildKeyFilter, keyFilterKey, keyFilters, keyHash, mayHold } from '../../lib/db/keyFilter';
import { entryKeys } from '../../lib/db/layout';
import { lookupListed } from '../../lib/db/listed';
import { LanternDB } from '../../lib/db/schema';
import { titleCandidates, titleHash } from '../../lib/listing/titleScan';
import type { CatalogSnapshot } from '../../lib/types';

const snapshot = snapshotJson as unknown as CatalogSnapshot;
const LIST = { id: 'seed', name: 'Seed', sourceUrl: 'https://example.org/list.md', enabled: true, fetchedAt: 0 };

describe('buildKeyFilter', () => {
  const keys = snapshot.entries.flatMap(entryKeys);
  const filter = buildKeyFilter(keys);

  it('holds every key of the list but entry ids, sorted, each hash once', () => {
    for (const key of keys) expect(mayHold(filter, keyHash(key)), key).toBe(!key.startsWith('id:'));
    expect([...filter.hashes]).toEqual([...new Set(keys.filter((k) => !k.startsWith('id:')).map(keyHash))].sort((a, b) => a - b));
  });

  it('turns away keys that are not there (no false positive among thousands of near misses)', () => {
    const near = snapshot.entries.flatMap((e) => [`arxiv:${e.ids.arxiv ?? '0000.0000'}9`, `doi:${e.ids.doi ?? '10.1/x'}x`, `title:${e.titleKey} x`]);
    expect(near.filter((key) => mayHold(filter, keyHash(key)))).toEqual([]);
  });

  it('knows the word counts of the titles a text scan looks for', () => {
    const counts = new Set(snapshot.entries.map((e) => e.titleKey.split(' ').length).filter((n) => n >= 4));
    expect(filter.titleLengths.every((n) => counts.has(n))).toBe(true);
    expect(filter.titleLengths).toEqual([...filter.titleLengths].sort((a, b) => a - b));
  });

  it('finds a listed title inside a reference’s text as a candidate run of words', () => {
    const title = snapshot.entries.find((e) => e.titleKey.split(' ').length >= 6)!.titleKey;
    const text = `a author b author ${title} nature 620 2023 172 180`;
    expect(titleHash(title)).toBe(keyHash(`title:${title}`));
    expect(titleCandidates(text, filter.titleLengths, (hash) => mayHold(filter, hash))).toContain(title);
  });
});

describe('stored key filters', () => {
  it('are written with the list, built from the buckets when missing, and removed with the list', async () => {
    const db = new LanternDB('key-filter-test');
    await replaceListEntries(db, LIST, snapshot.entries.slice(0, 300));
    const stored = (await db.kv.get(keyFilterKey('seed')))?.value as { hashes: Uint32Array };
    expect(stored.hashes).toBeInstanceOf(Uint32Array);
    // As an older version left it: the list without a filter. The first lookup builds the same one.
    await db.kv.delete(keyFilterKey('seed'));
    const [built] = await keyFilters(db, ['seed']);
    expect([...built!.hashes]).toEqual([...stored.hashes]);
    expect(await db.kv.get(keyFilterKey('seed'))).toBeDefined();
    // Rewritten with other entries: the filter follows (a paper no longer listed is not found).
    const gone = snapshot.entries[0]!;
    await replaceListEntries(db, LIST, snapshot.entries.slice(1, 300));
    const [after] = await keyFilters(db, ['seed']);
    expect(mayHold(after!, keyHash(`arxiv:${gone.ids.arxiv}`)) && gone.ids.arxiv !== undefined).toBe(false);
    await removeList(db, 'seed');
    expect(await db.kv.get(keyFilterKey('seed'))).toBeUndefined();
    db.close();
  });

  it('let a lookup of many unlisted items read no bucket, and still find the listed ones', async () => {
    const db = new LanternDB('key-filter-lookup');
    await replaceListEntries(db, LIST, snapshot.entries);
    const listed = snapshot.entries.filter((e) => e.ids.arxiv).slice(0, 5);
    const queries = [
      ...Array.from({ length: 500 }, (_, i) => ({ arxiv: `2501.${String(10000 + i)}` })),
      ...listed.map((e) => ({ arxiv: e.ids.arxiv! })),
    ];
    const bulkGet = vi.spyOn(db.entryKeys, 'bulkGet');
    const hits = await lookupListed(db, queries, undefined);
    expect(hits.slice(500).map((h) => h?.id)).toEqual(listed.map((e) => e.id));
    expect(hits.slice(0, 500).every((h) => h === null)).toBe(true);
    // Buckets asked for: at most one per listed paper (a false positive would add one).
    const asked = bulkGet.mock.calls.reduce((n, [keys]) => n + keys.length, 0);
    expect(asked).toBeGreaterThan(0);
    expect(asked).toBeLessThanOrEqual(listed.length + 1);
    db.close();
  });
});
