/**
 * The badge end to end, in Chromium with pages served offline: listed papers in every form
 * researchers read them get the right entry (title and categories as listed); unlisted pages,
 * near misses and hostile pages get none; saving, collapsing and in-page navigation work; the
 * toolbar names listed papers, also on PDF tabs.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Browser } from 'webextension-polyfill';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultExtDir, launchExtension, screenshot, type ExtensionSession } from './harness';
import { CONTENT_SCRIPT_FILE } from '../../lib/permissionScripts';
import { BADGE_UI_FILE } from '../../lib/badgeUi';
import { inLayoutUnits, readBadge, sendFromExtensionPage, tabIdOf, waitForAnswer, waitForAnswerAbout, waitForBadge, waitForSaved, waitForSeed } from './badge.page';
import { closedShadow } from './devtools';
import { openLibrary } from './library.page';
import { PAGE_FIXTURES, megabyteHostilePage, readFixture } from '../fixtures/pages/pages';
import bundled from '../../assets/catalog.json';
import type { CatalogEntry, CatalogSnapshot } from '../../lib/types';

/** Chromium's MV3 `chrome` (promise-based), inside functions evaluated in the service worker. */
declare const chrome: Browser;

const catalog = bundled as unknown as CatalogSnapshot;
const entry = (id: string): CatalogEntry => {
  const found = catalog.entries.find((e) => e.id === id);
  if (!found) throw new Error(`No entry ${id} in assets/catalog.json`);
  return found;
};
const leaf = (path: string) => path.split(' › ').at(-1) ?? path;

/** A page as arXiv's mirrors and HTML views serve it: the id is in the URL, the title in og:title. */
function mirrorPage(title: string, extraHead = ''): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta property="og:title" content="${title}">${extraHead}</head>
<body><main><article><h1>${title}</h1><p>Abstract. Large language models…</p></article></main></body></html>`;
}

/** A GitHub-like page: GitHub puts the repository in the URL and its description in og:title. */
function githubPage(nwo: string, description: string): string {
  const title = `GitHub - ${nwo}: ${description}`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta property="og:site_name" content="GitHub"><meta property="og:title" content="${title}">
<meta property="og:url" content="https://github.com/${nwo}"></head>
<body><main><h1>${nwo}</h1><article class="markdown-body"><p>${description}</p></article></main></body></html>`;
}

interface Case {
  url: string;
  body: string;
  /** The listed entry, or null for no badge. */
  listedId: string | null;
}

// Every page fixture at every URL it is served at (arXiv abs, versions, export mirror, www.,
// fragments; Nature; medRxiv; NEJM; JMIR; MDPI; Cureus; ACL; PMC old and new; PubMed; GitHub;
// Hugging Face; a listing; a near miss; the hostile page).
const FIXTURE_CASES: Case[] = PAGE_FIXTURES.flatMap((f) => f.urls.map((url) => ({ url, body: readFixture(f.file), listedId: f.listedId })));

const MORE_LISTED: Case[] = [
  { url: 'https://arxiv.org/html/2312.00164v1', body: mirrorPage(entry('arxiv:2312.00164').title), listedId: 'arxiv:2312.00164' },
  { url: 'https://browse.arxiv.org/abs/2309.01114v2?context=cs.CL', body: mirrorPage('MedChatZH'), listedId: 'arxiv:2309.01114' },
  { url: 'https://arxiv.org/abs/2309.06419', body: mirrorPage('Radiology-Llama2'), listedId: 'arxiv:2309.06419' },
  { url: 'https://export.arxiv.org/abs/2312.07814', body: mirrorPage('A Foundational Multimodal Vision Language AI Assistant'), listedId: 'arxiv:2312.07814' },
  { url: 'https://ar5iv.labs.arxiv.org/html/2309.00237', body: mirrorPage('[2309.00237] Clinical notes'), listedId: 'arxiv:2309.00237' },
  { url: 'https://www.alphaxiv.org/abs/2311.16079', body: mirrorPage('MEDITRON-70B | alphaXiv'), listedId: 'arxiv:2311.16079' },
  { url: 'https://huggingface.co/papers/2311.11608', body: mirrorPage('Paper page - Taiyi'), listedId: 'arxiv:2311.11608' },
  { url: 'https://github.com/FreedomIntelligence/HuatuoGPT-II', body: githubPage('FreedomIntelligence/HuatuoGPT-II', 'HuatuoGPT2'), listedId: 'arxiv:2311.09774' },
  { url: 'https://github.com/WangRongsheng/CareGPT/issues/7', body: githubPage('WangRongsheng/CareGPT', 'Medical LLM'), listedId: 'title:caregpt medical llm open source driven for a healthy future' },
  { url: 'https://huggingface.co/Writer/palmyra-med-20b', body: mirrorPage('Writer/palmyra-med-20b · Hugging Face'), listedId: 'title:palmyra large parameter autoregressive language model' },
  {
    // Listed under two headings: both categories show.
    url: 'https://the-innovation.org/article/doi/10.59717/j.xinn-med.2023.100019',
    body: mirrorPage('Advanced prompting as a catalyst: Empowering large language models in the management of gastrointestinal cancers', '<meta name="citation_title" content="Advanced prompting as a catalyst: Empowering large language models in the management of gastrointestinal cancers">'),
    listedId: 'title:advanced prompting as a catalyst empowering large language models in the management of gastrointestinal cancers',
  },
];

const MORE_UNLISTED: Case[] = [
  { url: 'https://github.com/epfLLM', body: githubPage('epfLLM', 'EPFL LLM Team'), listedId: null },
  { url: 'https://github.com/FreedomIntelligence/HuatuoGPT-III', body: githubPage('FreedomIntelligence/HuatuoGPT-III', 'HuatuoGPT2'), listedId: null },
  { url: 'https://huggingface.co/google', body: mirrorPage('google (Google) · Hugging Face'), listedId: null },
  { url: 'https://arxiv.org/abs/hep-th/9901001', body: mirrorPage('Old-style identifiers and string theory'), listedId: null },
  { url: 'https://arxiv.org/abs/2401.00001', body: mirrorPage('Large Language Models in Medicine and Medical Research'), listedId: null },
  { url: 'https://arxiv.org/list/cs.CL/recent', body: mirrorPage('Computation and Language'), listedId: null },
  { url: 'https://www.medrxiv.org/content/10.1101/2024.01.01.24300001v1', body: mirrorPage('Large language models in medicine: a survey'), listedId: null },
];

const CASES = [...FIXTURE_CASES, ...MORE_LISTED, ...MORE_UNLISTED];
const LISTED = CASES.filter((c) => c.listedId !== null);
const UNLISTED = CASES.filter((c) => c.listedId === null && !c.url.includes('e00002'));

/** Console errors and uncaught exceptions a page reports while open. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    // The offline harness aborts every unrouted request (images, favicons): not the page's fault.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

describe('badge', () => {
  let ext: ExtensionSession;

  beforeAll(async () => {
    ext = await launchExtension();
    const pages: Record<string, { body: string }> = {};
    for (const c of CASES) pages[c.url.split('#')[0] ?? c.url] = { body: c.body };
    ext.routePages(pages);
    await waitForSeed(ext);
  });
  afterAll(async () => {
    await ext?.close();
  });
  // Each test starts from the card: the collapse choice is shared by every tab, and one test
  // that stops halfway must not leave the others looking at a pill.
  beforeEach(async () => {
    await ext.serviceWorker.evaluate(() => chrome.storage.local.remove('badge.collapsed'));
  });

  async function open(url: string): Promise<Page> {
    const page = await ext.context.newPage();
    await page.goto(url);
    return page;
  }

  it('ships the scripts the background injects (badge UI) and registers (all sites)', () => {
    expect(existsSync(join(defaultExtDir(), CONTENT_SCRIPT_FILE))).toBe(true);
    expect(existsSync(join(defaultExtDir(), BADGE_UI_FILE))).toBe(true);
  });

  it('is tested on at least 20 listed pages and 8 unlisted ones', () => {
    expect(LISTED.length).toBeGreaterThanOrEqual(20);
    expect(UNLISTED.length).toBeGreaterThanOrEqual(8);
  });

  it.each(LISTED.map((c) => [c.url, c] as const))('shows the listed entry on %s', async (_url, c) => {
    const page = await open(c.url);
    const errors = collectErrors(page);
    const badge = await waitForBadge(page);
    const listed = entry(c.listedId ?? '');
    expect(badge.paperId).toBe(listed.id);
    expect(badge.title).toBe(listed.title);
    expect(badge.categoryPaths).toEqual(listed.categories);
    // By its leaf; a leaf that is the list's own name with its parent (lib/categories.ts).
    expect(badge.categories).toEqual(listed.categories.map((path) => (leaf(path) === catalog.name ? path.split(' › ').slice(-2).join(' › ') : leaf(path))));
    expect(badge.listText).toContain(catalog.name);
    expect(badge.related.length).toBeGreaterThan(0);
    expect(badge.related.length).toBeLessThanOrEqual(5);
    expect(badge.links.every((l) => /^https?:\/\//.test(l.href))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each(UNLISTED.map((c) => [c.url, c] as const))('shows no badge on the unlisted page %s', async (_url, c) => {
    const page = await open(c.url);
    const errors = collectErrors(page);
    await waitForAnswer(ext, page);
    expect(await page.locator('lantern-badge').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('gives hostile pages no badge (or an inert one) and logs nothing', async () => {
    const hostileUrl = 'https://www.jmir.org/2023/1/e00002';
    const megabyteUrl = 'https://www.jmir.org/2023/1/e00003';
    ext.routePages({ [megabyteUrl]: { body: megabyteHostilePage() } });
    for (const url of [hostileUrl, megabyteUrl]) {
      const page = await ext.context.newPage();
      const errors = collectErrors(page);
      // The page's own markup may open dialogs (its <img onerror>); that is the page, not Lantern.
      page.on('dialog', (d) => void d.dismiss());
      await page.goto(url);
      // The content script has run (the page is idle) and a match would have been drawn by now.
      await page.waitForLoadState('load');
      await page.waitForTimeout(1500);
      const badge = await readBadge(page);
      if (badge) {
        // Inert at most: list data only, no page markup, only http(s) links.
        const markup = await closedShadow(page).evaluate('lantern-badge', (root) => root.querySelectorAll('script, img, iframe, svg[onload]').length);
        expect(markup).toBe(0);
        expect(badge.links.every((l) => /^https?:\/\//.test(l.href))).toBe(true);
      }
      expect(badge).toBeNull();
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('keeps the saved state across reloads', async () => {
    const url = 'https://www.nature.com/articles/s41591-023-02448-8';
    const page = await open(url);
    const shadow = closedShadow(page);
    expect((await waitForBadge(page)).saved).toBe('false');
    // By keyboard: the toggle keeps the focus through the save.
    await shadow.focus('lantern-badge', '.lantern-save');
    await page.keyboard.press('Enter');
    await waitForSaved(page, 'true');
    const focused = await shadow.evaluate('lantern-badge', (root) => root.activeElement?.getAttribute('aria-pressed'));
    expect(focused).toBe('true');
    await page.reload();
    expect((await waitForBadge(page)).saved).toBe('true');
    // The reading list holds it too.
    const status = (await sendFromExtensionPage(ext, 'getStatus', {})) as { value: { savedCount: number } };
    expect(status.value.savedCount).toBe(1);
    await shadow.click('lantern-badge', '.lantern-save');
    await waitForSaved(page, 'false');
    await page.reload();
    expect((await waitForBadge(page)).saved).toBe('false');
    await page.close();
  });

  it('saves a listed paper with every author its page names, where the list wrote "et al.": the library shows them', async () => {
    // The list gives this paper as "Harsha Nori et al."; its arXiv page names five authors.
    const paperId = 'arxiv:2311.16452';
    const page = await open('https://arxiv.org/abs/2311.16452');
    const library = await openLibrary(ext);
    try {
      await waitForBadge(page);
      await closedShadow(page).click('lantern-badge', '.lantern-save');
      await waitForSaved(page, 'true');
      await library.reload();
      await expect
        .poll(() => library.locator(`tr[data-paper-id="${paperId}"] .paper-byline`).textContent())
        .toMatch(/^Harsha Nori, Yin Tat Lee, Sheng Zhang, /);
    } finally {
      await sendFromExtensionPage(ext, 'setSaved', { paperId, saved: false });
      await library.close();
      await page.close();
    }
  });

  it('sets the reading status once saved, by click and by keyboard, and keeps it across reloads; the badge’s box tells the page nothing', async () => {
    const url = 'https://arxiv.org/abs/2309.06419';
    const page = await open(url);
    const shadow = closedShadow(page);
    const status = () => shadow.evaluate('lantern-badge', (root) => root.querySelector('.status-picker')?.getAttribute('data-reading-status') ?? null);
    const stored = async () =>
      ((await sendFromExtensionPage(ext, 'setSaved', { paperId: 'arxiv:2309.06419', saved: true })) as { value: { status?: string } }).value.status;
    expect((await waitForBadge(page)).saved).toBe('false');
    await page.waitForTimeout(300);
    // What the page itself can measure of the badge: its host's box, the same whatever the reader's status.
    const pageMeasures = () =>
      page.evaluate(() => {
        const box = document.querySelector('lantern-badge')!.getBoundingClientRect();
        return [box.width, box.height];
      });
    const unsavedBox = await pageMeasures();
    expect(await status()).toBeNull();
    await shadow.click('lantern-badge', '.lantern-save');
    await waitForSaved(page, 'true');
    await shadow.waitFor('lantern-badge', (root) => root.querySelector('.status-picker')?.getAttribute('data-reading-status') === 'to-read');
    expect(await pageMeasures()).toEqual(unsavedBox);
    await shadow.click('lantern-badge', '[data-status-choice="reading"]');
    await shadow.waitFor('lantern-badge', (root) => root.querySelector('[data-status-choice="reading"]')?.getAttribute('aria-pressed') === 'true');
    expect(await stored()).toBe('reading');
    await shadow.focus('lantern-badge', '[data-status-choice="read"]');
    await page.keyboard.press('Enter');
    await shadow.waitFor('lantern-badge', (root) => root.querySelector('.status-picker')?.getAttribute('data-reading-status') === 'read');
    expect(await pageMeasures()).toEqual(unsavedBox);
    await page.mouse.move(0, 0);
    for (const scheme of ['light', 'dark'] as const) await screenshot(page, 'badge-reading-status', { colorScheme: scheme, fullPage: false });
    await page.reload();
    await waitForBadge(page);
    await shadow.waitFor('lantern-badge', (root) => root.querySelector('.status-picker')?.getAttribute('data-reading-status') === 'read');
    expect(await stored()).toBe('read');
    // Collapsed, the pill shows the status in its icon's place: as wide saved as not.
    await shadow.click('lantern-badge', 'button[aria-label="Collapse"]');
    await shadow.waitFor('lantern-badge', (root) => root.querySelector('.pill')?.getAttribute('data-status') === 'read');
    await page.waitForTimeout(300);
    const savedPill = await pageMeasures();
    await sendFromExtensionPage(ext, 'setSaved', { paperId: 'arxiv:2309.06419', saved: false });
    await shadow.waitFor('lantern-badge', (root) => root.querySelector('.pill')?.getAttribute('data-status') === 'none');
    expect(await pageMeasures()).toEqual(savedPill);
    await page.close();
  });

  it('lays out its card the same, unsaved, saved, read or removed, at any width', async () => {
    // A card shorter than its height cap is as tall as its content, and the page measures the
    // host's box: the content must not depend on the reader's state (words, wrapping) anywhere.
    const page = await open('https://export.arxiv.org/abs/2312.07814');
    const shadow = closedShadow(page);
    expect((await waitForBadge(page, 'arxiv:2312.07814')).saved).toBe('false');
    const layouts = async () => {
      const sizes: number[][] = [];
      // Every other pixel where the card is narrower than its 24em, where rows wrap.
      for (let width = 250; width <= 420; width += 2) {
        await page.setViewportSize({ width, height: 900 });
        sizes.push(
          (await shadow.evaluate('lantern-badge', (root): number[] => {
            const card = root.querySelector('.card')!;
            const rows = [...card.querySelectorAll('.actions, .state-row, .carry')].map((row) => row.getBoundingClientRect().height);
            // The content's height, which the card shows whole when it is shorter than its cap.
            return [card.getBoundingClientRect().width, card.querySelector('.body')!.scrollHeight, ...rows];
          }))?.map(inLayoutUnits) ?? [],
        );
      }
      return sizes;
    };
    await page.waitForTimeout(300);
    const unsaved = await layouts();
    await shadow.click('lantern-badge', '.lantern-save');
    await waitForSaved(page, 'true');
    expect(await layouts()).toEqual(unsaved);
    await shadow.click('lantern-badge', '[data-status-choice="read"]');
    await shadow.waitFor('lantern-badge', (root) => root.querySelector('.status-picker')?.getAttribute('data-reading-status') === 'read');
    expect(await layouts()).toEqual(unsaved);
    await shadow.click('lantern-badge', '.lantern-save');
    await waitForSaved(page, 'false');
    await shadow.waitFor('lantern-badge', (root) => root.querySelector('[data-removed]') !== null);
    expect(await layouts()).toEqual(unsaved);
    await page.close();
  });

  it('shows a save made elsewhere (the popup) while the page is open', async () => {
    const url = 'https://www.nature.com/articles/s41586-023-05881-4';
    ext.routePages({ [url]: { body: mirrorPage('Foundation models for generalist medical artificial intelligence', '<meta name="citation_doi" content="10.1038/s41586-023-05881-4">') } });
    const page = await open(url);
    const badge = await waitForBadge(page, 'doi:10.1038/s41586-023-05881-4');
    expect(badge.saved).toBe('false');
    const reply = (await sendFromExtensionPage(ext, 'setSaved', { paperId: 'doi:10.1038/s41586-023-05881-4', saved: true })) as { ok: boolean };
    expect(reply.ok).toBe(true);
    // The background tells the open tab; no focus, no reload.
    await waitForSaved(page, 'true');
    await sendFromExtensionPage(ext, 'setSaved', { paperId: 'doi:10.1038/s41586-023-05881-4', saved: false });
    await page.close();
  });

  it('collapses to a pill (button or Esc), remembers it across pages, and can be dismissed for the page', async () => {
    const page = await open('https://arxiv.org/abs/2311.16452');
    await waitForBadge(page);
    const shadow = closedShadow(page);
    await shadow.focus('lantern-badge', '.lantern-save');
    await page.keyboard.press('Escape');
    expect((await waitForBadge(page)).collapsed).toBe(true);
    // Focus moves to the pill (after it is drawn): Enter opens the card again.
    await shadow.waitFor('lantern-badge', (root) => root.activeElement?.classList.contains('pill'));
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await readBadge(page))?.collapsed).toBe(false);
    await shadow.click('lantern-badge', 'button[aria-label="Collapse"]');
    await expect.poll(async () => (await readBadge(page))?.collapsed).toBe(true);

    const other = await open('https://www.nature.com/articles/s41586-023-06291-2');
    expect((await waitForBadge(other)).collapsed).toBe(true);
    await closedShadow(other).click('lantern-badge', '.pill');
    await expect.poll(async () => (await readBadge(other))?.collapsed).toBe(false);
    await other.close();

    await page.reload();
    expect((await waitForBadge(page)).collapsed).toBe(false);
    await shadow.click('lantern-badge', 'button[aria-label="Hide on this page"]');
    expect(await page.locator('lantern-badge').count()).toBe(0);
    await page.reload();
    await waitForBadge(page);
    await page.close();
  });

  it('follows in-page navigation (pushState) to another listed paper, an unlisted page, and back', async () => {
    const page = await open('https://github.com/epfLLM/meditron');
    expect((await waitForBadge(page)).paperId).toBe('arxiv:2311.16079');

    // Like GitHub's client-side navigation: the URL changes first, then the document.
    const navigate = (path: string, title: string) =>
      page.evaluate(
        ([p, t]) => {
          history.pushState({}, '', p);
          document.title = t;
          document.querySelector('meta[property="og:title"]')?.setAttribute('content', t);
        },
        [path, title] as const,
      );

    await navigate('/FreedomIntelligence/HuatuoGPT-II', 'GitHub - FreedomIntelligence/HuatuoGPT-II: HuatuoGPT2');
    expect((await waitForBadge(page, 'arxiv:2311.09774')).title).toBe(entry('arxiv:2311.09774').title);
    expect(await page.locator('lantern-badge').count()).toBe(1);

    await navigate('/epfLLM', 'epfLLM · GitHub');
    await page.waitForFunction(() => document.querySelector('lantern-badge') === null);

    await navigate('/epfLLM/meditron/issues/3', 'Issue · epfLLM/meditron');
    expect((await waitForBadge(page, 'arxiv:2311.16079')).paperId).toBe('arxiv:2311.16079');
    await page.close();
  });

  it('trusts the URL, not metadata left over from the previous page, after pushState', async () => {
    const page = await open('https://arxiv.org/abs/2311.16452');
    expect((await waitForBadge(page)).paperId).toBe('arxiv:2311.16452');
    // The document keeps paper 2311.16452's citation_title while the URL names other papers.
    await page.evaluate(() => history.pushState({}, '', '/abs/2401.00001'));
    await page.waitForFunction(() => document.querySelector('lantern-badge') === null);
    // Past the second, settled look (900 ms): still no badge from the stale title.
    await page.waitForTimeout(1500);
    expect(await page.locator('lantern-badge').count()).toBe(0);
    await page.evaluate(() => history.pushState({}, '', '/abs/2310.14573v2'));
    expect((await waitForBadge(page, 'arxiv:2310.14573')).title).toBe(entry('arxiv:2310.14573').title);
    await page.waitForTimeout(1500);
    expect((await readBadge(page))?.paperId).toBe('arxiv:2310.14573');
    await page.close();
  });

  // Every single-page-style site Lantern runs on: the site moves to another paper in place
  // (pushState), rewrites the title and author meta and leaves the previous paper's citation_doi
  // (the input). Paper A's badge must not come back for the unlisted paper; the next listed
  // paper is shown, also when the site writes its meta only after Lantern has looked.
  const MED_PALM = 'doi:10.1038/s41586-023-06291-2';
  const SPA_SITES: { site: string; a: string; unlisted: string; b: string; bId: string }[] = [
    { site: 'Semantic Scholar', a: 'https://www.semanticscholar.org/paper/6052486bc9144dc1730c12bf35323af3792a1fd0', unlisted: '/paper/0123456789abcdef0123456789abcdef01234567', b: '/paper/fedcba9876543210fedcba9876543210fedcba98', bId: 'doi:10.1038/s41746-023-00896-7' },
    { site: 'PubMed', a: 'https://pubmed.ncbi.nlm.nih.gov/37438534/', unlisted: '/11111111/', b: '/37460753/', bId: 'doi:10.1038/s41746-023-00896-7' },
    { site: 'Hugging Face papers', a: 'https://huggingface.co/papers/2212.13138', unlisted: '/papers/2401.00001', b: '/papers/2310.14573', bId: 'arxiv:2310.14573' },
    { site: 'alphaXiv', a: 'https://www.alphaxiv.org/abs/2212.13138', unlisted: '/abs/2401.00001', b: '/abs/2311.16079', bId: 'arxiv:2311.16079' },
    { site: 'OpenReview', a: 'https://openreview.net/forum?id=AAAAAAAAAA', unlisted: '/forum?id=BBBBBBBBBB', b: '/forum?id=CCCCCCCCCC', bId: 'doi:10.1038/s41746-023-00896-7' },
    { site: 'medRxiv', a: 'https://www.medrxiv.org/content/10.1101/2023.10.26.23297629v3', unlisted: '/content/10.1101/2024.01.01.24300001v1', b: '/content/10.1101/2023.04.18.23288752v1', bId: 'doi:10.1101/2023.04.18.23288752' },
  ];
  it.each(SPA_SITES.map((s) => [s.site, s] as const))('after in-page navigation on %s, trusts only the meta that changed', async (_site, { a, unlisted, b, bId }) => {
    const aId = a.includes('medrxiv') ? 'doi:10.1101/2023.10.26.23297629' : MED_PALM;
    const aTitle = entry(aId).title;
    const aDoi = aId.slice('doi:'.length);
    ext.routePages({
      [a]: {
        body: mirrorPage(aTitle, `<meta name="citation_title" content="${aTitle}"><meta name="citation_author" content="Singhal, Karan"><meta name="citation_doi" content="${aDoi}">`),
      },
    });
    const page = await open(a);
    expect((await waitForBadge(page)).paperId).toBe(aId);
    // Like a single-page site: the URL, the title and the authors change; citation_doi stays.
    const unlistedTitle = 'An unlisted study of hospital scheduling with integer programs';
    const write = (meta: { title?: string; author: string; doi?: string }) =>
      page.evaluate((m) => {
        if (m.title !== undefined) {
          document.title = m.title;
          document.querySelector('h1')!.textContent = m.title;
          for (const sel of ['meta[name="citation_title"]', 'meta[property="og:title"]']) document.querySelector(sel)!.setAttribute('content', m.title);
        }
        document.querySelector('meta[name="citation_author"]')!.setAttribute('content', m.author);
        if (m.doi !== undefined) document.querySelector('meta[name="citation_doi"]')!.setAttribute('content', m.doi);
      }, meta);
    await page.evaluate((path) => history.pushState({}, '', path), unlisted);
    await write({ title: unlistedTitle, author: 'Doe, Jane' });
    // The settled look reads the new title: its answer names no paper (the stale DOI was dropped).
    expect(await waitForAnswerAbout(ext, page, (identity) => identity.title === unlistedTitle)).toEqual({ identity: expect.not.objectContaining({ doi: aDoi }), paperId: null });
    await page.waitForFunction(() => document.querySelector('lantern-badge') === null);

    // The next listed paper; where its URL names it the badge comes at once, elsewhere once the
    // site writes its meta, even after Lantern's settled look.
    await page.evaluate((path) => history.pushState({}, '', path), b);
    await waitForAnswerAbout(ext, page, () => true);
    const bEntry = entry(bId);
    await write({ title: bEntry.title, author: 'Tang, Liyan', ...(bEntry.ids.doi && { doi: bEntry.ids.doi }) });
    expect((await waitForBadge(page, bId)).title).toBe(bEntry.title);
    await page.close();
  });

  it('never shifts the page layout', async () => {
    const page = await ext.context.newPage();
    await page.goto('https://www.nature.com/articles/s41586-023-06291-2');
    await waitForBadge(page);
    const box = await page.evaluate(() => {
      const host = document.querySelector('lantern-badge') as HTMLElement;
      const style = getComputedStyle(host);
      return { position: style.position, scrollHeight: document.documentElement.scrollHeight, innerHeight };
    });
    expect(box.position).toBe('fixed');
    const without = await page.evaluate(() => {
      const host = document.querySelector('lantern-badge') as HTMLElement;
      const before = document.documentElement.scrollHeight;
      host.remove();
      return before - document.documentElement.scrollHeight;
    });
    expect(without).toBe(0);
    await page.close();
  });

  it('lights the toolbar button on a listed tab, also on an arXiv PDF, and tells the popup', async () => {
    const pdfUrl = 'https://arxiv.org/pdf/2311.16452v2';
    ext.routePages({ [pdfUrl]: { body: '%PDF-1.4\n%%EOF\n', contentType: 'application/pdf' } });
    const page = await ext.context.newPage();
    await page.goto(pdfUrl).catch(() => undefined);
    const tabId = await tabIdOf(ext, pdfUrl);
    const title = entry('arxiv:2311.16452').title;
    const tooltip = await ext.serviceWorker.evaluate(async ([id, t]) => {
      for (;;) {
        const current = await chrome.action.getTitle({ tabId: id });
        if (current.includes(t)) return current;
        await new Promise((r) => setTimeout(r, 50));
      }
    }, [tabId, title] as const);
    expect(tooltip).toContain(catalog.name);

    const reply = (await sendFromExtensionPage(ext, 'getTabPaper', { tabId })) as {
      ok: boolean;
      value: { identity: { arxiv?: string } | null; match: { paper: { id: string } } | null };
    };
    expect(reply.ok).toBe(true);
    expect(reply.value.identity?.arxiv).toBe('2311.16452');
    expect(reply.value.match?.paper.id).toBe('arxiv:2311.16452');

    // Leaving for an unlisted page puts the plain button back.
    await page.goto('https://arxiv.org/abs/2401.00001');
    const plain = await ext.serviceWorker.evaluate(async (id) => {
      for (;;) {
        const current = await chrome.action.getTitle({ tabId: id });
        if (current === 'Lantern') return current;
        await new Promise((r) => setTimeout(r, 50));
      }
    }, tabId);
    expect(plain).toBe('Lantern');
    await page.close();
  });

  it('restyles the open card and the pill when the colour scheme changes under them', async () => {
    const page = await open('https://arxiv.org/abs/2311.16452');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });
    await waitForBadge(page);
    // Past the 140 ms fade-in, as a reader would have it open.
    await page.waitForTimeout(300);
    const shadow = closedShadow(page);
    const look = (selector: string) =>
      shadow.evaluate(
        'lantern-badge',
        (root, sel: string) => {
          const element = root.querySelector(sel);
          if (!element) return null;
          const style = getComputedStyle(element);
          return { scheme: style.colorScheme, background: style.backgroundColor, text: style.color };
        },
        selector,
      );
    // Badge.css: --bg light-dark(#ffffff, #1d2026), --fg light-dark(#1f2328, #e5e7ea). The scheme
    // itself is part of the look: a value that changes with the system's makes everything under
    // the host restyle, where an unchanged "light dark" leaves a browser free to reuse the old style.
    const palette = {
      light: { scheme: 'light', background: 'rgb(255, 255, 255)', text: 'rgb(31, 35, 40)' },
      dark: { scheme: 'dark', background: 'rgb(29, 32, 38)', text: 'rgb(229, 231, 234)' },
    };
    for (const [selector, name] of [['.card', 'card'], ['.pill', 'pill']] as const) {
      if (selector === '.pill') await shadow.click('lantern-badge', 'button[aria-label="Collapse"]');
      await shadow.waitFor('lantern-badge', (root, sel: string) => root.querySelector(sel) !== null, selector);
      // Each picture is taken right after the switch, before anything reads the styles.
      for (const scheme of ['light', 'dark', 'light'] as const) {
        await screenshot(page, `badge-${name}-switched`, { colorScheme: scheme, fullPage: false });
        expect({ scheme, look: await look(selector) }).toEqual({ scheme, look: palette[scheme] });
      }
    }
    await page.close();
  });

  it('shades the card’s edge where a short window cuts it off, with covers that scroll the shade away at either end', async () => {
    const page = await open('https://arxiv.org/abs/2311.16452');
    await page.setViewportSize({ width: 1100, height: 500 });
    await waitForBadge(page);
    const shadow = closedShadow(page);
    const body = () =>
      shadow.evaluate('lantern-badge', (root) => {
        const element = root.querySelector('.body')!;
        const style = getComputedStyle(element);
        return { overflows: element.scrollHeight > element.clientHeight, attachment: style.backgroundAttachment, image: style.backgroundImage };
      });
    const look = (await body())!;
    expect(look.overflows).toBe(true);
    // Covers that scroll with the content (local) over shades fixed to the edges (scroll).
    expect(look.attachment).toBe('local, local, scroll, scroll, scroll');
    expect(look.image.match(/radial-gradient/g)).toHaveLength(2);
    await screenshot(page, 'badge-card-cut-off', { colorScheme: 'light', fullPage: false });
    await page.close();
  });

  it('draws a quiet card and pill in light and dark (screenshots to look at)', async () => {
    const page = await ext.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('https://arxiv.org/abs/2311.16452');
    await waitForBadge(page);
    // Past the 140 ms fade-in.
    await page.waitForTimeout(300);
    for (const scheme of ['light', 'dark'] as const) {
      await screenshot(page, 'badge-card', { colorScheme: scheme, fullPage: false });
    }
    const shadow = closedShadow(page);
    await shadow.click('lantern-badge', 'button[aria-label="Collapse"]');
    await page.waitForTimeout(300);
    for (const scheme of ['light', 'dark'] as const) {
      await screenshot(page, 'badge-pill', { colorScheme: scheme, fullPage: false });
    }
    await shadow.click('lantern-badge', '.pill');
    await page.waitForTimeout(300);
    // 200 % zoom: half the CSS viewport; the card must still fit and scroll.
    await page.setViewportSize({ width: 640, height: 400 });
    await page.emulateMedia({ colorScheme: 'light' });
    const fits = await shadow.evaluate('lantern-badge', (root) => {
      const r = root.querySelector('.card')?.getBoundingClientRect();
      return r ? r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth : false;
    });
    expect(fits).toBe(true);
    await screenshot(page, 'badge-card-zoom200', { fullPage: false });
    await page.close();
  });
});
