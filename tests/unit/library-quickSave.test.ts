/**
 * Saving without opening Lantern: what the context menu and the keyboard shortcut save (pure
 * rules), and the background wiring on a real (fake-indexeddb) database with the bundled list.
 * The fake browser implements neither context menus, commands nor the toolbar badge, so those
 * few calls are stubbed and recorded.
 */
import 'fake-indexeddb/auto';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Menus, Tabs } from 'webextension-polyfill';
import bundled from '../../assets/catalog.json';
import { seedFromSnapshot } from '../../lib/db/catalog';
import { LanternDB } from '../../lib/db/schema';
import { SAVE_COMMAND } from '../../lib/commandNames';
import { listenForNotices } from '../../lib/messages';
import { linkIdentity, saveTargetFor, urlIdentity } from '../../lib/quickSave';
import type { CatalogSnapshot, PageMatch, Paper } from '../../lib/types';
import { REMOVE_MENU_ID, SAVE_MENU_ID, setupContextMenu } from '../../entrypoints/background/contextMenu';
import { setupCommands } from '../../entrypoints/background/commands';
import { createQuickSave } from '../../entrypoints/background/quickSave';
import { createTabPapers } from '../../entrypoints/background/toolbar';
import { createTabListings } from '../../entrypoints/background/listings';
import { createToolbarButton, type ToolbarButton } from '../../entrypoints/background/button';
import { matchIdentity } from '../../lib/db/papers';
import { savePaper, savedPaperFromPaper } from '../../lib/db/readingList';

const snapshot = bundled as unknown as CatalogSnapshot;
const LISTED_ARXIV = '2311.16452';
const LISTED_ID = `arxiv:${LISTED_ARXIV}`;

describe('saveTargetFor', () => {
  const paper = { id: LISTED_ID } as Paper;
  const match = { paper, via: 'arxiv', related: [], saved: false, listNames: [] } as PageMatch;

  it('saves a listed paper by its entry id, with its page (whose authors may complete the list’s)', () => {
    const page = { url: 'https://arxiv.org/abs/2311.16452', arxiv: LISTED_ARXIV };
    expect(saveTargetFor({ identity: page, match })).toEqual({ paperId: LISTED_ID, page });
    expect(saveTargetFor({ identity: null, match })).toEqual({ paperId: LISTED_ID });
  });

  it('saves an unlisted paper by what its page says, when the page names a title', () => {
    const page = { url: 'https://www.medrxiv.org/content/10.1101/2024.01.01.24300001v1', doi: '10.1101/2024.01.01.24300001', title: 'A preprint' };
    expect(saveTargetFor({ identity: page, match: null })).toEqual({ paperId: 'doi:10.1101/2024.01.01.24300001', page });
  });

  it('says why in plain words when there is nothing to save', () => {
    expect(saveTargetFor({ identity: null, match: null })).toEqual({ error: 'Lantern does not recognize a paper here.' });
    const untitled = saveTargetFor({ identity: { url: 'https://arxiv.org/abs/2401.00001', arxiv: '2401.00001' }, match: null });
    expect('error' in untitled && untitled.error).toMatch(/no title/);
  });
});

describe('linkIdentity and urlIdentity', () => {
  it('recognizes links to papers, with the link text as title when given', () => {
    expect(linkIdentity('https://arxiv.org/pdf/2311.16452v2')).toEqual({ url: 'https://arxiv.org/pdf/2311.16452v2', arxiv: LISTED_ARXIV });
    expect(linkIdentity('https://doi.org/10.1038/s41586-023-06291-2', '  Large language models\n encode clinical knowledge ')).toMatchObject({
      doi: '10.1038/s41586-023-06291-2',
      title: 'Large language models encode clinical knowledge',
    });
    expect(linkIdentity('https://example.org/about')).toBeUndefined();
  });

  it('reads a tab from its URL and title, or nothing', () => {
    expect(urlIdentity('https://arxiv.org/abs/2401.00001', 'A title')).toMatchObject({ arxiv: '2401.00001', title: 'A title' });
    expect(urlIdentity(undefined, 'A title')).toBeNull();
    expect(urlIdentity('https://example.org/', 'A title')).toBeNull();
  });
});

/** The background's quick save over one database, as start.ts builds it, on the toolbar button the tabs' listings paint too. */
function quickSaveOn(database: LanternDB, button = createToolbarButton()) {
  return createQuickSave(database, createTabPapers(database, (identity) => matchIdentity(database, identity), button), button);
}

describe('context menu and shortcut in the background', () => {
  let db: LanternDB;
  let count = 0;
  let badges: { tabId?: number; text: string }[];
  let colors: { tabId?: number; color: unknown }[];

  beforeEach(async () => {
    fakeBrowser.reset();
    db = new LanternDB(`quick-save-test-${++count}`);
    await seedFromSnapshot(db, snapshot);
    badges = [];
    colors = [];
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'Lantern', version: '0.1.0' });
    const action = fakeBrowser.action;
    vi.spyOn(action, 'getTitle').mockResolvedValue('Lantern');
    vi.spyOn(action, 'setTitle').mockResolvedValue(undefined);
    vi.spyOn(action, 'setBadgeBackgroundColor').mockImplementation(async (details) => {
      colors.push({ tabId: details.tabId, color: details.color });
    });
    vi.spyOn(action, 'setIcon').mockResolvedValue(undefined);
    vi.spyOn(action, 'setBadgeText').mockImplementation(async (details) => {
      badges.push({ tabId: details.tabId, text: details.text ?? '' });
    });
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await db.delete();
  });

  function menuListener(button?: ToolbarButton): (info: Menus.OnClickData, tab?: Tabs.Tab) => void {
    let listener: ((info: Menus.OnClickData, tab?: Tabs.Tab) => void) | undefined;
    const created: unknown[] = [];
    vi.spyOn(fakeBrowser.contextMenus, 'removeAll').mockResolvedValue(undefined);
    vi.spyOn(fakeBrowser.contextMenus, 'create').mockImplementation((props) => {
      created.push(props);
      return SAVE_MENU_ID;
    });
    vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation((l) => {
      listener = l;
    });
    setupContextMenu(quickSaveOn(db, button));
    if (!listener) throw new Error('setupContextMenu registered no click listener');
    return listener;
  }

  const click = (over: Partial<Menus.OnClickData>): Menus.OnClickData => ({ menuItemId: SAVE_MENU_ID, editable: false, modifiers: [], ...over });

  it('saves the listed paper a link points to, and confirms on the toolbar badge', async () => {
    const onClick = menuListener();
    onClick(click({ linkUrl: 'https://arxiv.org/pdf/2311.16452v2', pageUrl: 'https://example.org/blog' }), { id: 7 } as Tabs.Tab);
    await vi.waitFor(async () => expect(await db.saved.get(LISTED_ID)).toBeDefined());
    await vi.waitFor(() => expect(badges).toContainEqual({ tabId: 7, text: '✓' }));
    expect((await db.saved.get(LISTED_ID))?.paper.title).toBe(snapshot.entries.find((e) => e.id === LISTED_ID)?.title);
  });

  it('gives a listing tab its count of listed papers back, in its colour, after the short-lived "✓"', async () => {
    const button = createToolbarButton();
    const listings = createTabListings(db, button);
    const onClick = menuListener(button);
    const tab = { kind: 'content' as const, tabId: 7, url: 'https://example.org/blog' };
    // The page links two listed papers: the button counts them.
    await listings.handlers.lookupListed({ items: [{ arxiv: '2311.16079' }, { arxiv: LISTED_ARXIV }], read: 'links', first: true, ui: false }, tab);
    await vi.waitFor(() => expect(badges.at(-1)).toEqual({ tabId: 7, text: '2' }));
    const countColor = colors.at(-1)!.color;
    onClick(click({ linkUrl: `https://arxiv.org/abs/${LISTED_ARXIV}`, pageUrl: tab.url }), { id: 7 } as Tabs.Tab);
    await vi.waitFor(() => expect(badges.at(-1)).toEqual({ tabId: 7, text: '✓' }));
    expect(colors.at(-1)!.color).not.toEqual(countColor);
    await vi.waitFor(() => expect(badges.at(-1)).toEqual({ tabId: 7, text: '2' }), { timeout: 5_000 });
    expect(colors.at(-1)).toEqual({ tabId: 7, color: countColor });
  }, 10_000);

  it('saves an unlisted paper from the page URL and title; says why not on a page that names none', async () => {
    const onClick = menuListener();
    vi.spyOn(fakeBrowser.tabs, 'get').mockRejectedValue(new Error('no tab'));
    onClick(click({ pageUrl: 'https://arxiv.org/abs/2401.00001' }), { id: 8, url: 'https://arxiv.org/abs/2401.00001', title: 'An unlisted preprint' } as Tabs.Tab);
    await vi.waitFor(async () => expect(await db.saved.get('arxiv:2401.00001')).toMatchObject({ paper: { title: 'An unlisted preprint' } }));
    await vi.waitFor(() => expect(badges).toContainEqual({ tabId: 8, text: '✓' }));

    onClick(click({ pageUrl: 'https://example.org/' }), { id: 9, url: 'https://example.org/', title: 'Home' } as Tabs.Tab);
    await vi.waitFor(() => expect(badges).toContainEqual({ tabId: 9, text: '!' }));
    expect(await db.saved.count()).toBe(1);
  });

  it('removes a paper from the menu recoverably, asking first (on the toolbar button) when it has a note or tags', async () => {
    const notices: number[] = [];
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(async (tabId: number) => {
      notices.push(tabId);
    });
    const onClick = menuListener();
    const link = { linkUrl: 'https://arxiv.org/abs/2311.16452', pageUrl: 'https://example.org/blog' };
    onClick(click({ menuItemId: REMOVE_MENU_ID, ...link }), { id: 7 } as Tabs.Tab);
    await vi.waitFor(() => expect(badges).toContainEqual({ tabId: 7, text: '!' }));

    onClick(click(link), { id: 7 } as Tabs.Tab);
    await vi.waitFor(async () => expect(await db.saved.get(LISTED_ID)).toBeDefined());
    await db.saved.update(LISTED_ID, { note: 'mine', tags: ['t'] });
    const before = await db.saved.get(LISTED_ID);
    badges.length = 0;
    onClick(click({ menuItemId: REMOVE_MENU_ID, ...link }), { id: 7 } as Tabs.Tab);
    await vi.waitFor(() => expect(badges).toContainEqual({ tabId: 7, text: '?' }));
    expect(await db.saved.get(LISTED_ID)).toEqual(before);

    onClick(click({ menuItemId: REMOVE_MENU_ID, ...link }), { id: 7 } as Tabs.Tab);
    await vi.waitFor(() => expect(badges).toContainEqual({ tabId: 7, text: '−' }));
    expect(await db.saved.get(LISTED_ID)).toBeUndefined();
    expect((await db.removed.get(LISTED_ID))?.item).toEqual(before);
    // The tab's badge is told to look again (it then offers Undo); saving again restores exactly.
    expect(notices.at(-1)).toBe(7);
    const listed = (await matchIdentity(db, { url: link.linkUrl, arxiv: '2311.16452' }))!;
    expect(listed.recentlyRemoved).toBe(true);
    await savePaper(db, savedPaperFromPaper(listed.paper));
    expect(await db.saved.get(LISTED_ID)).toEqual(before);

    // Asked again next time: the earlier answer was for that removal only.
    badges.length = 0;
    onClick(click({ menuItemId: REMOVE_MENU_ID, ...link }), { id: 7 } as Tabs.Tab);
    await vi.waitFor(() => expect(badges).toContainEqual({ tabId: 7, text: '?' }));
    expect(await db.saved.get(LISTED_ID)).toEqual(before);
  });

  it('ignores other menu items', async () => {
    const onClick = menuListener();
    onClick(click({ menuItemId: 'something-else', linkUrl: 'https://arxiv.org/abs/2311.16452' }), { id: 7 } as Tabs.Tab);
    await new Promise((r) => setTimeout(r, 50));
    expect(await db.saved.count()).toBe(0);
  });

  it('saves the current tab’s paper on the save command', async () => {
    let listener: ((command: string, tab: Tabs.Tab | undefined) => void) | undefined;
    vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation((l) => {
      listener = l;
    });
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({ id: 3, url: 'https://arxiv.org/abs/2311.16452v1' } as Tabs.Tab);
    setupCommands(quickSaveOn(db));
    listener?.('some-other-command', { id: 3 } as Tabs.Tab);
    listener?.(SAVE_COMMAND, { id: 3, url: 'https://arxiv.org/abs/2311.16452v1' } as Tabs.Tab);
    await vi.waitFor(async () => expect(await db.saved.get(LISTED_ID)).toBeDefined());
    await vi.waitFor(() => expect(badges).toContainEqual({ tabId: 3, text: '✓' }));
    expect(await db.saved.count()).toBe(1);
  });

  it('tells the saved tab’s badge to look again, and only after a save', async () => {
    const notices: { tabId: number; message: unknown }[] = [];
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(async (tabId: number, message: unknown) => {
      notices.push({ tabId, message });
    });
    const onClick = menuListener();
    onClick(click({ linkUrl: 'https://arxiv.org/abs/2311.16452', pageUrl: 'https://example.org/blog' }), { id: 7 } as Tabs.Tab);
    await vi.waitFor(() => expect(notices).toEqual([{ tabId: 7, message: { lantern: 1, notice: 'savedChanged' } }]));
    onClick(click({ pageUrl: 'https://example.org/' }), { id: 9, url: 'https://example.org/', title: 'Home' } as Tabs.Tab);
    await vi.waitFor(() => expect(badges).toContainEqual({ tabId: 9, text: '!' }));
    expect(notices).toHaveLength(1);
  });
});

describe('notices to content scripts', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reach the listener only from this extension, and stop when it is removed', async () => {
    const heard: string[] = [];
    const stop = listenForNotices((notice) => heard.push(notice));
    await fakeBrowser.runtime.onMessage.trigger({ lantern: 1, notice: 'savedChanged' }, { id: fakeBrowser.runtime.id });
    await fakeBrowser.runtime.onMessage.trigger({ lantern: 1, notice: 'savedChanged' }, { id: 'another-extension' });
    await fakeBrowser.runtime.onMessage.trigger({ lantern: 1, notice: 'somethingElse' }, { id: fakeBrowser.runtime.id });
    stop();
    await fakeBrowser.runtime.onMessage.trigger({ lantern: 1, notice: 'savedChanged' }, { id: fakeBrowser.runtime.id });
    expect(heard).toEqual(['savedChanged']);
  });
});
