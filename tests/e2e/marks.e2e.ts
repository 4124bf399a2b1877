/**
 * Marks on pages that list papers, end to end in Chromium with pages served offline: each
 * listing kind marks exactly its listed items (ids, in page order) and moves nothing on the page
 * up or down; a mark's card saves and every mark of that paper follows, and so does the badge on
 * the paper's own page; late items (infinite scroll) get marks; a hostile page gets no wrong
 * mark, takes no action, runs no script and does not freeze.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Page } from 'playwright-core';
import type { Browser } from 'webextension-polyfill';
import { screenshot, type ExtensionSession } from './harness';
import { readBadge, sendFromExtensionPage, tabIdOf, waitForBadge, waitForSaved } from './badge.page';
import { cardCount, clickCardSave, clickInCard, clickMark, doubleClickMark, countRemovedMarks, launchWithListings, layoutsAroundMarks, markBoxes, movedBetween, openTab, readMarks, shadowText, waitForMark, waitForMarks } from './marks.page';
import { closedShadow, contentScriptWorld } from './devtools';
import { BADGE_UI_GLOBAL } from '../../lib/badgeUi';
import { LISTING_READER_GLOBAL } from '../../lib/listingReader';
import { LISTINGS, readListing } from '../fixtures/listings/listings';
import { MARK_CAP } from '../../lib/listing';

declare const chrome: Browser;

let ext: ExtensionSession;

beforeAll(async () => {
  ext = await launchWithListings();
}, 60_000);

afterAll(async () => {
  await ext?.close();
});

const open = (url: string): Promise<Page> => openTab(ext, url);

/** Opens `url` in a tab of this size (CSS px); by default Chromium's is 1280 px wide, Firefox's 800 px. */
async function openSized(url: string, width: number, height: number): Promise<Page> {
  const page = await ext.context.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(url);
  return page;
}

async function badgeText(url: string): Promise<string> {
  const tabId = await tabIdOf(ext, url);
  return ext.serviceWorker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

async function toolbarTitle(url: string): Promise<string> {
  const tabId = await tabIdOf(ext, url);
  return ext.serviceWorker.evaluate((id) => chrome.action.getTitle({ tabId: id }), tabId);
}

describe.each(LISTINGS.map((f) => [f.file, f] as const))('%s', (_file, fixture) => {
  it('marks exactly the listed items, and the toolbar counts them', async () => {
    const page = await open(fixture.url);
    try {
      const marks = await waitForMarks(page, fixture.marked);
      expect(marks.map((m) => m.paperId)).toEqual(fixture.marked);
      expect(marks.every((m) => m.closed && m.status === 'none' && !m.isNew)).toBe(true);
      expect(await badgeText(fixture.url)).toBe(String(new Set(fixture.marked).size));
    } finally {
      await page.close();
    }
  }, 30_000);

  // A listed item's title is short: its mark fits on its line. A reference or a paragraph with a
  // link runs to the line's end, where a mark may take one more line, as a word would.
  const titles = !['references', 'links', 'page'].includes(fixture.read);
  it(`moves nothing up or down but by its width${titles ? ', and wraps no title onto one more line' : ''}`, async () => {
    // Full HD: there the fixtures' titles and their marks fit on their lines (in a narrower tab a
    // mark takes a long title's last word onto one more line, as a word would).
    const page = await openSized(fixture.url, 1920, 1080);
    try {
      await waitForMarks(page, fixture.marked);
      const { marks, withMarks, withGaps, without } = await layoutsAroundMarks(page);
      expect(marks).toBe(fixture.marked.length);
      expect(movedBetween(withGaps, withMarks)).toEqual([]);
      if (titles) expect(movedBetween(without, withMarks)).toEqual([]);
    } finally {
      await page.close();
    }
  }, 30_000);
});

describe('a mark', () => {
  it('on a known listing is drawn before the UI bundle is on the page, which comes with the first card opened', async () => {
    const fixture = LISTINGS[0]!;
    const page = await open(fixture.url);
    try {
      await waitForMarks(page, fixture.marked);
      const world = await contentScriptWorld(page, 'Lantern');
      // The listing readers drew them (lib/listingReader.ts); the cards' bundle is not needed yet.
      expect(await world.hasGlobal(LISTING_READER_GLOBAL)).toBe(true);
      expect(await world.hasGlobal(BADGE_UI_GLOBAL)).toBe(false);
      await clickMark(page, fixture.marked[0]!);
      const marks = await waitForMark(page, (m) => m.card !== null);
      expect(marks.find((m) => m.card)?.paperId).toBe(fixture.marked[0]);
      expect(await world.hasGlobal(BADGE_UI_GLOBAL)).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('opens one card for a double click made while the cards load, and Esc closes it', async () => {
    const fixture = LISTINGS[0]!;
    const page = await open(fixture.url);
    try {
      await waitForMarks(page, fixture.marked);
      await doubleClickMark(page, fixture.marked[0]!);
      await waitForMark(page, (m) => m.card !== null);
      // Long enough for a second card, had the second click asked for one.
      await page.waitForTimeout(300);
      expect(await cardCount(page)).toBe(1);
      await closedShadow(page).waitFor(`lantern-mark[data-paper-id="${fixture.marked[0]}"]`, (root) => root.activeElement?.getAttribute('aria-label') === 'Close');
      await page.keyboard.press('Escape');
      await expect.poll(() => cardCount(page)).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('sits right after the item’s title and shows the category leaf', async () => {
    const page = await open('https://arxiv.org/list/cs.CL/new');
    try {
      const marks = await waitForMarks(page, LISTINGS[0]!.marked);
      expect(marks.map((m) => m.parent)).toEqual(['div.list-title', 'div.list-title', 'div.list-title']);
      expect(marks[0]!.text).toBe('Evaluating General-Purpose LLMs in Medicine via Prompting');
      expect(marks[0]!.label).toContain('Can Generalist Foundation Models Outcompete Special-Purpose Tuning?');
      expect(marks[0]!.card).toBeNull();
      await expect.poll(() => toolbarTitle('https://arxiv.org/list/cs.CL/new')).toBe(`Lantern: ${new Set(LISTINGS[0]!.marked).size} listed papers on this page`);
    } finally {
      await page.close();
    }
  }, 30_000);

  it('opens its card on a real click, saves from it, and every mark of that paper follows', async () => {
    const url = 'https://github.com/mingze-yuan/Awesome-LLM-Healthcare';
    const page = await open(url);
    try {
      const fixture = LISTINGS.find((f) => f.url === url)!;
      await waitForMarks(page, fixture.marked);
      // What the page itself can measure of its marks: their boxes, whatever the reader's status.
      const pageMeasures = () => page.evaluate(() => [...document.querySelectorAll('lantern-mark')].map((m) => m.getBoundingClientRect().width));
      const unsavedWidths = await pageMeasures();
      await clickMark(page, 'arxiv:2311.16079');
      let marks = await waitForMark(page, (m) => m.card !== null);
      const opened = marks.find((m) => m.card)!;
      expect(opened.paperId).toBe('arxiv:2311.16079');
      expect(opened.card).toEqual({ title: 'MEDITRON-70B: Scaling Medical Pretraining for Large Language Models', saved: 'false' });
      await clickCardSave(page);
      marks = await waitForMark(page, (m) => m.card?.saved === 'true');
      expect(marks.filter((m) => m.paperId === 'arxiv:2311.16079').map((m) => m.status)).toEqual(['saved', 'saved']);
      expect(marks.filter((m) => m.paperId !== 'arxiv:2311.16079').every((m) => m.status === 'none')).toBe(true);
      expect(await pageMeasures()).toEqual(unsavedWidths);
      const saved = ((await sendFromExtensionPage(ext, 'getStatus', {})) as { value?: { savedCount: number } }).value?.savedCount;
      expect(saved).toBe(1);
      // Saved, the card offers the reading status: "Read" shows on every mark of that paper.
      await clickInCard(page, '[data-status-choice="read"]');
      marks = await waitForMark(page, (m) => m.paperId === 'arxiv:2311.16079' && m.status === 'read');
      expect(marks.filter((m) => m.paperId === 'arxiv:2311.16079').map((m) => m.status)).toEqual(['read', 'read']);
      expect(await pageMeasures()).toEqual(unsavedWidths);
      // The reading list holds it (saving a saved paper again changes nothing and answers its state).
      expect(((await sendFromExtensionPage(ext, 'setSaved', { paperId: 'arxiv:2311.16079', saved: true })) as { value?: { status?: string } }).value?.status).toBe('read');
      // And back to "To read", which marks show as "saved".
      await clickInCard(page, '[data-status-choice="to-read"]');
      marks = await waitForMark(page, (m) => m.paperId === 'arxiv:2311.16079' && m.status === 'saved');
      expect(marks.filter((m) => m.paperId === 'arxiv:2311.16079').map((m) => m.status)).toEqual(['saved', 'saved']);
      // Esc closes the card and gives focus back to the mark.
      await page.keyboard.press('Escape');
      marks = await readMarks(page);
      expect(marks.every((m) => m.card === null)).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-paper-id'))).toBe('arxiv:2311.16079');
      // The tab's record (what the toolbar counts and "This tab" shows) holds each paper once.
      const tabId = await tabIdOf(ext, url);
      const listed = (await ext.serviceWorker.evaluate(async (id) => {
        const all = await chrome.storage.session.get(`listed:${id}`);
        return all[`listed:${id}`] as { listed: { id: string }[] };
      }, tabId)).listed.map((h) => h.id);
      expect(listed).toEqual(['arxiv:2311.16452', 'arxiv:2311.16079', 'doi:10.1038/s41586-023-06291-2', 'title:utility of chatgpt in clinical practice']);
    } finally {
      await page.close();
    }
  }, 45_000);

  it('on its paper’s own page, saved from its card: every mark of that paper and the page’s badge follow', async () => {
    // A listed paper's code repository, whose README links the paper in two blocks: the badge is
    // the paper's (by its repository), and each link to it has a mark.
    const url = 'https://github.com/kbressem/medAlpaca';
    const paper = 'arxiv:2304.08247';
    const other = 'arxiv:2311.16452';
    ext.routePages({
      [url]: {
        body: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>GitHub - kbressem/medAlpaca: LLMs for medical question answering</title>
<meta property="og:title" content="GitHub - kbressem/medAlpaca: LLMs for medical question answering"></head>
<body><main><article class="markdown-body"><h1>medAlpaca</h1>
<p>Paper: <a href="https://arxiv.org/abs/2304.08247">MedAlpaca: An Open-Source Collection of Medical Conversational AI Models and Training Data</a></p>
<p>Evaluated beside <a href="https://arxiv.org/abs/2311.16452">Medprompt</a>.</p>
<h2>Citation</h2><p>Please cite <a href="https://arxiv.org/pdf/2304.08247">the preprint</a>.</p>
</article></main></body></html>`,
      },
    });
    // A small window, where the mark's card opens over the page's badge: the card must be on top
    // and take the clicks on its Save.
    const page = await openSized(url, 800, 600);
    try {
      const marks = await waitForMarks(page, [paper, other, paper]);
      expect((await waitForBadge(page, paper)).saved).toBe('false');
      expect(marks.filter((m) => m.paperId === paper).map((m) => m.status)).toEqual(['none', 'none']);
      const otherStatus = marks.find((m) => m.paperId === other)!.status;
      // Saved from the second mark's card, then unsaved from it: each time both marks and the badge say so.
      await clickMark(page, paper, 1);
      await waitForMark(page, (m) => m.card !== null);
      for (const [status, pressed] of [['saved', 'true'], ['none', 'false']] as const) {
        await clickCardSave(page);
        await waitForMark(page, (m) => m.card?.saved === pressed);
        await expect.poll(async () => (await readMarks(page)).map((m) => m.status), { timeout: 15_000 }).toEqual([status, otherStatus, status]);
        await waitForSaved(page, pressed);
        expect((await readBadge(page))?.saved).toBe(pressed);
      }
    } finally {
      await page.close();
    }
  }, 60_000);

  it('opens its card with Enter from the keyboard; Esc closes it and gives the focus back', async () => {
    const page = await open('https://arxiv.org/list/cs.CL/new');
    try {
      await waitForMarks(page, LISTINGS[0]!.marked);
      await closedShadow(page).focus('lantern-mark[data-paper-id="arxiv:2311.16452"]', '.chip');
      await page.keyboard.press('Enter');
      const marks = await waitForMark(page, (m) => m.card !== null);
      expect(marks.find((m) => m.card)!.paperId).toBe('arxiv:2311.16452');
      // The card takes the focus (its Close button), so Esc reaches it.
      await closedShadow(page).waitFor('lantern-mark[data-paper-id="arxiv:2311.16452"]', (root) => root.activeElement?.getAttribute('aria-label') === 'Close');
      await page.keyboard.press('Escape');
      expect((await readMarks(page)).every((m) => m.card === null)).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-paper-id'))).toBe('arxiv:2311.16452');
      expect(await closedShadow(page).evaluate('lantern-mark[data-paper-id="arxiv:2311.16452"]', (root) => root.activeElement?.className)).toBe('chip');
    } finally {
      await page.close();
    }
  }, 45_000);

  it('opens its card on the side with more room, inside the window', async () => {
    // The listing's last mark: far enough down the page to be scrolled near the window's bottom.
    const paper = LISTINGS[0]!.marked.at(-1)!;
    const page = await openSized(LISTINGS[0]!.url, 800, 400);
    try {
      await waitForMarks(page, LISTINGS[0]!.marked);
      // Room below the listing's end, so that its last mark can be scrolled to the window's top.
      await page.evaluate(() => (document.body.style.paddingBottom = '1000px'));
      // The mark scrolled near the window's bottom, then near its top; opened with a real click each time.
      for (const [at, side] of [[350, 'above'], [30, 'below']] as const) {
        const before = await markBoxes(page, paper);
        await page.evaluate((dy) => window.scrollBy(0, dy), before.chip.top - at);
        const { chip } = await markBoxes(page, paper);
        expect(Math.abs(chip.top - at)).toBeLessThan(2);
        await page.mouse.click((chip.left + chip.right) / 2, (chip.top + chip.bottom) / 2);
        await waitForMark(page, (m) => m.card !== null);
        const { card } = await markBoxes(page, paper);
        if (side === 'above') expect(card!.bottom).toBeLessThanOrEqual(chip.top);
        else expect(card!.top).toBeGreaterThanOrEqual(chip.bottom);
        // 8 px from the window's edge as placed, less a pixel's rounding.
        expect(card!.top).toBeGreaterThanOrEqual(7);
        expect(card!.bottom).toBeLessThanOrEqual(400 - 7);
        expect(card!.left).toBeGreaterThanOrEqual(0);
        expect(card!.right).toBeLessThanOrEqual(800);
        // Esc reaches the card once it has the focus (its Close button).
        await closedShadow(page).waitFor(`lantern-mark[data-paper-id="${paper}"]`, (root) => root.activeElement?.getAttribute('aria-label') === 'Close');
        await page.keyboard.press('Escape');
        await expect.poll(async () => (await markBoxes(page, paper)).card).toBeNull();
      }
    } finally {
      await page.close();
    }
  }, 45_000);

  it('opens the same card after a title in a heading as after one in a line of text', async () => {
    // Semantic Scholar's result titles are <h2>s (24 px here); arXiv's listing titles are lines of 16 px.
    const listings = [LISTINGS.find((f) => f.file === 'semantic-scholar-search.html')!, LISTINGS[0]!];
    const sizes: { file: string; chip: string; card: string; title: string }[] = [];
    for (const listing of listings) {
      const page = await open(listing.url);
      try {
        const paper = listing.marked[0]!;
        await waitForMarks(page, listing.marked);
        await clickMark(page, paper);
        const size = await closedShadow(page).waitFor(`lantern-mark[data-paper-id="${paper}"]`, (root) => {
          const [chip, card, title] = ['.chip', '.card-wrap', '.card .title'].map((sel) => root.querySelector(sel));
          return chip && card && title ? { chip: getComputedStyle(chip).fontSize, card: getComputedStyle(card).fontSize, title: getComputedStyle(title).fontSize } : null;
        });
        sizes.push({ file: listing.file, ...size });
      } finally {
        await page.close();
      }
    }
    const [heading, line] = sizes as [(typeof sizes)[number], (typeof sizes)[number]];
    // The chip keeps the size of the text it sits in; the card does not.
    expect(parseFloat(heading.chip)).toBeGreaterThan(parseFloat(line.chip));
    expect({ card: heading.card, title: heading.title }).toEqual({ card: line.card, title: line.title });
  }, 45_000);

  it('follows the reading list when it changes in the popup: saved there, the open listing shows it', async () => {
    const url = 'https://arxiv.org/list/cs.CL/new';
    const id = 'arxiv:2311.16079';
    const page = await open(url);
    const popup = await ext.openPopup();
    try {
      await waitForMarks(page, LISTINGS[0]!.marked);
      await page.bringToFront();
      await popup.locator('[data-entry-count]').waitFor();
      await popup.locator('input[type=search]').fill('MEDITRON-70B Scaling Medical Pretraining');
      const option = `[role=option][data-paper-id="${id}"]`;
      const toggle = popup.locator(`${option} [aria-pressed]`);
      // Whatever an earlier test left (the page's mark says it): each press in the popup shows on the open page's mark.
      const before = await readMarks(page);
      const savedAtFirst = (before.find((m) => m.paperId === id)?.status ?? 'none') !== 'none';
      const others = before.filter((m) => m.paperId !== id).map((m) => m.status);
      // A press acts on what the popup shows, as a person's does: each waits until the popup shows
      // the reading list as it is. The popup follows its own writes through the database's change
      // notices, which a tab in the background (as the popup is here, behind the page) gets late,
      // sometimes after the page's mark has already changed.
      await popup.locator(`${option} [aria-pressed="${savedAtFirst}"]`).waitFor();
      for (const status of savedAtFirst ? ['none', 'saved'] : ['saved', 'none']) {
        await toggle.click();
        const marks = await waitForMark(page, (m) => m.paperId === id && m.status === status);
        expect(marks.filter((m) => m.paperId !== id).map((m) => m.status)).toEqual(others);
        await popup.locator(`${option} [aria-pressed="${status === 'saved'}"]`).waitFor();
      }
    } finally {
      await popup.close();
      await page.close();
    }
  }, 45_000);

  it('follows the page’s colors: screenshots on a light and a dark page', async () => {
    const dark = 'https://arxiv.org/list/cs.AI/new';
    ext.routePages({ [dark]: { body: readListing('arxiv-list-new.html').replace('<body class="with-cu-identity">', '<body style="background:#15171c;color:#e6e6e6">') } });
    // One paper reading, one read, one not saved: each state as the reader sees it.
    const states = { 'arxiv:2311.16452': 'reading', 'arxiv:2310.14573': 'read' } as const;
    for (const [paperId, status] of Object.entries(states)) await sendFromExtensionPage(ext, 'setSaved', { paperId, saved: true, status });
    onTestFinished(async () => {
      for (const paperId of Object.keys(states)) await sendFromExtensionPage(ext, 'setSaved', { paperId, saved: false });
    });
    for (const [url, name] of [['https://arxiv.org/list/cs.CL/new', 'light'], [dark, 'dark']] as const) {
      const page = await open(url);
      try {
        await waitForMarks(page, LISTINGS[0]!.marked);
        // Drawn while the page loads, then read again once its styles are in.
        await expect.poll(async () => (await readMarks(page)).map((m) => m.theme)).toEqual(LISTINGS[0]!.marked.map(() => name));
        await screenshot(page, `marks-arxiv-list-${name}`, { fullPage: false });
        await clickMark(page, 'arxiv:2311.16079');
        await waitForMark(page, (m) => m.card !== null);
        await screenshot(page, `mark-card-${name}`, { fullPage: false });
      } finally {
        await page.close();
      }
    }
  }, 45_000);
});

describe('a paper’s bibliography', () => {
  const bibliography = LISTINGS.find((f) => f.file === 'arxiv-html-bibliography.html')!;

  it('on an unlisted paper: no badge, and the popup says "Not in the list · cites 4 papers from it" with Suggest', async () => {
    const page = await open(bibliography.url);
    try {
      await waitForMarks(page, bibliography.marked);
      expect(await page.evaluate(() => document.querySelector('lantern-badge'))).toBeNull();
      await expect.poll(() => toolbarTitle(bibliography.url)).toBe('Lantern: Not in the list · cites 4 papers from it');
      const tabId = await tabIdOf(ext, bibliography.url);
      const popup = await ext.context.newPage();
      await popup.goto(ext.extensionUrl(`popup.html?tabId=${tabId}`));
      await popup.locator('[data-cites-count]').waitFor();
      expect(await popup.locator('[data-cites-count]').textContent()).toBe('Not in the list · cites 4 papers from it');
      const href = (await popup.locator('a[data-suggest]').getAttribute('href'))!;
      const url = new URL(href);
      expect(`${url.origin}${url.pathname}`).toBe('https://github.com/mingze-yuan/Awesome-LLM-Healthcare/issues/new');
      expect(url.searchParams.get('title')).toBe('Suggest: A Survey of Clinical Language Models');
      const body = url.searchParams.get('body')!;
      expect(body).toContain('**Title:** A Survey of Clinical Language Models');
      expect(body).toContain(`**Link:** ${bibliography.url}`);
      expect(body).toMatch(/\*\*Suggested heading:\*\* \S/);
      expect(body).toContain('It cites 4 papers from the list:');
      await screenshot(popup, 'popup-cites-suggest', { colorScheme: 'light', fullPage: false });
      await popup.close();
    } finally {
      await page.close();
    }
  }, 45_000);

  it('marks references the page renders late ("show all references", a single-page app)', async () => {
    const html = readListing('arxiv-html-bibliography.html');
    const start = html.indexOf('<section id="bib"');
    const end = html.indexOf('</section>', start) + '</section>'.length;
    const url = 'https://arxiv.org/html/2407.00002v1';
    ext.routePages({ [url]: { body: html.slice(0, start) + '<div id="later"></div>' + html.slice(end) } });
    const page = await open(url);
    try {
      await page.waitForTimeout(1000);
      expect(await readMarks(page)).toEqual([]);
      await page.evaluate((section) => {
        document.querySelector('#later')!.insertAdjacentHTML('beforeend', section);
      }, html.slice(start, end));
      const marks = await waitForMarks(page, bibliography.marked);
      expect(marks.map((m) => m.paperId)).toEqual(bibliography.marked);
    } finally {
      await page.close();
    }
  }, 45_000);

  it('on a listed paper: the badge says "Cites 4 papers from the list"', async () => {
    const url = 'https://arxiv.org/html/2311.16452v1';
    const body = readListing('arxiv-html-bibliography.html')
      .replace(/A Survey of Clinical Language Models/g, 'Can Generalist Foundation Models Outcompete Special-Purpose Tuning? Case Study in Medicine')
      .replace('content="2407.00001"', 'content="2311.16452"')
      .replace('https://arxiv.org/pdf/2407.00001', 'https://arxiv.org/pdf/2311.16452');
    ext.routePages({ [url]: { body } });
    const page = await open(url);
    try {
      await waitForMarks(page, bibliography.marked);
      for (;;) {
        if ((await shadowText(page, 'lantern-badge', 'cites-summary')) !== null) break;
        await page.waitForTimeout(100);
      }
      expect(await shadowText(page, 'lantern-badge', 'cites-summary')).toBe('Cites 4 papers from the list');
    } finally {
      await page.close();
    }
  }, 45_000);
});

/**
 * From now on, the lookups pages send, as the background receives them (item counts): returns
 * a function that reads them.
 */
async function countLookups(): Promise<() => Promise<number[]>> {
  await ext.serviceWorker.evaluate(() => {
    const scope = globalThis as unknown as { __lookups?: number[] };
    if (!scope.__lookups) {
      chrome.runtime.onMessage.addListener((message: unknown) => {
        const { type, data } = message as { type?: string; data?: { items?: unknown[] } };
        if (type === 'lookupListed') scope.__lookups!.push(data?.items?.length ?? -1);
      });
    }
    scope.__lookups = [];
  });
  return () => ext.serviceWorker.evaluate(() => (globalThis as unknown as { __lookups: number[] }).__lookups);
}

describe('late items', () => {
  it('marks a PMC article’s "Similar articles" and "Cited by" blocks when PMC loads them after the page', async () => {
    const fixture = LISTINGS.find((f) => f.file === 'pmc-article-related.html')!;
    const url = 'https://pmc.ncbi.nlm.nih.gov/articles/PMC11000003/';
    // The page as PMC serves it: the blocks empty until their lists arrive.
    const block = /(data-source-url="[^"]*">\s*)(<ul[\s\S]*?<\/ul>)/g;
    const html = readListing(fixture.file);
    const lists = [...html.matchAll(block)].map((found) => found[2]!);
    expect(lists).toHaveLength(2);
    ext.routePages({ [url]: { body: html.replace(block, '$1') } });
    const page = await open(url);
    try {
      // First the references only.
      await waitForMarks(page, fixture.marked.slice(0, 1));
      await page.evaluate((each) => {
        document.querySelectorAll('[data-source-url]').forEach((element, i) => element.insertAdjacentHTML('beforeend', each[i] ?? ''));
      }, lists);
      const marks = await waitForMarks(page, fixture.marked);
      expect(marks.map((m) => m.paperId)).toEqual(fixture.marked);
      expect(await badgeText(url)).toBe(String(fixture.marked.length));
    } finally {
      await page.close();
    }
  }, 30_000);

  it('marks items added after load (infinite scroll) with one more lookup', async () => {
    const page = await open('https://scholar.google.com/scholar?hl=en&q=large+language+models+medicine');
    try {
      await waitForMarks(page, LISTINGS.find((f) => f.file === 'scholar.html')!.marked);
      const lookups = await countLookups();
      await page.evaluate(() => {
        const more = document.createElement('div');
        more.className = 'gs_r gs_or gs_scl';
        more.setAttribute('data-cid', 'late1');
        more.innerHTML =
          '<div class="gs_ri"><h3 class="gs_rt"><a href="https://arxiv.org/abs/2312.00164">Towards Accurate Differential Diagnosis with Large Language Models</a></h3><div class="gs_a">D McDuff - arXiv, 2023</div></div>';
        document.querySelector('#gs_res_ccl_mid')!.append(more);
      });
      const marks = await waitForMarks(page, [
        'doi:10.1038/s41586-023-06291-2',
        'doi:10.1038/s41591-023-02448-8',
        'arxiv:2310.14573',
        'arxiv:2312.00164',
      ]);
      expect(marks).toHaveLength(4);
      // One lookup for the added result, asking about it alone (the others were asked about already).
      await page.waitForTimeout(600);
      expect(await lookups()).toEqual([1]);
    } finally {
      await page.close();
    }
  }, 30_000);
});

describe('in-place navigation', () => {
  const BASE = 'https://github.com/someone/moving';
  const LINKED = ['arxiv:2311.16079', 'arxiv:2310.14573', 'arxiv:2312.00164'];
  const body = `<!DOCTYPE html><html><head><title>moving</title></head><body><h1>A page that moves</h1>
${LINKED.map((id) => `<p><a href="https://arxiv.org/abs/${id.slice('arxiv:'.length)}">paper ${id}</a></p>`).join('\n')}
<p><a id="nothing" href="/someone/no-content">answered 204</a></p></body></html>`;

  /** Opens the page with its marks, and from then on counts the marks taken off it (each reading again takes them all off). */
  async function openMoving(): Promise<{ page: Page; removed: () => Promise<number> }> {
    ext.routePages({ [BASE]: { body }, 'https://github.com/someone/no-content': { body: '', status: 204 } });
    const page = await open(BASE);
    await waitForMarks(page, LINKED);
    return { page, removed: await countRemovedMarks(page) };
  }

  it('reads the page again once after a burst of navigations, not once per navigation', async () => {
    const { page, removed } = await openMoving();
    try {
      const lookups = await countLookups();
      // 150: Firefox refuses more than 200 history changes in 10 s.
      await page.evaluate(() => {
        for (let i = 0; i < 150; i++) history.pushState(null, '', `?view=${i % 2}`);
      });
      await expect.poll(removed, { timeout: 10_000 }).toBeGreaterThan(0);
      await waitForMarks(page, LINKED);
      await page.waitForTimeout(1500);
      expect(await lookups()).toHaveLength(1);
      expect(await removed()).toBe(LINKED.length);
    } finally {
      await page.close();
    }
  }, 30_000);

  it('reads nothing again when the address does not change: a link answered 204, navigations the page cancels', async () => {
    const { page, removed } = await openMoving();
    try {
      const lookups = await countLookups();
      await page.evaluate(async () => {
        for (let i = 0; i < 5; i++) {
          document.getElementById('nothing')!.click();
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const navigation = (window as unknown as { navigation?: EventTarget }).navigation;
        // Without the Navigation API (Firefox before 147) a page cannot cancel them.
        if (navigation) {
          navigation.addEventListener('navigate', (event) => event.preventDefault());
          for (let i = 0; i < 5; i++) location.href = `/someone/elsewhere-${i}`;
        }
        await new Promise((resolve) => setTimeout(resolve, 1500));
      });
      expect(page.url()).toBe(BASE);
      expect(await lookups()).toEqual([]);
      expect(await removed()).toBe(0);
    } finally {
      await page.close();
    }
  }, 30_000);
});

describe('a hostile page', () => {
  const URL = 'https://github.com/someone/hostile-readme';
  const links = Array.from({ length: 20_000 }, (_, i) =>
    i % 500 === 0 ? `<p><a href="https://arxiv.org/abs/2311.16452">listed ${i}</a></p>` : `<a href="https://arxiv.org/abs/2401.${String(10000 + i)}">x</a> `,
  ).join('');
  const body = `<!DOCTYPE html><html><head><title>hostile</title></head><body>
<lantern-mark data-paper-id="arxiv:2401.00001">fake</lantern-mark>
<p><a href="https://arxiv.org/abs/2311.16079">&lt;img src=x onerror="window.__pwned=1"&gt;&lt;script&gt;window.__pwned=2&lt;/script&gt;</a></p>
<div id="many">${links}</div>
<script>
  window.__clicks = 0;
  new MutationObserver(() => {
    for (const mark of document.querySelectorAll('lantern-mark')) {
      if (mark.shadowRoot) window.__open = true;
      mark.click();
      mark.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      mark.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      window.__clicks++;
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
</script></body></html>`;

  it('makes Lantern ask nothing with visibilitychange events of its own', async () => {
    const page = await open('https://scholar.google.com/scholar?hl=en&q=large+language+models+medicine');
    try {
      await waitForMarks(page, LISTINGS.find((f) => f.file === 'scholar.html')!.marked);
      const lookups = await countLookups();
      await page.evaluate(async () => {
        for (let i = 0; i < 500; i++) document.dispatchEvent(new Event('visibilitychange'));
        await new Promise((resolve) => setTimeout(resolve, 1500));
      });
      expect(await lookups()).toEqual([]);
    } finally {
      await page.close();
    }
  }, 30_000);

  it('gets only true marks, capped, and its synthetic clicks open nothing and save nothing', async () => {
    ext.routePages({ [URL]: { body } });
    const savedCount = async () => ((await sendFromExtensionPage(ext, 'getStatus', {})) as { value?: { savedCount: number } }).value?.savedCount;
    const savedBefore = await savedCount();
    const page = await open(URL);
    try {
      await waitForMark(page, (m) => m.paperId === 'arxiv:2311.16079');
      // The page keeps running while Lantern reads 20,000 links in slices.
      expect(await page.evaluate(() => 1 + 1)).toBe(2);
      let marks = await readMarks(page);
      while (marks.length < 41) {
        await page.waitForTimeout(200);
        marks = await readMarks(page);
      }
      await page.waitForTimeout(500);
      marks = await readMarks(page);
      const ids = new Set(marks.map((m) => m.paperId));
      expect([...ids].sort()).toEqual(['arxiv:2311.16079', 'arxiv:2311.16452']);
      expect(marks.filter((m) => m.paperId === 'arxiv:2311.16452')).toHaveLength(40);
      expect(marks.every((m) => m.card === null)).toBe(true);
      expect(marks.filter((m) => m.paperId === 'arxiv:2311.16452').every((m) => m.status === 'none')).toBe(true);
      const state = await page.evaluate(() => {
        const w = window as unknown as { __pwned?: number; __open?: boolean; __clicks: number };
        return { pwned: w.__pwned, open: w.__open ?? false, clicked: w.__clicks > 0 };
      });
      expect(state).toEqual({ pwned: undefined, open: false, clicked: true });
      expect(await savedCount()).toBe(savedBefore);
      // The page's own fake element is left as it was: no shadow root, no mark of Lantern's.
      expect(await page.evaluate(() => document.querySelector('lantern-mark')?.textContent)).toBe('fake');
    } finally {
      await page.close();
    }
  }, 60_000);

  it('reads script-shaped result titles and authors as text: no wrong mark, no script run', async () => {
    const scholar = LISTINGS.find((f) => f.file === 'scholar.html')!;
    const url = 'https://scholar.google.com/scholar?hl=en&q=script+shaped';
    const shaped = '&lt;img src=x onerror="window.__pwned=1"&gt;&lt;script&gt;window.__pwned=2&lt;/script&gt;';
    const results = [
      // A listed title behind script-shaped text, by its first author, at a link with no identifier.
      `<a href="https://example.com/paper-1">${shaped}Large language models encode clinical knowledge</a></h3><div class="gs_a">K Singhal, S Azizi - Nature, 2023</div>`,
      // A listed title by a script-shaped author: a title alone is not enough when the first author differs.
      `<a href="https://example.com/paper-2">Large language models encode clinical knowledge</a></h3><div class="gs_a">${shaped} - Nature, 2023</div>`,
    ].map((inner, i) => `<div class="gs_r gs_or gs_scl" data-cid="Shaped${i}"><div class="gs_ri"><h3 class="gs_rt">${inner}</div></div>`);
    const body = readListing(scholar.file).replace('<div id="gs_res_ccl_mid">', `<div id="gs_res_ccl_mid">${results.join('')}`);
    ext.routePages({ [url]: { body } });
    const page = await open(url);
    try {
      const marks = await waitForMarks(page, scholar.marked);
      await page.waitForTimeout(1000);
      expect((await readMarks(page)).map((m) => m.paperId)).toEqual(scholar.marked);
      await clickMark(page, scholar.marked[0]!);
      await waitForMark(page, (m) => m.card !== null);
      expect(marks.every((m) => m.closed)).toBe(true);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.locator('img[src="x"]').count()).toBe(0);
    } finally {
      await page.close();
    }
  }, 45_000);

  it('caps marks on a page that links listed papers in thousands of blocks', async () => {
    const url = 'https://github.com/someone/many-listed';
    const many = Array.from({ length: 3000 }, () => '<p><a href="https://arxiv.org/abs/2311.16452">m</a></p>').join('');
    ext.routePages({ [url]: { body: `<!DOCTYPE html><html><body>${many}</body></html>` } });
    const page = await open(url);
    try {
      await waitForMark(page, () => true);
      for (;;) {
        const count = (await readMarks(page)).length;
        if (count >= MARK_CAP) break;
        await page.waitForTimeout(200);
      }
      await page.waitForTimeout(500);
      expect((await readMarks(page)).length).toBe(MARK_CAP);
      // One listed paper, linked 3,000 times: "This tab" says the marks stop at the cap.
      const tabId = await tabIdOf(ext, url);
      const popup = await ext.context.newPage();
      await popup.goto(ext.extensionUrl(`popup.html?tabId=${tabId}`));
      await popup.locator('[data-capped]').waitFor();
      expect(await popup.locator('[data-listed-count]').textContent()).toBe('1 listed paper on this page');
      expect(await popup.locator('[data-capped]').textContent()).toBe(`Lantern stopped at ${MARK_CAP.toLocaleString('en')} marks on this page: the rest are not marked.`);
      await screenshot(popup, 'popup-marks-capped', { colorScheme: 'dark', fullPage: false });
      await popup.close();
    } finally {
      await page.close();
    }
  }, 60_000);
});
