/**
 * The background's side of listing marks: one lookup answers a batch, the tab keeps what it was
 * told, and a content script may open the card of, or save, only the listed papers of its own
 * tab's current page.
 */
import 'fake-indexeddb/auto';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import snapshotJson from '../../assets/catalog.json';
import { createTabListings, type TabListings } from '../../entrypoints/background/listings';
import { createToolbarButton } from '../../entrypoints/background/button';
import { seedFromSnapshot } from '../../lib/db/catalog';
import { LanternDB } from '../../lib/db/schema';
import { MARK_SETTINGS_KEY } from '../../lib/markSettings';
import type { Sender } from '../../lib/messages';
import type { CatalogSnapshot } from '../../lib/types';

let db: LanternDB;
let listings: TabListings;
let n = 0;
const PAGE = 'https://arxiv.org/list/cs.CL/new';
const tab1: Sender = { kind: 'content', tabId: 1, url: PAGE };

beforeEach(async () => {
  fakeBrowser.reset();
  db = new LanternDB(`listings-bg-${n++}`);
  await seedFromSnapshot(db, snapshotJson as CatalogSnapshot, 1000);
  listings = createTabListings(db, createToolbarButton());
});

describe('lookupListed', () => {
  it('answers a batch aligned with its items and keeps the tab’s listed papers, each once', async () => {
    const { hits } = await listings.handlers.lookupListed(
      { items: [{ arxiv: '2311.16452' }, { arxiv: '2406.01234' }, { arxiv: '2311.16452' }], read: 'listing', first: true },
      tab1,
    );
    expect(hits.map((h) => h?.id ?? null)).toEqual(['arxiv:2311.16452', null, 'arxiv:2311.16452']);
    await listings.handlers.lookupListed({ items: [{ arxiv: '2311.16079' }], read: 'listing', first: false }, tab1);
    await listings.handlers.lookupListed({ items: [{ doi: '10.1038/s41591-023-02448-8' }], read: 'references', first: false }, tab1);
    const record = await listings.handlers.getTabListed({ tabId: 1 }, { kind: 'extension' });
    expect(record.listed.map((h) => h.id)).toEqual(['arxiv:2311.16452', 'arxiv:2311.16079']);
    expect(record.cites.map((h) => h.id)).toEqual(['doi:10.1038/s41591-023-02448-8']);
  });

  it('injects the marks’ UI with an answer that asks for it, only when something is listed', async () => {
    const injected: unknown[] = [];
    fakeBrowser.scripting.executeScript = (async (injection: unknown) => {
      injected.push(injection);
      return [];
    }) as typeof fakeBrowser.scripting.executeScript;
    await listings.handlers.lookupListed({ items: [{ arxiv: '2406.01234' }], read: 'listing', first: true, ui: true }, tab1);
    expect(injected).toEqual([]);
    await listings.handlers.lookupListed({ items: [{ arxiv: '2311.16452' }], read: 'listing', first: false }, tab1);
    expect(injected).toEqual([]);
    await listings.handlers.lookupListed({ items: [{ arxiv: '2311.16452' }], read: 'listing', first: false, ui: true }, tab1);
    expect(injected).toEqual([{ target: { tabId: 1 }, files: ['/badge-ui.js'], injectImmediately: true }]);
  });

  it('answers a kind of read the reader turned off with nothing, records nothing, and says it is off', async () => {
    await fakeBrowser.storage.local.set({ [MARK_SETTINGS_KEY]: { listings: false, references: true, suggest: true } });
    const listing = await listings.handlers.lookupListed({ items: [{ arxiv: '2311.16452' }], read: 'listing', first: true, ui: true }, tab1);
    expect(listing).toEqual({ hits: [null], off: true });
    expect(await listings.handlers.lookupListed({ items: [{ arxiv: '2311.16079' }], read: 'links', first: false }, tab1)).toEqual({ hits: [null], off: true });
    const references = await listings.handlers.lookupListed({ items: [{ doi: '10.1038/s41591-023-02448-8' }], read: 'references', first: false }, tab1);
    expect(references.off).toBeUndefined();
    expect(references.hits.map((h) => h?.id ?? null)).toEqual(['doi:10.1038/s41591-023-02448-8']);
    const record = await listings.handlers.getTabListed({ tabId: 1 }, { kind: 'extension' });
    expect(record.listed).toEqual([]);
    expect(record.cites.map((h) => h.id)).toEqual(['doi:10.1038/s41591-023-02448-8']);
    await fakeBrowser.storage.local.set({ [MARK_SETTINGS_KEY]: { listings: true, references: false, suggest: true } });
    expect(await listings.handlers.lookupListed({ items: [{ doi: '10.1038/s41591-023-02448-8' }], read: 'references', first: false }, tab1)).toEqual({ hits: [null], off: true });
    expect((await listings.handlers.lookupListed({ items: [{ arxiv: '2311.16452' }], read: 'listing', first: false }, tab1)).hits[0]?.id).toBe('arxiv:2311.16452');
  });

  it('starts the record over for a new page', async () => {
    await listings.handlers.lookupListed({ items: [{ arxiv: '2311.16452' }], read: 'listing', first: true }, tab1);
    await listings.handlers.lookupListed({ items: [{ arxiv: '2311.16079' }], read: 'listing', first: true }, { kind: 'content', tabId: 1, url: `${PAGE}?skip=25` });
    expect((await listings.handlers.getTabListed({ tabId: 1 }, { kind: 'extension' })).listed.map((h) => h.id)).toEqual(['arxiv:2311.16079']);
  });
});

describe('marksCapped', () => {
  it('notes the cap on the sender’s own page only', async () => {
    const capped = async () => (await listings.handlers.getTabListed({ tabId: 1 }, { kind: 'extension' })).capped;
    await listings.handlers.lookupListed({ items: [{ arxiv: '2311.16452' }], read: 'links', first: true }, tab1);
    expect(await capped()).toBe(false);
    // Another page in the same tab (the record is about PAGE) and another tab: nothing changes.
    await listings.handlers.marksCapped({}, { ...tab1, url: 'https://github.com/someone/other' });
    await listings.handlers.marksCapped({}, { ...tab1, tabId: 2 });
    expect(await capped()).toBe(false);
    await listings.handlers.marksCapped({}, tab1);
    expect(await capped()).toBe(true);
    // A new page starts the record over.
    await listings.handlers.lookupListed({ items: [{ arxiv: '2311.16452' }], read: 'links', first: true }, tab1);
    expect(await capped()).toBe(false);
  });
});

describe('a tab asks only about its own listed papers', () => {
  beforeEach(async () => {
    await listings.handlers.lookupListed({ items: [{ arxiv: '2311.16452' }], read: 'listing', first: true }, tab1);
  });

  it('opens the card and saves a paper listed on its page', async () => {
    expect((await listings.handlers.getListedPaper({ paperId: 'arxiv:2311.16452' }, tab1))?.paper.id).toBe('arxiv:2311.16452');
    expect(await listings.handlers.saveListed({ paperId: 'arxiv:2311.16452', saved: true }, tab1)).toEqual({ status: 'saved' });
    expect(await db.saved.get('arxiv:2311.16452')).toBeDefined();
    expect((await listings.handlers.getTabListed({ tabId: 1 }, { kind: 'extension' })).listed[0]?.status).toBe('saved');
  });

  it('sets the reading status from a mark’s card, saving the paper first when needed', async () => {
    expect(await listings.handlers.saveListed({ paperId: 'arxiv:2311.16452', saved: true, status: 'reading' }, tab1)).toEqual({ status: 'reading' });
    expect((await db.saved.get('arxiv:2311.16452'))?.status).toBe('reading');
    expect((await listings.handlers.getListedPaper({ paperId: 'arxiv:2311.16452' }, tab1))?.status).toBe('reading');
    expect(await listings.handlers.saveListed({ paperId: 'arxiv:2311.16452', saved: true, status: 'to-read' }, tab1)).toEqual({ status: 'saved' });
    expect(await listings.handlers.saveListed({ paperId: 'arxiv:2311.16452', saved: false }, tab1)).toEqual({ status: 'none' });
    await expect(listings.handlers.saveListed({ paperId: 'arxiv:2311.16079', saved: true, status: 'read' }, tab1)).rejects.toThrow();
    expect(await db.saved.get('arxiv:2311.16079')).toBeUndefined();
  });

  it('refuses another listed paper, another tab, and the same tab on another page', async () => {
    await expect(listings.handlers.getListedPaper({ paperId: 'arxiv:2311.16079' }, tab1)).rejects.toThrow(/not among the listed papers/);
    await expect(listings.handlers.saveListed({ paperId: 'arxiv:2311.16079', saved: true }, tab1)).rejects.toThrow();
    await expect(listings.handlers.saveListed({ paperId: 'arxiv:2311.16452', saved: true }, { kind: 'content', tabId: 2, url: PAGE })).rejects.toThrow();
    await expect(listings.handlers.saveListed({ paperId: 'arxiv:2311.16452', saved: true }, { kind: 'content', tabId: 1, url: 'https://evil.example/' })).rejects.toThrow();
    await expect(listings.handlers.saveListed({ paperId: 'arxiv:2311.16452', saved: true }, { kind: 'content' })).rejects.toThrow();
    expect(await db.saved.count()).toBe(0);
  });

  it('forgets a closed tab', async () => {
    await listings.forget(1);
    await expect(listings.handlers.getListedPaper({ paperId: 'arxiv:2311.16452' }, tab1)).rejects.toThrow();
  });
});
