import 'fake-indexeddb/auto';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import background from '../../entrypoints/background';
import { missingHandlers, setupMessages } from '../../entrypoints/background/messages';
import { setupSeed } from '../../entrypoints/background/seed';
import bundled from '../../assets/catalog.json';
import { db } from '../../lib/db/instance';
import { entryCount } from '../../lib/db/catalog';
import { listSaved } from '../../lib/db/readingList';
import { pagePaperId } from '../../lib/db/pagePaper';
import type { Reply } from '../../lib/messages';
import type { CatalogSnapshot, PageIdentity, PageMatch } from '../../lib/types';

const snapshot = bundled as unknown as CatalogSnapshot;

/** Sends a message through the listener the background registered, as a page of this extension would. */
async function send(type: string, data: unknown, senderId = fakeBrowser.runtime.id): Promise<Reply<unknown> | undefined> {
  const replies = await fakeBrowser.runtime.onMessage.trigger({ lantern: 1, type, data }, { id: senderId });
  return replies.find((r) => r !== undefined) as Reply<unknown> | undefined;
}

function value<T>(reply: Reply<unknown> | undefined): T {
  if (!reply?.ok) throw new Error(`expected an ok reply, got ${JSON.stringify(reply)}`);
  return reply.value as T;
}

beforeEach(async () => {
  fakeBrowser.reset();
  await db.delete();
  await db.open();
});

// Seeding and messaging on their own, so other concerns' listeners don't blur what fails here.
describe('seeding and messages', () => {
  beforeEach(() => {
    setupSeed();
    setupMessages();
  });

describe('seeding', () => {
  it('holds the bundled list after install: 114 entries', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    expect(snapshot.entries).toHaveLength(114);
    expect(await entryCount(db)).toBe(114);
    expect(await db.manifests.get('seed')).toMatchObject({ ids: snapshot.entries.map((e) => e.id) });
    expect(await db.lists.get('seed')).toMatchObject({ name: snapshot.name, sourceUrl: snapshot.sourceUrl, enabled: true, entryCount: 114 });
  });

  it('reseeds on update without duplicating entries or touching the reading list', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    const listed = snapshot.entries[0]!;
    expect(value(await send('setSaved', { paperId: listed.id, saved: true }))).toEqual({ saved: true });
    await db.saved.update(listed.id, { note: 'mine' });
    const saved = await listSaved(db);

    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.9', temporary: false });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.1.0', temporary: false });
    expect(await db.manifests.get('seed')).toMatchObject({ ids: snapshot.entries.map((e) => e.id) });
    expect(await listSaved(db)).toEqual(saved);
  });

  it('ignores browser updates, and refills an empty database on startup only when empty', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'browser_update', temporary: false });
    expect(await db.entryChunks.count()).toBe(0);
    await fakeBrowser.runtime.onStartup.trigger();
    expect(await entryCount(db)).toBe(114);

    await db.lists.update('seed', { enabled: false });
    await fakeBrowser.runtime.onStartup.trigger();
    expect(await entryCount(db)).toBe(0);
  });
});

describe('messages', () => {
  beforeEach(async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
  });

  it('answers getStatus with the local copy’s size', async () => {
    const status = value<{ entryCount: number; savedCount: number; lists: { id: string }[] }>(await send('getStatus', {}));
    expect(status.entryCount).toBe(114);
    expect(status.savedCount).toBe(0);
    expect(status.lists.map((l) => l.id)).toEqual(['seed']);
  });

  it('matches a listed arXiv page with its related papers and saved state', async () => {
    const listed = snapshot.entries.find((e) => e.ids.arxiv && e.categories.length > 0)!;
    const page: PageIdentity = { url: `https://arxiv.org/abs/${listed.ids.arxiv}`, arxiv: listed.ids.arxiv, title: listed.title };
    const match = value<PageMatch>(await send('matchPage', page));
    expect(match.paper.id).toBe(listed.id);
    expect(match.via).toBe('arxiv');
    expect(match.saved).toBe(false);
    expect(match.listNames).toEqual([snapshot.name]);
    expect(match.related.length).toBeGreaterThan(0);
    expect(match.related.length).toBeLessThanOrEqual(5);
    expect(match.related.map((p) => p.id)).not.toContain(listed.id);

    await send('setSaved', { paperId: listed.id, saved: true });
    expect(value<PageMatch>(await send('matchPage', page)).saved).toBe(true);
  });

  it('matches by DOI and by title, and answers null for an unlisted page', async () => {
    const withDoi = snapshot.entries.find((e) => e.ids.doi)!;
    expect(value<PageMatch>(await send('matchPage', { url: 'https://doi.org/x', doi: withDoi.ids.doi })).paper.id).toBe(withDoi.id);
    const byTitle = snapshot.entries.find((e) => !e.ids.arxiv && !e.ids.doi) ?? snapshot.entries[0]!;
    expect(value<PageMatch>(await send('matchPage', { url: 'https://example.org/p', title: byTitle.title })).paper.id).toBe(byTitle.id);
    expect(value(await send('matchPage', { url: 'https://arxiv.org/abs/1111.00001', arxiv: '1111.00001', title: 'Nothing like it' }))).toBeNull();
  });

  it('matches a title that differs by one letter or a hyphen, which no exact key finds', async () => {
    const towards = snapshot.entries.find((e) => e.title.startsWith('Towards Accurate Differential Diagnosis'))!;
    const toward = { url: 'https://example.org/p', title: towards.title.replace('Towards', 'Toward') };
    expect(value<PageMatch>(await send('matchPage', toward)).paper.id).toBe(towards.id);
    const hyphen = snapshot.entries.find((e) => e.title.startsWith('Publicly Shareable Clinical'))!;
    const split = { url: 'https://example.org/q', title: hyphen.title.replace('Shareable', 'Share-able') };
    expect(value<PageMatch>(await send('matchPage', split)).paper.id).toBe(hyphen.id);
  });

  it('saves a listed paper with its own copy, and unsaves it', async () => {
    const listed = snapshot.entries[5]!;
    expect(value(await send('setSaved', { paperId: listed.id, saved: true }))).toEqual({ saved: true });
    const [item] = await listSaved(db);
    expect(item).toMatchObject({ id: listed.id, status: 'to-read', paper: { title: listed.title, categories: listed.categories } });
    expect(value(await send('setSaved', { paperId: listed.id, saved: false }))).toEqual({ saved: false });
    expect(await db.saved.count()).toBe(0);
  });

  it('saves an unlisted paper from its page, and says why when it cannot', async () => {
    const page: PageIdentity = { url: 'https://www.medrxiv.org/content/10.1101/2099.01.01.000001v1', doi: '10.1101/2099.01.01.000001', title: 'An unlisted preprint' };
    expect(value(await send('setSaved', { paperId: pagePaperId(page), saved: true, page }))).toEqual({ saved: true });
    expect((await db.saved.get('doi:10.1101/2099.01.01.000001'))?.paper.title).toBe('An unlisted preprint');

    const untitled = await send('setSaved', { paperId: 'url:https://example.org/x', saved: true, page: { url: 'https://example.org/x' } });
    expect(untitled).toEqual({ ok: false, error: expect.stringMatching(/no title/) });
    const unknown = await send('setSaved', { paperId: 'arxiv:1111.00001', saved: true });
    expect(unknown).toEqual({ ok: false, error: expect.stringMatching(/not in your lists/) });
    expect(await db.saved.count()).toBe(1);
  });

  it('answers bad messages with errors and ignores other extensions', async () => {
    expect(await send('matchPage', { url: 7 })).toEqual({ ok: false, error: 'Invalid data for “matchPage”.' });
    expect(await send('dropDatabase', {})).toMatchObject({ ok: false });
    expect(await send('getStatus', {}, 'some-other-extension')).toBeUndefined();
  });
});
});

describe('the whole background', () => {
  beforeEach(() => {
    background.main();
  });

  it('has a handler for every message in lib/messages.ts', () => {
    expect(missingHandlers()).toEqual([]);
  });

  it('holds the 114 bundled entries after install', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    expect(await entryCount(db)).toBe(114);
    expect(value(await send('getStatus', {}))).toMatchObject({ entryCount: 114, savedCount: 0 });
  });
});
