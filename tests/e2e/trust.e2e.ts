/**
 * What a web page, or a content script it managed to compromise, can do to Lantern: in real
 * Chromium, with the built extension. Messages are sent from the content script's own isolated
 * world (through the DevTools protocol, tests/e2e/devtools.ts), exactly as a compromised
 * content script could send them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionSession } from './harness';
import { sendFromExtensionPage, tabIdOf, waitForAnswer, waitForBadge, waitForSeed } from './badge.page';
import { contentScriptWorld, type ContentScriptWorld } from './devtools';
import { readFixture } from '../fixtures/pages/pages';

const LISTED_URL = 'https://arxiv.org/abs/2311.16452';
const LISTED_ID = 'arxiv:2311.16452';
const OTHER_ID = 'arxiv:2311.16079';
const OTHER_URL = 'https://arxiv.org/abs/2311.16079';

type Reply = { ok: boolean; value?: unknown; error?: string };

describe('content scripts get only what their own tab needs', () => {
  let ext: ExtensionSession;
  let page: Page;
  let world: ContentScriptWorld;

  const send = (type: string, data: unknown) => world.sendMessage<Reply>({ lantern: 1, type, data });

  beforeAll(async () => {
    ext = await launchExtension();
    ext.routePages({
      [LISTED_URL]: { body: readFixture('arxiv-abs-2311.16452.html') },
      [OTHER_URL]: { body: '<!DOCTYPE html><html><head><title>Other tab</title></head><body><h1>A private page title</h1></body></html>' },
      'https://intranet.example/': { body: '# Secret list\n' },
    });
    await waitForSeed(ext);
    page = await ext.context.newPage();
    await page.goto(LISTED_URL);
    await waitForAnswer(ext, page);
    await waitForBadge(page, LISTED_ID);
    world = await contentScriptWorld(page, 'Lantern');
  });

  afterAll(async () => {
    await ext?.close();
  });

  it('answers matchPage and loadBadgeUi', async () => {
    const match = await send('matchPage', { url: LISTED_URL, arxiv: '2311.16452' });
    expect(match).toMatchObject({ ok: true, value: { paper: { id: LISTED_ID } } });
    expect(await send('loadBadgeUi', {})).toEqual({ ok: true, value: { loaded: true } });
  });

  it('refuses every privileged message and runs none of them', async () => {
    const other = await ext.context.newPage();
    await other.goto(OTHER_URL);
    const otherTab = await tabIdOf(ext, OTHER_URL);
    const privileged: [string, unknown][] = [
      ['getStatus', {}],
      ['getTabPaper', { tabId: otherTab }],
      ['refreshLists', {}],
      ['addList', { url: 'https://intranet.example/' }],
      ['removeList', { listId: 'seed' }],
      ['setListEnabled', { listId: 'seed', enabled: false }],
      ['getRefreshState', {}],
      ['setRefreshSchedule', { intervalHours: 0 }],
      ['markEntriesSeen', {}],
      ['readingListChanged', {}],
      ['getTabListed', { tabId: otherTab }],
    ];
    for (const [type, data] of privileged) {
      const reply = await send(type, data);
      expect(reply, type).toEqual({ ok: false, error: `“${type}” is answered for Lantern’s own pages only.` });
      expect(JSON.stringify(reply)).not.toContain('private page title');
      expect(JSON.stringify(reply)).not.toContain(OTHER_URL);
    }
    // Nothing changed: the seed list is still on, alone, and checked daily.
    const state = (await sendFromExtensionPage(ext, 'getRefreshState', {})) as { value: { lists: { id: string; enabled: boolean }[]; schedule: { intervalHours: number } } };
    expect(state.value.lists.map((l) => [l.id, l.enabled])).toEqual([['seed', true]]);
    expect(state.value.schedule.intervalHours).toBe(24);
    await other.close();
  });

  it('tells a page nothing of a paper its address does not name, and keeps it from saving it', async () => {
    expect(await sendFromExtensionPage(ext, 'setSaved', { paperId: OTHER_ID, saved: true, status: 'reading' })).toMatchObject({ ok: true });
    try {
      const claimed = await send('matchPage', { url: LISTED_URL, arxiv: '2311.16079' });
      expect(claimed).toEqual({ ok: false, error: 'This page’s address names another paper.' });
      expect(await send('setSaved', { paperId: OTHER_ID, saved: false })).toMatchObject({ ok: false });
      const status = (await sendFromExtensionPage(ext, 'getStatus', {})) as { value: { savedCount: number } };
      expect(status.value.savedCount).toBe(1);
    } finally {
      await sendFromExtensionPage(ext, 'setSaved', { paperId: OTHER_ID, saved: false });
    }
  });

  it('saves and unsaves only the paper the background matched for its tab, never a page-supplied record', async () => {
    expect(await send('setSaved', { paperId: OTHER_ID, saved: true })).toEqual({ ok: false, error: 'A page can only save or unsave its own paper.' });
    const forged = { url: 'https://evil.example/', doi: '10.1/forged', title: 'Forged' };
    expect(await send('setSaved', { paperId: 'doi:10.1/forged', saved: true, page: forged })).toMatchObject({ ok: false });

    // A paper saved elsewhere cannot be unsaved from this page.
    expect(await sendFromExtensionPage(ext, 'setSaved', { paperId: OTHER_ID, saved: true })).toMatchObject({ ok: true });
    expect(await send('setSaved', { paperId: OTHER_ID, saved: false })).toMatchObject({ ok: false });
    const status = (await sendFromExtensionPage(ext, 'getStatus', {})) as { value: { savedCount: number } };
    expect(status.value.savedCount).toBe(1);

    expect(await send('setSaved', { paperId: LISTED_ID, saved: true })).toEqual({ ok: true, value: { saved: true, recentlyRemoved: false, hasNoteOrTags: false, status: 'to-read' } });
    expect(((await sendFromExtensionPage(ext, 'getStatus', {})) as { value: { savedCount: number } }).value.savedCount).toBe(2);
    await sendFromExtensionPage(ext, 'setSaved', { paperId: OTHER_ID, saved: false });
    await send('setSaved', { paperId: LISTED_ID, saved: false });
  });
});
