// @vitest-environment node
// Node's own fetch primitives (Response, Headers, streams), as the service worker has.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NEWEST_ADDED_KEY, paperById, seedFromSnapshot } from '../../lib/db/catalog';
import { savePaper, savedPaperFromPaper } from '../../lib/db/readingList';
import { LanternDB } from '../../lib/db/schema';
import {
  addList,
  applyListUpdate,
  countNewEntries,
  diffEntries,
  dueLists,
  fetchListSource,
  markEntriesSeen,
  nextCheckAt,
  checkRunsAt,
  MIN_CHECK_DELAY_MS,
  readRefreshStates,
  refreshList,
  removeList,
  retryDelayMs,
  type RefreshProgress,
} from '../../lib/refresh';
import { entriesWithIds, storedEntry } from '../../lib/db/catalog';
import { CHUNK_SIZE } from '../../lib/db/buckets';
import { entryDigest, layoutList, type ListManifest } from '../../lib/db/layout';
import type { CatalogEntry, CatalogSnapshot } from '../../lib/types';
import { writeListMarkdown } from '../fixtures/lists/writeList';
import { parseAwesomeList } from '../../lib/catalog/parse';
import { withAuthorList } from '../fixtures/authors';

const SOURCE = 'https://raw.githubusercontent.com/example/awesome-med/main/README.md';

function entry(n: number, overrides: Partial<CatalogEntry> = {}): CatalogEntry {
  const arxiv = `2401.${String(10000 + n)}`;
  const title = `Clinical Model ${n}: Language Models for Ward ${n}`;
  return withAuthorList({
    id: `arxiv:${arxiv}`,
    title,
    authors: `Author ${n} et al.`,
    venue: 'arXiv',
    year: 2024,
    month: 1 + (n % 12),
    categories: [n % 2 ? 'Models' : 'Evaluation'],
    links: [{ kind: 'paper', url: `https://arxiv.org/abs/${arxiv}`, label: 'paper' }],
    ids: { arxiv, repos: [] },
    titleKey: title.toLowerCase(),
    line: n,
    ...overrides,
  });
}

const range = (from: number, to: number): CatalogEntry[] => Array.from({ length: to - from }, (_, i) => entry(from + i));

/** A fetch that answers from a queue of canned responses and records the requests. */
function fakeFetch(...responses: Array<Response | Error | (() => Promise<Response>)>) {
  const requests: Array<{ url: string; headers: Record<string, string> }> = [];
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    requests.push({ url: String(url), headers: { ...(init?.headers as Record<string, string>) } });
    const next = responses.shift();
    if (!next) throw new Error('unexpected request');
    if (next instanceof Error) throw next;
    if (typeof next === 'function') return next();
    return next;
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

const markdown = (entries: CatalogEntry[], headers: Record<string, string> = {}) =>
  new Response(writeListMarkdown('Awesome Med', entries), { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });

let db: LanternDB;
let clock: number;
const now = () => clock;

/** Every row a list is stored in, and the reading list: what a failed refresh must leave as it was. */
async function snapshotOf(database: LanternDB) {
  return {
    lists: await database.lists.toArray(),
    entryChunks: await database.entryChunks.toArray(),
    entryKeys: await database.entryKeys.toArray(),
    manifests: await database.manifests.toArray(),
    saved: await database.saved.toArray(),
  };
}

async function storedInSeed(id: string) {
  return (await entriesWithIds(db, [id])).find((e) => e.listId === 'seed');
}

/** Seeds the list as the catalog command would: from the parsed markdown of these entries. */
async function seedWith(entries: CatalogEntry[]): Promise<void> {
  const parsed = parseAwesomeList(writeListMarkdown('Awesome Med', entries));
  const snapshot: CatalogSnapshot = { format: 1, name: parsed.name, sourceUrl: SOURCE, sourceDate: '2026-01-01', entries: parsed.entries };
  await seedFromSnapshot(db, snapshot, 1000);
}

beforeEach(async () => {
  db = new LanternDB(`refresh-test-${Math.random()}`);
  await db.open();
  clock = Date.UTC(2026, 10, 25);
});

afterEach(async () => {
  await db.delete();
});

describe('diffEntries', () => {
  const stored = (entries: CatalogEntry[]): ListManifest =>
    layoutList(
      'seed',
      entries.map((e) => storedEntry('seed', e, 5)),
    ).manifest;

  it('sorts the new copy into added, changed, removed and unchanged', () => {
    const before = stored(range(0, 5));
    const after = [entry(0), entry(1, { title: 'Renamed' }), entry(2, { links: [] }), entry(4), entry(7)];
    const diff = diffEntries(before, after);
    expect(diff.added.map((e) => e.id)).toEqual([entry(7).id]);
    expect(diff.changed.map((c) => c.entry.id)).toEqual([entry(1).id, entry(2).id]);
    expect(diff.changed.every((c) => c.addedAt === 5)).toBe(true);
    expect(diff.removed).toEqual([entry(3).id]);
    expect(diff.unchanged).toBe(2);
  });

  it('does not count an entry that only moved lines or sections as changed', () => {
    const before = stored([entry(1, { categories: ['Models', 'Agents'] })]);
    const diff = diffEntries(before, [entry(1, { line: 99, categories: ['Agents', 'Models'] })]);
    expect(diff).toMatchObject({ added: [], changed: [], removed: [], unchanged: 1 });
    expect([...diff.digests.keys()]).toEqual([entry(1).id]);
    expect(diffEntries(before, [entry(1, { categories: ['Models'] })]).changed).toHaveLength(1);
  });
});

describe('fetchListSource', () => {
  it('asks conditionally and treats 304 as unchanged', async () => {
    const { fetch, requests } = fakeFetch(new Response(null, { status: 304 }));
    const result = await fetchListSource(SOURCE, { etag: 'W/"abc"', lastModified: 'Tue, 01 Jul 2025 10:00:00 GMT', fetch });
    expect(result).toEqual({ kind: 'unchanged' });
    expect(requests[0]!.headers['if-none-match']).toBe('W/"abc"');
    expect(requests[0]!.headers['if-modified-since']).toBe('Tue, 01 Jul 2025 10:00:00 GMT');
  });

  it('returns the text with its validators and reports bytes', async () => {
    const progress: number[] = [];
    const { fetch } = fakeFetch(markdown(range(0, 3), { etag: '"v2"', 'last-modified': 'Wed, 02 Jul 2025 10:00:00 GMT' }));
    const result = await fetchListSource(SOURCE, { fetch, onProgress: (bytes) => progress.push(bytes) });
    if (result.kind !== 'fetched') throw new Error(result.kind);
    expect(result.text).toContain('Clinical Model 2');
    expect(result.etag).toBe('"v2"');
    expect(result.lastModified).toBe('Wed, 02 Jul 2025 10:00:00 GMT');
    expect(progress.at(-1)).toBe(result.bytes);
  });

  it('gives up after the timeout', async () => {
    const hanging = ((_url: string, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      })) as typeof globalThis.fetch;
    expect(await fetchListSource(SOURCE, { fetch: hanging, timeoutMs: 20 })).toEqual({
      kind: 'failed',
      failure: { kind: 'timeout', seconds: 0 },
    });
  });

  it('classifies offline, not found, rate limits and server errors', async () => {
    const at = Date.UTC(2026, 0, 1);
    const cases: Array<[Response | Error, unknown]> = [
      [new TypeError('Failed to fetch'), { kind: 'offline' }],
      [new Response('Not Found', { status: 404 }), { kind: 'not-found', status: 404 }],
      [new Response('', { status: 429, headers: { 'retry-after': '120' } }), { kind: 'rate-limited', status: 429, retryAt: at + 120_000 }],
      [
        new Response('', { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(at / 1000 + 600) } }),
        { kind: 'rate-limited', status: 403, retryAt: at + 600_000 },
      ],
      [new Response('', { status: 403 }), { kind: 'http', status: 403 }],
      [new Response('', { status: 503 }), { kind: 'http', status: 503 }],
    ];
    for (const [response, failure] of cases) {
      const { fetch } = fakeFetch(response);
      expect(await fetchListSource(SOURCE, { fetch, now: () => at })).toEqual({ kind: 'failed', failure });
    }
  });

  it('reads the text in the charset the server declares, or its byte order mark, UTF-16 included', async () => {
    const text = '# Awesome Grégoire\n- [2023/01] **Modèle naïf für Übersetzung** [[paper](https://arxiv.org/abs/2301.00001)]\n';
    const latin1 = Uint8Array.from([...text].map((char) => char.charCodeAt(0)));
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...text].flatMap((char) => [char.charCodeAt(0), 0])]);
    const utf8 = new TextEncoder().encode(text);
    const cases: Array<[Uint8Array<ArrayBuffer>, string, string]> = [
      [latin1, 'text/plain; charset=iso-8859-1', text],
      [latin1, 'text/plain', text],
      [utf16, 'text/plain', text],
      [utf16, 'text/plain; charset=utf-8', text],
      [utf8, 'text/plain; charset=utf-8', text],
      // One stray byte in a UTF-8 list, said to be or not, spoils one character, not every accented letter.
      [new Uint8Array([...utf8, 0xff]), 'text/plain; charset=utf-8', `${text}\ufffd`],
      [new Uint8Array([...utf8, 0xff]), 'text/markdown', `${text}\ufffd`],
    ];
    for (const [bytes, contentType, expected] of cases) {
      const { fetch } = fakeFetch(new Response(bytes, { headers: { 'content-type': contentType } }));
      expect(await fetchListSource(SOURCE, { fetch }), contentType).toMatchObject({ kind: 'fetched', text: expected });
    }
  });

  it('refuses responses that are not markdown', async () => {
    const cases: Array<[Response, string]> = [
      [new Response('<!DOCTYPE html><html><body>Sign in</body></html>', { headers: { 'content-type': 'text/html' } }), 'a web page'],
      [new Response('<!doctype html><p>captive portal</p>', { headers: { 'content-type': 'text/plain' } }), 'a web page'],
      [new Response('{"message":"Bad credentials"}', { headers: { 'content-type': 'application/json' } }), 'JSON data'],
      [new Response('[{"title":"x"}]', { headers: { 'content-type': 'text/plain' } }), 'JSON data'],
      [new Response(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]), { headers: { 'content-type': 'text/plain' } }), 'a binary file'],
      [new Response('PK', { headers: { 'content-type': 'application/zip' } }), 'a binary file'],
    ];
    for (const [response, looksLike] of cases) {
      const { fetch } = fakeFetch(response);
      expect(await fetchListSource(SOURCE, { fetch })).toEqual({ kind: 'failed', failure: { kind: 'not-a-list', looksLike } });
    }
  });
});

describe('refreshList', () => {
  it('adds, changes and removes entries, keeping saved papers and first-seen dates', async () => {
    await seedWith(range(0, 20));
    const saved = (await paperById(db, entry(3).id))!;
    await savePaper(db, savedPaperFromPaper(saved));

    const next = [...range(0, 3), entry(4, { title: 'Clinical Model 4 (revised)' }), ...range(5, 20), ...range(20, 23)];
    const { fetch } = fakeFetch(markdown(next, { etag: '"v2"' }));
    const progress: RefreshProgress[] = [];
    const outcome = await refreshList(db, 'seed', { fetch, now, onProgress: (p) => progress.push(p) });

    expect(outcome.status).toBe('updated');
    if (outcome.status === 'failed') return;
    expect(outcome.summary).toMatchObject({ added: 3, changed: 1, removed: 1, total: 22, skippedLines: 0, unchanged: false });
    expect([...outcome.summary.addedTitles].sort()).toEqual(range(20, 23).map((e) => e.title).sort());

    expect(await storedInSeed(entry(3).id)).toBeUndefined();
    expect((await storedInSeed(entry(4).id))!.title).toBe('Clinical Model 4 (revised)');
    expect((await storedInSeed(entry(4).id))!.addedAt).toBe(1000);
    expect((await storedInSeed(entry(21).id))!.addedAt).toBe(clock);
    const list = (await db.lists.get('seed'))!;
    expect(list).toMatchObject({ entryCount: 22, etag: '"v2"', fetchedAt: clock });
    // The manifest describes the new copy exactly, so the next refresh diffs against it.
    const stored = parseAwesomeList(writeListMarkdown('Awesome Med', next)).entries;
    expect(await db.manifests.get('seed')).toMatchObject({ ids: stored.map((e) => e.id), digests: stored.map(entryDigest) });
    // The removed paper stays in the reading list with its data.
    expect((await db.saved.get(entry(3).id))!.paper.title).toBe(entry(3).title);
    expect(progress.some((p) => p.phase === 'applying')).toBe(true);
    expect(progress.at(-1)).toEqual({ listId: 'seed', phase: 'done' });
  });

  it('sends the stored validators next time and keeps everything on 304', async () => {
    await seedWith(range(0, 12));
    await refreshList(db, 'seed', { fetch: fakeFetch(markdown(range(0, 13), { etag: '"v2"' })).fetch, now });
    const before = await snapshotOf(db);
    const { fetch, requests } = fakeFetch(new Response(null, { status: 304 }));
    const outcome = await refreshList(db, 'seed', { fetch, now });
    expect(outcome.status).toBe('unchanged');
    expect(requests[0]!.headers['if-none-match']).toBe('"v2"');
    expect(await snapshotOf(db)).toEqual(before);
    // The summary of the last real change survives an unchanged check.
    expect((await readRefreshStates(db)).seed!.lastSummary!.added).toBe(1);
  });

  it('leaves the data unchanged, and says why, for every kind of failure', async () => {
    await seedWith(range(0, 20));
    await savePaper(db, savedPaperFromPaper((await paperById(db, entry(1).id))!));
    const before = await snapshotOf(db);
    const failures: Array<[string, Response | Error, RegExp]> = [
      ['offline', new TypeError('Failed to fetch'), /could not reach/i],
      ['404', new Response('404: Not Found', { status: 404 }), /not found/i],
      ['rate limited', new Response('', { status: 429, headers: { 'retry-after': '3600' } }), /limiting requests.*in 1 h/i],
      ['html', new Response('<html><body>GitHub</body></html>', { headers: { 'content-type': 'text/html' } }), /web page/i],
      ['json', new Response('{"a":1}', { headers: { 'content-type': 'application/json' } }), /JSON/],
      ['binary', new Response(new Uint8Array([1, 0, 2, 0]), { headers: { 'content-type': 'application/octet-stream' } }), /binary/i],
      ['nothing parses', new Response('# Awesome Med\n\nJust some prose, no papers.\n'), /no papers were found/i],
      ['most removed', markdown(range(0, 9)), /drop 11 of 20 entries/],
    ];
    let count = 0;
    for (const [name, response, message] of failures) {
      const outcome = await refreshList(db, 'seed', { fetch: fakeFetch(response).fetch, now });
      count++;
      expect(outcome.status, name).toBe('failed');
      if (outcome.status !== 'failed') continue;
      expect(outcome.message, name).toMatch(message);
      expect(outcome.message, name).toMatch(/previous copy is kept/);
      expect(await snapshotOf(db), name).toEqual(before);
      const state = (await readRefreshStates(db)).seed!;
      expect(state.failures, name).toBe(count);
      expect(state.lastError).toBe(outcome.message);
    }
  });

  it('applies a copy that drops most entries only when asked to, and never an empty one', async () => {
    await seedWith(range(0, 20));
    const refused = await refreshList(db, 'seed', { fetch: fakeFetch(markdown(range(0, 4))).fetch, now });
    expect(refused.status).toBe('failed');
    expect((await readRefreshStates(db)).seed).toMatchObject({ failures: 1, lastFailure: 'shrunk' });
    expect((await db.lists.get('seed'))!.entryCount).toBe(20);

    const empty = new Response('# Awesome Med\n\nNothing listed yet.\n');
    expect((await refreshList(db, 'seed', { fetch: fakeFetch(empty).fetch, now, acceptShrink: true })).status).toBe('failed');
    expect((await readRefreshStates(db)).seed!.lastFailure).toBe('empty');

    const accepted = await refreshList(db, 'seed', { fetch: fakeFetch(markdown(range(0, 4))).fetch, now, acceptShrink: true });
    expect(accepted).toMatchObject({ status: 'updated', summary: { removed: 16, total: 4 } });
    expect((await db.lists.get('seed'))!.entryCount).toBe(4);
    const state = (await readRefreshStates(db)).seed!;
    expect(state.failures).toBe(0);
    expect(state.lastFailure).toBeUndefined();
  });

  it('applies in one transaction: a failure midway writes nothing', async () => {
    await seedWith(range(0, 20));
    const before = await snapshotOf(db);
    const list = { ...(await db.lists.get('seed'))!, entryCount: 99, fetchedAt: 5 };
    // The old rows are deleted and a first batch of chunks written, then the disk fills up.
    const quotaFull = (_key: unknown, chunk: { chunk: number }) => {
      if (chunk.chunk === Math.ceil(5000 / CHUNK_SIZE) + 5) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    db.entryChunks.hook('creating', quotaFull);
    const entries = [...range(2, 20), ...range(100, 6000)];
    const diff = { added: range(100, 6000), changed: [], removed: [entry(0).id, entry(1).id], unchanged: 18, digests: new Map() };
    const progress: number[] = [];
    await expect(applyListUpdate(db, list, entries, diff, { now: 7, onProgress: (applied) => progress.push(applied) })).rejects.toThrow(/quota/);
    db.entryChunks.hook('creating').unsubscribe(quotaFull);
    expect(progress).toEqual([5000]);
    expect(await snapshotOf(db)).toEqual(before);
    // 6,000 entries written and rolled back: seconds on a busy machine.
  }, 30_000);

  it('only updates the list row when nothing in the new copy changed', async () => {
    await seedWith(range(0, 20));
    const before = await snapshotOf(db);
    const { fetch } = fakeFetch(markdown(range(0, 20), { etag: '"same"' }));
    const outcome = await refreshList(db, 'seed', { fetch, now });
    expect(outcome.status).toBe('unchanged');
    const after = await snapshotOf(db);
    expect({ ...after, lists: [] }).toEqual({ ...before, lists: [] });
    expect(after.lists[0]).toMatchObject({ etag: '"same"', fetchedAt: clock, entryCount: 20 });
  });
});

describe('schedule and backoff', () => {
  const DAY = 24 * 3_600_000;

  it('retries after 15 min, then doubles, up to the interval', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => retryDelayMs(n, DAY) / 60_000)).toEqual([15, 30, 60, 120, 240, 480, 960, 1440]);
    expect(retryDelayMs(30, DAY)).toBe(DAY);
  });

  it('checks an interval after the last success; off means never; a rate limit is respected', () => {
    expect(nextCheckAt({ failures: 0, lastSuccessAt: 1000 }, 0, { intervalHours: 24 })).toBe(1000 + DAY);
    expect(nextCheckAt(undefined, 5000, { intervalHours: 6 })).toBe(5000 + DAY / 4);
    expect(nextCheckAt({ failures: 2, lastAttemptAt: 1000 }, 0, { intervalHours: 0 })).toBeUndefined();
    expect(nextCheckAt({ failures: 2, lastAttemptAt: 1000 }, 0, { intervalHours: 24 })).toBe(1000 + 30 * 60_000);
    expect(nextCheckAt({ failures: 1, lastAttemptAt: 1000, retryAt: 1000 + DAY / 2 }, 0, { intervalHours: 24 })).toBe(1000 + DAY / 2);
  });

  it('runs an overdue check a minute from now, not at its past due time', () => {
    const now = Date.UTC(2026, 11, 1);
    expect(checkRunsAt(Date.UTC(2023, 11, 24), now)).toBe(now + MIN_CHECK_DELAY_MS);
    expect(checkRunsAt(now + DAY, now)).toBe(now + DAY);
  });

  it('makes a failing list due again sooner with each failure, and not before', async () => {
    await seedWith(range(0, 12));
    const dueTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      await refreshList(db, 'seed', { fetch: fakeFetch(new TypeError('offline')).fetch, now });
      const state = (await readRefreshStates(db)).seed!;
      const due = nextCheckAt(state, 0, { intervalHours: 24 })!;
      expect(await dueLists(db, due - 1)).toEqual([]);
      expect(await dueLists(db, due)).toEqual(['seed']);
      dueTimes.push(due - clock);
      clock = due;
    }
    expect(dueTimes).toEqual([15, 30, 60].map((m) => m * 60_000));
  });
});

describe('more lists', () => {
  it('adds a list in another shape; a paper in both lists is one paper with both memberships', async () => {
    await seedWith(range(0, 12));
    const shared = entry(5);
    const other = [shared, ...range(200, 204)];
    const text = `${writeListMarkdown('Awesome Multimodal Med', other, 'venue-tag')}* [**arXiv, 2024**] **Broken**: Title [paper](https://arxiv.org/abs/2401.0\n* [**arXiv, 2024**] [paper](https://arxiv.org/abs/2401.00002)\n`;
    const { fetch, requests } = fakeFetch(new Response(text, { headers: { 'content-type': 'text/plain' } }));
    const outcome = await addList(db, 'https://github.com/lab/awesome-multimodal-med', { fetch, now });
    if (!outcome.ok) throw new Error(outcome.error);
    expect(requests[0]!.url).toBe('https://raw.githubusercontent.com/lab/awesome-multimodal-med/HEAD/README.md');
    // The broken line still yields its title as an entry (its warning is no skipped line); the untitled one is skipped.
    expect(outcome.list).toMatchObject({ id: 'lab/awesome-multimodal-med', name: 'Awesome Multimodal Med', enabled: true, entryCount: 6 });
    expect(outcome.summary.skippedLines).toBe(1);
    expect((await paperById(db, shared.id))!.lists.sort()).toEqual(['lab/awesome-multimodal-med', 'seed']);
    expect((await paperById(db, entry(201).id))!.lists).toEqual(['lab/awesome-multimodal-med']);

    const again = await addList(db, 'https://github.com/lab/awesome-multimodal-med/', { fetch, now });
    expect(again).toEqual({ ok: false, error: expect.stringMatching(/already follows/) });

    await savePaper(db, savedPaperFromPaper((await paperById(db, entry(201).id))!));
    await removeList(db, 'lab/awesome-multimodal-med');
    expect(await db.lists.get('lab/awesome-multimodal-med')).toBeUndefined();
    expect((await paperById(db, shared.id))!.lists).toEqual(['seed']);
    expect(await db.saved.get(entry(201).id)).toBeDefined();
  });

  it('does not follow the bundled list a second time under its GitHub address, on whatever branch', async () => {
    await seedWith(range(0, 3));
    const { fetch, requests } = fakeFetch(new Response(writeListMarkdown('Awesome Med', range(0, 3)), { headers: { 'content-type': 'text/plain' } }));
    for (const address of [SOURCE.replace('/main/', '/HEAD/'), SOURCE.replace(/^https:\/\/raw\.githubusercontent\.com\/([^/]+\/[^/]+)\/.*$/, 'https://github.com/$1')]) {
      expect(await addList(db, address, { fetch, now })).toEqual({ ok: false, error: expect.stringMatching(/already follows this list \(“Awesome Med”\)/) });
    }
    expect(requests).toEqual([]);
    expect((await db.lists.toArray()).map((list) => list.id)).toEqual(['seed']);
  });

  it('does not add a list that cannot be read, and says why', async () => {
    const before = await snapshotOf(db);
    const notFound = await addList(db, 'https://github.com/lab/gone', { fetch: fakeFetch(new Response('', { status: 404 })).fetch, now });
    expect(notFound).toEqual({ ok: false, error: expect.stringMatching(/not found.*\. The list was not added\.$/) });
    const offline = await addList(db, 'https://github.com/lab/away', { fetch: fakeFetch(new TypeError('Failed to fetch')).fetch, now });
    expect(offline).toEqual({ ok: false, error: 'Could not reach the list’s server: check the connection, then try again. The list was not added.' });
    const prose = await addList(db, 'https://example.org/notes.md', {
      fetch: fakeFetch(new Response('# Notes\n\nNothing here.\n')).fetch,
      now,
      hasHostPermission: async () => true,
    });
    expect(prose).toEqual({ ok: false, error: expect.stringMatching(/no papers were found/) });
    const bad = await addList(db, 'ftp://example.org/x.md', { now });
    expect(bad.ok).toBe(false);
    expect(await snapshotOf(db)).toEqual(before);
  });
});

describe('adding a list off the default host', () => {
  const list = () => markdown(range(400, 403));

  it('fetches nothing from a host the user has not granted, and says where to grant it', async () => {
    await seedWith(range(0, 3));
    const before = await snapshotOf(db);
    const asked: string[] = [];
    for (const hasHostPermission of [undefined, async (origin: string) => (asked.push(origin), false)]) {
      const { fetch, requests } = fakeFetch(list());
      const outcome = await addList(db, 'https://intranet.example/lists/medicine.md', { fetch, now, ...(hasHostPermission && { hasHostPermission }) });
      expect(outcome).toEqual({ ok: false, error: 'Lantern may not read intranet.example yet. Add the list from Lantern’s options page, which asks you for that permission.' });
      expect(requests).toEqual([]);
    }
    expect(asked).toEqual(['https://intranet.example/*']);
    expect(await snapshotOf(db)).toEqual(before);
  });

  it('follows a list on a granted host, over https only', async () => {
    await seedWith(range(0, 3));
    const plain = await addList(db, 'http://lists.example.org/medicine.md', { fetch: fakeFetch(list()).fetch, now, hasHostPermission: async () => true });
    expect(plain).toEqual({ ok: false, error: expect.stringMatching(/^Lantern follows lists over https only.*https:\/\/lists\.example\.org\/medicine\.md\.$/) });
    const { fetch, requests } = fakeFetch(list());
    const outcome = await addList(db, 'https://lists.example.org/medicine.md', { fetch, now, hasHostPermission: async (origin) => origin === 'https://lists.example.org/*' });
    expect(outcome).toMatchObject({ ok: true, list: { id: 'lists.example.org/medicine.md', entryCount: 3 } });
    expect(requests.map((r) => r.url)).toEqual(['https://lists.example.org/medicine.md']);
  });
});

describe('new entries', () => {
  it('counts papers added since last seen, starting from the first look', async () => {
    await seedWith(range(0, 12));
    expect((await countNewEntries(db, clock)).count).toBe(0);
    clock += 1000;
    await refreshList(db, 'seed', { fetch: fakeFetch(markdown(range(0, 15))).fetch, now });
    expect((await countNewEntries(db, clock)).count).toBe(3);
    await markEntriesSeen(db, clock);
    expect((await countNewEntries(db, clock)).count).toBe(0);
  });

  it('does not count a known paper that an added list also holds, as the popup does not mark it', async () => {
    await seedWith(range(0, 12));
    expect((await countNewEntries(db, clock)).count).toBe(0);
    clock += 1000;
    const other = markdown([entry(3), entry(4), ...range(300, 302)]);
    const outcome = await addList(db, 'https://github.com/lab/more-med', { fetch: fakeFetch(other).fetch, now });
    if (!outcome.ok) throw new Error(outcome.error);
    expect((await countNewEntries(db, clock)).count).toBe(2);
    expect((await paperById(db, entry(3).id))!.addedAt).toBeLessThan(clock);
    expect((await paperById(db, entry(300).id))!.addedAt).toBe(clock);
  });

  it('reads no manifest while no list has an entry newer than the last look', async () => {
    await seedWith(range(0, 12));
    expect((await countNewEntries(db, clock)).count).toBe(0);
    const manifestReads = vi.spyOn(db.manifests, 'toArray');
    expect((await countNewEntries(db, clock)).count).toBe(0);
    clock += 1000;
    // Fetched again with the same entries: still nothing new, still nothing to read.
    await refreshList(db, 'seed', { fetch: fakeFetch(markdown(range(0, 12))).fetch, now });
    expect((await countNewEntries(db, clock)).count).toBe(0);
    expect(manifestReads).not.toHaveBeenCalled();
    clock += 1000;
    await refreshList(db, 'seed', { fetch: fakeFetch(markdown(range(0, 14))).fetch, now });
    expect((await countNewEntries(db, clock)).count).toBe(2);
    expect(manifestReads).toHaveBeenCalled();
  });

  it('counts from the manifests for a list stored before its newest entry was kept', async () => {
    await seedWith(range(0, 12));
    expect((await countNewEntries(db, clock)).count).toBe(0);
    clock += 1000;
    await refreshList(db, 'seed', { fetch: fakeFetch(markdown(range(0, 15))).fetch, now });
    await db.kv.delete(NEWEST_ADDED_KEY);
    expect((await countNewEntries(db, clock)).count).toBe(3);
  });

  it('works out a list’s newest entry from its manifest once, then reads no manifest while nothing is new', async () => {
    await seedWith(range(0, 12));
    expect((await countNewEntries(db, clock)).count).toBe(0);
    // As a list stored before its newest entry date was kept.
    await db.kv.delete(NEWEST_ADDED_KEY);
    const manifestReads = [vi.spyOn(db.manifests, 'toArray'), vi.spyOn(db.manifests, 'bulkGet'), vi.spyOn(db.manifests, 'get')];
    expect((await countNewEntries(db, clock)).count).toBe(0);
    expect(manifestReads.some((read) => read.mock.calls.length > 0)).toBe(true);
    expect((await db.kv.get(NEWEST_ADDED_KEY))?.value).toEqual({ seed: expect.any(Number) });
    for (const read of manifestReads) read.mockClear();
    expect((await countNewEntries(db, clock)).count).toBe(0);
    expect((await countNewEntries(db, clock + 1000)).count).toBe(0);
    for (const read of manifestReads) expect(read).not.toHaveBeenCalled();
  });
});
