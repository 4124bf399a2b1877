import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE, KEY_BUCKETS, TITLE_BUCKETS, chunkOf, entriesAtPlaces, entriesOfChunk, idKey, isBucketedTitlePrefix, keyBucket, placesInBuckets } from '../../lib/db/buckets';
import { base36, entryDigest, entryKeys, layoutList } from '../../lib/db/layout';
import { entryDigestV3, entryKeysV3, layoutListV3 } from '../../lib/db/frozen/layoutV3';
import { entryKeysV7, layoutListV7 } from '../../lib/db/frozen/layoutV7';
import { mergeEntries, storedEntry } from '../../lib/db/catalog';
import type { CatalogEntry, ListedEntry } from '../../lib/types';
import { withAuthorList } from '../fixtures/authors';

function entry(i: number, over: Partial<CatalogEntry> = {}): CatalogEntry {
  const arxiv = i % 3 === 0 ? undefined : `2402.${String(i).padStart(5, '0')}`;
  const titleKey = `model ${i} for discharge summaries`;
  return withAuthorList({
    id: arxiv ? `arxiv:${arxiv}` : `title:${titleKey}`,
    title: titleKey,
    authors: 'A et al.',
    venue: 'arXiv',
    year: 2024,
    categories: ['Models › Clinical', 'Evaluation'],
    links: [],
    ids: { ...(arxiv && { arxiv }), repos: i % 5 === 0 ? [`github.com/lab/m${i}`] : [] },
    titleKey,
    line: i + 1,
    ...over,
  });
}

describe('key buckets', () => {
  it('puts identifiers and ids in the first range, titles in the second, the same bucket every time', () => {
    for (const key of ['arxiv:2311.16452', 'doi:10.1038/x', 'repo:github.com/a/b', idKey('title:large language models')]) {
      const bucket = keyBucket(key);
      expect(Number.isInteger(bucket) && bucket >= 0 && bucket < KEY_BUCKETS, key).toBe(true);
      expect(keyBucket(key)).toBe(bucket);
    }
    const title = keyBucket('title:large language models');
    expect(title >= KEY_BUCKETS && title < KEY_BUCKETS + TITLE_BUCKETS).toBe(true);
    const spread = new Set(Array.from({ length: 200 }, (_, i) => keyBucket(idKey(`synthetic:${i}`))));
    expect(spread.size).toBeGreaterThan(150);
  });

  it('files title keys by the start of their first word, so a prefix finds its bucket', () => {
    expect(keyBucket('title:large language models')).toBe(keyBucket('title:lar'));
    expect(keyBucket('title:towards generalist biomedical ai')).toBe(keyBucket('title:toward'));
    expect(keyBucket('title:a survey of llms')).toBe(keyBucket('title:a '));
    expect(keyBucket('title:a survey of llms')).toBe(keyBucket('title:a study of agents'));
    expect(['a ', 'the ', 'tow', 'toward', 'large language'].every(isBucketedTitlePrefix)).toBe(true);
    expect(['me', 'l', ''].some(isBucketedTitlePrefix)).toBe(false);
  });

  it('chunks positions by CHUNK_SIZE', () => {
    expect([0, CHUNK_SIZE - 1, CHUNK_SIZE, 10 * CHUNK_SIZE + 3].map(chunkOf)).toEqual([0, 0, 1, 10]);
  });
});

describe('entryKeys and entryDigest', () => {
  it('finds an entry by its identifiers, its title and its own id', () => {
    expect(entryKeys(entry(5))).toEqual(['arxiv:2402.00005', 'repo:github.com/lab/m5', 'title:model 5 for discharge summaries', 'id:arxiv:2402.00005']);
    expect(entryKeys({ ...entry(1), id: 'synthetic:1' })).toContain('id:synthetic:1');
  });

  it('changes with what a reader sees, not with the line or the order of categories', () => {
    const base = entryDigest(entry(1));
    expect(entryDigest(entry(1, { line: 400, categories: ['Evaluation', 'Models › Clinical'] }))).toBe(base);
    for (const over of [{ title: 'Other' }, { authors: 'B et al.' }, { venue: 'ACL' }, { year: 2023 }, { month: 4 }, { categories: ['Evaluation'] }, { links: [{ kind: 'code' as const, url: 'https://github.com/a/b', label: 'code' }] }]) {
      expect(entryDigest(entry(1, over)), JSON.stringify(over)).not.toBe(base);
    }
  });
});

describe('base36', () => {
  it('writes what toString(36) writes, for every digest a 53-bit hash can give', () => {
    const edges = [0, 1, 35, 36, 37, 36 ** 2 - 1, 36 ** 2, 2 ** 32 - 1, 2 ** 32, 36 ** 10 - 1, 36 ** 10, 2 ** 53 - 36, 2 ** 53 - 1];
    let state = 7;
    const random = () => (state = Math.imul(state ^ (state >>> 15), 2246822507) ^ 0x9e3779b9) >>> 0;
    const hashes = Array.from({ length: 20_000 }, () => 4294967296 * (random() & 2097151) + random());
    for (const n of [...edges, ...hashes]) expect(base36(n), String(n)).toBe(n.toString(36));
  });
});

describe('layoutList', () => {
  const rows = Array.from({ length: 2 * CHUNK_SIZE + 7 }, (_, i) => storedEntry('big', entry(i), 1000 + i));
  const layout = layoutList('big', rows);

  it('stores the entries in list order, CHUNK_SIZE per chunk', () => {
    expect(layout.chunks.map((c) => [c.listId, c.chunk, c.entries.length])).toEqual([
      ['big', 0, CHUNK_SIZE],
      ['big', 1, CHUNK_SIZE],
      ['big', 2, 7],
    ]);
    // Without what the chunk or the entry already says (ChunkEntry), given back on read.
    const written = layout.chunks.flatMap((c) => c.entries);
    for (const entry of written) for (const field of ['listId', 'titleKey', 'authorList']) expect(entry).not.toHaveProperty(field);
    expect(written.map(({ id, title, categories, links, ids, addedAt }) => ({ id, title, categories, links, ids, addedAt }))).toEqual(
      rows.map(({ id, title, categories, links, ids, addedAt }) => ({ id, title, categories, links, ids, addedAt })),
    );
    expect(layout.chunks.flatMap(entriesOfChunk).map((e) => e.listId)).toEqual(rows.map(() => 'big'));
    expect(mergeEntries(layout.chunks.flatMap(entriesOfChunk))).toEqual(mergeEntries(rows));
  });

  it('files every key of every entry with its id and chunk, in the key’s bucket', () => {
    rows.forEach((row, position) => {
      for (const key of entryKeys(row)) {
        const bucket = layout.buckets.find((b) => b.bucket === keyBucket(key))!;
        const places = placesInBuckets([bucket], (k) => k === key);
        expect(places, key).toContainEqual({ listId: 'big', id: row.id, chunk: chunkOf(position) });
        expect(entriesAtPlaces(layout.chunks, places).map((e) => e.id), key).toContain(row.id);
      }
    });
    expect(layout.buckets.every((b) => b.keys.length === b.ids.length && b.ids.length === b.chunks.length)).toBe(true);
  });

  it('writes a manifest of ids, dates and digests in list order', () => {
    expect(layout.manifest.ids).toEqual(rows.map((r) => r.id));
    expect(layout.manifest.addedAt).toEqual(rows.map((r) => r.addedAt));
    expect(layout.manifest.digests).toEqual(rows.map(entryDigest));
  });

  it('finds each entry once, and at most `limit`', () => {
    const all = placesInBuckets(layout.buckets, (key) => key.startsWith('title:model 1'));
    expect(new Set(all.map((p) => p.id)).size).toBe(all.length);
    expect(all.length).toBe(rows.filter((r) => r.titleKey.startsWith('model 1')).length);
    expect(all.length).toBeGreaterThan(3);
    expect(placesInBuckets(layout.buckets, (key) => key.startsWith('title:model 1'), 3)).toHaveLength(3);
  });
});

/** Entries with every kind of link: an arXiv page, a repository and a page under it, a project page (one at a fully qualified host), an organisation's page. */
function linkedEntry(i: number): CatalogEntry {
  const base = entry(i);
  const links: CatalogEntry['links'] = [
    ...(base.ids.arxiv ? [{ kind: 'paper' as const, url: `https://arxiv.org/abs/${base.ids.arxiv}v2`, label: 'arXiv' }] : []),
    ...base.ids.repos.map((repo) => ({ kind: 'code' as const, url: `https://${repo}/tree/main`, label: 'code' })),
    ...(i % 4 === 0 ? [{ kind: 'code' as const, url: `https://huggingface.co/Lab${i}`, label: 'models' }] : []),
    ...(i % 7 === 0 ? [{ kind: 'paper' as const, url: `https://www.lab.example.org/m${i}/?v=1#top`, label: 'project' }] : []),
    ...(i % 11 === 0 ? [{ kind: 'paper' as const, url: `https://lab.example.net./m${i}`, label: 'project' }] : []),
  ];
  return { ...base, links };
}

describe('the frozen layouts', () => {
  const entries = Array.from({ length: 120 }, (_, i) => storedEntry('list', linkedEntry(i), 1_700_000_000_000 + i));

  it('of v7 files keys and writes manifests as the live layout does: a new layout of them needs a new schema version that lays stored lists out again', () => {
    const [frozen, live] = [layoutListV7('list', entries), layoutList('list', entries)];
    expect(frozen.buckets).toEqual(live.buckets);
    expect(frozen.manifest).toEqual(live.manifest);
    // Its chunks hold every field; the live ones leave out what readers derive (ChunkEntry), so both read the same.
    expect(frozen.chunks.map((c) => [c.listId, c.chunk, c.entries.length])).toEqual(live.chunks.map((c) => [c.listId, c.chunk, c.entries.length]));
    expect(frozen.chunks.flatMap((c) => c.entries)).toEqual(entries);
    expect(mergeEntries(live.chunks.flatMap(entriesOfChunk))).toEqual(mergeEntries(frozen.chunks.flatMap(entriesOfChunk)));
    for (const one of entries) {
      expect(entryKeysV7(one)).toEqual(entryKeys(one));
      expect(entryDigestV3(one)).toBe(entryDigest(one));
    }
  });

  it('of v7 is v3–v6’s with the listed links that name no identifier of their entry', () => {
    const linkKeysOf = (one: ListedEntry) => entryKeysV7(one).filter((key) => !entryKeysV3(one).includes(key));
    expect(linkKeysOf(entries[4]!)).toEqual(['link:huggingface.co/lab4']);
    expect(linkKeysOf(entries[28]!)).toEqual(['link:huggingface.co/lab28', 'link:lab.example.org/m28?v=1']);
    // An arXiv page of the entry's id, a page under its repository: found by those.
    expect(linkKeysOf(entries[1]!)).toEqual([]);
    expect(linkKeysOf(entries[10]!)).toEqual([]);
    expect(layoutListV3('list', entries).manifest).toEqual(layoutListV7('list', entries).manifest);
  });
});
