import 'fake-indexeddb/auto';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Tabs } from 'webextension-polyfill';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import background from '../../entrypoints/background';
import { startBackground, type Background } from '../../entrypoints/background/start';
import bundled from '../../assets/catalog.json';
import { db } from '../../lib/db/instance';
import { fakePermissionEvents } from '../fixtures/permissionEvents';
import { entryCount } from '../../lib/db/catalog';
import { REMOVED_KEPT_MS, listSaved } from '../../lib/db/readingList';
import { pagePaperId } from '../../lib/page/savedPaper';
import { validators, type Reply } from '../../lib/messages';
import type { CatalogSnapshot, PageIdentity, PageMatch, SavedItem } from '../../lib/types';

const snapshot = bundled as unknown as CatalogSnapshot;
/** setSaved's answers: saved (no note or tags yet), and removed but restorable. */
const SAVED = { saved: true, recentlyRemoved: false, hasNoteOrTags: false, status: 'to-read' };
const REMOVED = { saved: false, recentlyRemoved: true, hasNoteOrTags: false };

/** Sends a message through the listener the background registered, as a page of this extension would. */
async function send(type: string, data: unknown, senderId = fakeBrowser.runtime.id): Promise<Reply<unknown> | undefined> {
  const sender = { id: senderId, url: fakeBrowser.runtime.getURL('/popup.html') };
  const replies = await fakeBrowser.runtime.onMessage.trigger({ lantern: 1, type, data }, sender);
  return replies.find((r) => r !== undefined) as Reply<unknown> | undefined;
}

function value<T>(reply: Reply<unknown> | undefined): T {
  if (!reply?.ok) throw new Error(`expected an ok reply, got ${JSON.stringify(reply)}`);
  return reply.value as T;
}

beforeEach(async () => {
  fakeBrowser.reset();
  fakePermissionEvents();
  await db.delete();
  await db.open();
});

describe('seeding and messages', () => {
  let started: Background;
  beforeEach(() => {
    started = startBackground(db, snapshot);
  });
  afterEach(() => started.stop());

  it('has a handler for every message in lib/messages.ts', () => {
    expect(Object.keys(started.handlers).sort()).toEqual(Object.keys(validators).sort());
    expect(Object.values(started.handlers).every((h) => typeof h === 'function')).toBe(true);
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
    expect(value(await send('setSaved', { paperId: listed.id, saved: true }))).toEqual(SAVED);
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
    expect(value(await send('setSaved', { paperId: listed.id, saved: true }))).toEqual(SAVED);
    const [item] = await listSaved(db);
    expect(item).toMatchObject({ id: listed.id, status: 'to-read', paper: { title: listed.title, categories: listed.categories } });
    expect(value(await send('setSaved', { paperId: listed.id, saved: false }))).toEqual(REMOVED);
    expect(await db.saved.count()).toBe(0);
  });

  it('saves an unlisted paper from its page, and says why when it cannot', async () => {
    const page: PageIdentity = { url: 'https://www.medrxiv.org/content/10.1101/2099.01.01.000001v1', doi: '10.1101/2099.01.01.000001', title: 'An unlisted preprint' };
    expect(value(await send('setSaved', { paperId: pagePaperId(page), saved: true, page }))).toEqual(SAVED);
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

  it('holds the 114 bundled entries after install', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    expect(await entryCount(db)).toBe(114);
    expect(value(await send('getStatus', {}))).toMatchObject({ entryCount: 114, savedCount: 0 });
  });

  it('answers a paper page that asks while the bundled list is being stored from that list, not "unlisted"', async () => {
    const listed = snapshot.entries.find((e) => e.ids.arxiv)!;
    const url = `https://arxiv.org/abs/${listed.ids.arxiv}`;
    const installed = fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    const sender = { id: fakeBrowser.runtime.id, url, tab: { id: 3, url } as Tabs.Tab };
    const replies = await fakeBrowser.runtime.onMessage.trigger({ lantern: 1, type: 'matchPage', data: { url, arxiv: listed.ids.arxiv } }, sender);
    expect(value<PageMatch | null>(replies.find((r) => r !== undefined) as Reply<unknown> | undefined)?.paper.id).toBe(listed.id);
    await installed;
  });
});

describe('content scripts, only about their own tab', () => {
  const listed = snapshot.entries.find((e) => e.ids.arxiv)!;
  const other = snapshot.entries.find((e) => e.ids.arxiv && e.id !== listed.id)!;
  const listedUrl = `https://arxiv.org/abs/${listed.ids.arxiv}`;

  /** Sends as the content script of tab `tabId` showing `url` would. */
  async function sendFromTab(tabId: number, url: string, type: string, data: unknown): Promise<Reply<unknown> | undefined> {
    const sender = { id: fakeBrowser.runtime.id, url, tab: { id: tabId, url } as Tabs.Tab };
    const replies = await fakeBrowser.runtime.onMessage.trigger({ lantern: 1, type, data }, sender);
    return replies.find((r) => r !== undefined) as Reply<unknown> | undefined;
  }

  let started: Background;
  beforeEach(async () => {
    started = startBackground(db, snapshot);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
  });
  afterEach(() => started.stop());

  it('saves and unsaves the paper the background matched for the tab, and no other', async () => {
    const page: PageIdentity = { url: listedUrl, arxiv: listed.ids.arxiv, title: listed.title };
    expect(value<PageMatch>(await sendFromTab(5, listedUrl, 'matchPage', page)).paper.id).toBe(listed.id);
    expect(value(await sendFromTab(5, listedUrl, 'setSaved', { paperId: listed.id, saved: true }))).toEqual(SAVED);
    expect(await db.saved.get(listed.id)).toBeDefined();

    expect(value(await send('setSaved', { paperId: other.id, saved: true }))).toEqual(SAVED);
    expect(await sendFromTab(5, listedUrl, 'setSaved', { paperId: other.id, saved: false })).toEqual({ ok: false, error: 'A page can only save or unsave its own paper.' });
    expect(await db.saved.get(other.id)).toBeDefined();
    // Another tab's record does not count either.
    expect(await sendFromTab(6, listedUrl, 'setSaved', { paperId: listed.id, saved: false })).toMatchObject({ ok: false });
    expect(await db.saved.get(listed.id)).toBeDefined();

    expect(value(await sendFromTab(5, listedUrl, 'setSaved', { paperId: listed.id, saved: false }))).toEqual(REMOVED);
    expect(await db.saved.get(listed.id)).toBeUndefined();
  });

  it('answers a page only about the paper its address names, so it can neither read nor save another', async () => {
    expect(value(await send('setSaved', { paperId: other.id, saved: true, status: 'reading' }))).toMatchObject({ saved: true, status: 'reading' });
    const claim: PageIdentity = { url: listedUrl, arxiv: other.ids.arxiv, title: other.title };
    expect(await sendFromTab(5, listedUrl, 'matchPage', claim)).toEqual({ ok: false, error: 'This page’s address names another paper.' });
    expect(await sendFromTab(5, listedUrl, 'setSaved', { paperId: other.id, saved: false })).toMatchObject({ ok: false });
    expect((await db.saved.get(other.id))?.status).toBe('reading');
    // A page whose address names no paper is known by its metadata, which only its own content script reads.
    const journal = 'https://journal.example/article/42';
    expect(value<PageMatch>(await sendFromTab(5, journal, 'matchPage', { url: journal, arxiv: other.ids.arxiv })).paper.id).toBe(other.id);
    // A page Chrome prerenders is not yet its tab's page: its own address counts too.
    const prerendered = { id: fakeBrowser.runtime.id, url: listedUrl, tab: { id: 8, url: `https://arxiv.org/abs/${other.ids.arxiv}` } as Tabs.Tab };
    const replies = await fakeBrowser.runtime.onMessage.trigger({ lantern: 1, type: 'matchPage', data: { url: listedUrl, arxiv: listed.ids.arxiv } }, prerendered);
    expect(value<PageMatch>(replies.find((r) => r !== undefined) as Reply<unknown> | undefined).paper.id).toBe(listed.id);
  });

  it('saves the tab’s listed paper with the authors its own page names, where the list cut them short', async () => {
    const medprompt = snapshot.entries.find((e) => e.ids.arxiv === '2311.16452')!;
    expect(medprompt.authorList).toEqual({ names: [{ family: 'Nori', given: 'Harsha' }], etAl: true });
    const url = 'https://arxiv.org/abs/2311.16452';
    const page: PageIdentity = { url, arxiv: '2311.16452', title: medprompt.title, authors: ['Nori, Harsha', 'Lee, Yin Tat', 'Horvitz, Eric'] };
    await sendFromTab(7, url, 'matchPage', page);
    expect(value(await sendFromTab(7, url, 'setSaved', { paperId: medprompt.id, saved: true }))).toEqual(SAVED);
    const saved = await db.saved.get(medprompt.id);
    expect(saved?.paper.authorList.names.map((n) => n.family)).toEqual(['Nori', 'Lee', 'Horvitz']);
    expect(saved?.paper.authors).toBe(medprompt.authors);
  });

  it('sets the reading status of the tab’s own paper, saving it first when needed, and of no other', async () => {
    const page: PageIdentity = { url: listedUrl, arxiv: listed.ids.arxiv, title: listed.title };
    await sendFromTab(5, listedUrl, 'matchPage', page);
    expect(value(await sendFromTab(5, listedUrl, 'setSaved', { paperId: listed.id, saved: true, status: 'reading' }))).toEqual({ ...SAVED, status: 'reading' });
    expect((await db.saved.get(listed.id))?.status).toBe('reading');
    expect(value(await sendFromTab(5, listedUrl, 'setSaved', { paperId: listed.id, saved: true, status: 'read' }))).toEqual({ ...SAVED, status: 'read' });
    expect(value<PageMatch>(await sendFromTab(5, listedUrl, 'matchPage', page)).status).toBe('read');
    expect(await sendFromTab(5, listedUrl, 'setSaved', { paperId: listed.id, saved: true, status: 'done' })).toMatchObject({ ok: false });
    expect(value(await send('setSaved', { paperId: other.id, saved: true }))).toEqual(SAVED);
    expect(await sendFromTab(5, listedUrl, 'setSaved', { paperId: other.id, saved: true, status: 'read' })).toMatchObject({ ok: false });
    expect((await db.saved.get(other.id))?.status).toBe('to-read');
    expect((await db.saved.get(listed.id))?.status).toBe('read');
  });

  it('asks Zotero about its own paper only', async () => {
    await sendFromTab(5, listedUrl, 'matchPage', { url: listedUrl, arxiv: listed.ids.arxiv });
    expect(value(await sendFromTab(5, listedUrl, 'getInZotero', { paperIds: [listed.id] }))).toEqual({ paperIds: [] });
    for (const type of ['getInZotero', 'sendToZotero']) {
      expect(await sendFromTab(5, listedUrl, type, { paperIds: [listed.id, other.id] })).toEqual({ ok: false, error: 'A page can only ask about its own paper and the listed papers on it.' });
    }
  });

  it('asks Zotero about the listed papers a listing page was told of (a mark’s card), and no other', async () => {
    const listingUrl = 'https://arxiv.org/list/cs.CL/new';
    expect(value<{ hits: unknown[] }>(await sendFromTab(8, listingUrl, 'lookupListed', { items: [{ arxiv: listed.ids.arxiv }], read: 'listing', first: true })).hits).toHaveLength(1);
    expect(value(await sendFromTab(8, listingUrl, 'getInZotero', { paperIds: [listed.id] }))).toEqual({ paperIds: [] });
    expect(await sendFromTab(8, listingUrl, 'getInZotero', { paperIds: [other.id] })).toMatchObject({ ok: false });
    // Another tab, or the same tab on another page, was told of nothing.
    expect(await sendFromTab(9, listingUrl, 'getInZotero', { paperIds: [listed.id] })).toMatchObject({ ok: false });
    expect(await sendFromTab(8, `${listingUrl}?skip=25`, 'getInZotero', { paperIds: [listed.id] })).toMatchObject({ ok: false });
  });

  it('refuses to save before the background matched anything for the tab, and for another URL', async () => {
    expect(await sendFromTab(5, listedUrl, 'setSaved', { paperId: listed.id, saved: true })).toEqual({ ok: false, error: 'Lantern has not recognized a paper on this page.' });
    await sendFromTab(5, listedUrl, 'matchPage', { url: listedUrl, arxiv: listed.ids.arxiv });
    expect(await sendFromTab(5, `${listedUrl}?moved`, 'setSaved', { paperId: listed.id, saved: true })).toMatchObject({ ok: false });
    expect(await db.saved.count()).toBe(0);
  });

  it('saves an unlisted paper only as the background recorded it, never from a page-supplied record', async () => {
    const url = 'https://www.medrxiv.org/content/10.1101/2099.01.01.000001v1';
    const recorded: PageIdentity = { url, doi: '10.1101/2099.01.01.000001', title: 'An unlisted preprint' };
    expect(value(await sendFromTab(7, url, 'matchPage', recorded))).toBeNull();
    const forged = { ...recorded, title: 'Something else entirely' };
    expect(value(await sendFromTab(7, url, 'setSaved', { paperId: pagePaperId(recorded), saved: true, page: forged }))).toEqual(SAVED);
    expect((await db.saved.get(pagePaperId(recorded)))?.paper.title).toBe('An unlisted preprint');
    const elsewhere: PageIdentity = { url: 'https://example.org/p', doi: '10.1/else', title: 'Else' };
    expect(await sendFromTab(7, url, 'setSaved', { paperId: pagePaperId(elsewhere), saved: true, page: elsewhere })).toMatchObject({ ok: false });
    expect(await db.saved.count()).toBe(1);
  });

  it('refuses every message meant for Lantern’s own pages, without running it', async () => {
    await send('setSaved', { paperId: other.id, saved: true });
    const refused: [string, unknown][] = [
      ['getStatus', {}],
      ['getTabPaper', { tabId: 1 }],
      ['refreshLists', {}],
      ['addList', { url: 'https://raw.githubusercontent.com/o/r/main/README.md' }],
      ['removeList', { listId: 'seed' }],
      ['setListEnabled', { listId: 'seed', enabled: false }],
      ['getRefreshState', {}],
      ['setRefreshSchedule', { intervalHours: 0 }],
      ['markEntriesSeen', {}],
      ['readingListChanged', {}],
      ['getTabListed', { tabId: 1 }],
    ];
    for (const [type, data] of refused) {
      expect(await sendFromTab(5, listedUrl, type, data)).toEqual({ ok: false, error: `“${type}” is answered for Lantern’s own pages only.` });
    }
    expect((await db.lists.get('seed'))?.enabled).toBe(true);
    expect(value(await send('getRefreshState', {}))).toMatchObject({ schedule: { intervalHours: 24 } });
  });
});

describe('removed papers', () => {
  it('are forgotten 30 days after their removal, each time the background starts', async () => {
    const listed = snapshot.entries[0]!;
    const item = { id: listed.id, paper: { id: listed.id }, note: 'mine', tags: [] } as unknown as SavedItem;
    const now = Date.now();
    await db.removed.bulkPut([
      { id: 'old', removedAt: now - REMOVED_KEPT_MS - 60_000, item: { ...item, id: 'old' } },
      { id: listed.id, removedAt: now - REMOVED_KEPT_MS + 60_000, item },
    ]);
    const started = startBackground(db, snapshot);
    try {
      expect(await started.purged).toBe(1);
      expect(await db.removed.toCollection().primaryKeys()).toEqual([listed.id]);
    } finally {
      await started.stop();
    }
  });
});
