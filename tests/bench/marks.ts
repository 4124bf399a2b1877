/**
 * Listing marks figures: the size of what a page loads (content script, listing readers, UI
 * bundle), and in Chromium the time from DOMContentLoaded to all marks drawn on an arXiv
 * /pastweek?show=2000 listing (2,000 items, 40 listed) and on a 25-item listing (5 listed), with
 * the bundled list and with a 100k-entry list followed too; median of several runs, beside the
 * same page's own first frame where Lantern does not run (marks asked for once the page is parsed
 * are answered only after that frame: its layout is the page's), and beside the floor of any
 * design that asks its background (marksFloor/: a bare extension that asks once and draws marks
 * at the answer). Then each other listing kind
 * on its fixture (tests/fixtures/listings: Scholar, PubMed, PMC's blocks, Hugging Face, Semantic
 * Scholar, alphaXiv, ACL Anthology, arXiv HTML and ar5iv bibliographies, a GitHub README): marks
 * drawn and when, beside the same page alone. Then, in
 * Node (fake-indexeddb, indicative only): one lookup of 2,000 references by title text at 100k
 * entries. Targets: content script ≤ 25 kB; 2,000 items ≤ 150 ms; 25 items ≤ 50 ms.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import bundled from '../../assets/catalog.json';
import { bucketsFor, entriesAt, replaceListEntries } from '../../lib/db/catalog';
import { placesInBuckets } from '../../lib/db/buckets';
import { lookupListed } from '../../lib/db/listed';
import { LanternDB } from '../../lib/db/schema';
import { titleKey } from '../../lib/title';
import type { CatalogSnapshot, Paper } from '../../lib/types';
import { writeListMarkdown } from '../fixtures/lists/writeList';
import { LISTINGS, readListing } from '../fixtures/listings/listings';
import { defaultExtDir, launchExtension, type ExtensionSession } from '../e2e/harness';
import { sendFromExtensionPage, waitForSeed } from '../e2e/badge.page';
import { generateCorpus } from './corpus';
import { pageSignal } from './pageSignal';

const RUNS = 7;
/** Runs per listing kind's fixture: these pages are small, a few runs show their time. */
const KIND_RUNS = 3;
const catalog = bundled as unknown as CatalogSnapshot;
const listedIds = catalog.entries.flatMap((e) => (e.ids.arxiv ? [e.ids.arxiv] : []));

const kB = (bytes: number) => (bytes / 1000).toFixed(1);
const ms = (t: number) => `${t.toFixed(0)} ms`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** An arXiv listing page as arXiv serves it (dt with links, dd with .list-title): `listed` of its `size` items are listed. */
function arxivListing(size: number, listed: number): string {
  const every = Math.floor(size / listed);
  const items: string[] = [];
  for (let i = 0; i < size; i++) {
    const id = i % every === 0 && i / every < listed ? listedIds[i / every]! : `24${String(10 + (i % 3)).padStart(2, '0')}.${String(10000 + i).slice(-5)}`;
    items.push(`<dt><a name='item${i + 1}'>[${i + 1}]</a> <a href="/abs/${id}" title="Abstract" id="${id}">arXiv:${id}</a> [<a href="/pdf/${id}">pdf</a>, <a href="https://arxiv.org/html/${id}v1">html</a>, <a href="/format/${id}">other</a>]</dt>
<dd><div class='meta'><div class='list-title mathjax'><span class='descriptor'>Title:</span> Paper number ${i + 1} on language models</div>
<div class='list-authors'><a href="https://arxiv.org/a/x_${i}">Author ${i}</a></div><div class='list-subjects'><span class='descriptor'>Subjects:</span> Computation and Language (cs.CL)</div></div></dd>`);
  }
  return `<!DOCTYPE html><html><head><title>cs.CL past week</title></head><body><div id='dlpage'><h1>Computation and Language</h1><dl id='articles'>${items.join('\n')}</dl></div></body></html>`;
}

// In the page's main world: the frame in which the expected number of marks (host elements;
// their insides are closed) are in the document; and the page's own first frame after
// DOMContentLoaded, the floor for marks drawn by then: when it starts (its animation frame
// callbacks) and when it is done (a task queued then runs after the frame's style, layout and
// paint). A listing's last items are parsed in the task that ends with DOMContentLoaded, and
// the page's first frame is drawn before anything answered meanwhile reaches the page: marks of
// those items cannot be drawn before that frame is done.
const RECORD_MARKS_DRAWN = `(() => {
  document.addEventListener('DOMContentLoaded', () => requestAnimationFrame(() => {
    console.debug('lantern-bench', 'firstFrameAt', performance.now());
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { console.debug('lantern-bench', 'firstFrameDoneAt', performance.now()); };
    channel.port2.postMessage(0);
  }));
  const want = Number(new URLSearchParams(location.search).get('marks'));
  if (!want) return;
  const observer = new MutationObserver(() => {
    if (document.querySelectorAll('lantern-mark').length >= want) {
      observer.disconnect();
      requestAnimationFrame(() => { console.debug('lantern-bench', 'marksAt', performance.now()); });
    }
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

async function timeToMarks(ext: ExtensionSession, url: string): Promise<number> {
  const page = await ext.context.newPage();
  const reported = pageSignal(page, 'marksAt');
  await page.goto(url);
  const at = Number(await reported);
  const domContentLoaded = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
  await page.close();
  return at - domContentLoaded;
}

/** Times to all marks (ms after DOMContentLoaded) on the arXiv listing at `url`: RUNS loads after one to warm up. */
async function listingTimes(session: ExtensionSession, url: string, size: number, listed: number): Promise<number[]> {
  session.routePages({ [url]: { body: arxivListing(size, listed) } });
  await timeToMarks(session, url);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await timeToMarks(session, url));
  return times;
}

/** "median of N; min …, max …" of some times. */
function spread(times: readonly number[]): string {
  return `median of ${times.length}; min ${ms(Math.min(...times))}, max ${ms(Math.max(...times))}`;
}

/**
 * `floor`: the floor of any marks design that asks its background (the list lives behind it), the
 * bench's bare extension (marksFloor/) whose content script asks once at DOMContentLoaded and
 * draws marks at the answer, with no database and no UI to load.
 */
async function listingFigures(ext: ExtensionSession, label: string, floor?: ExtensionSession): Promise<void> {
  for (const [size, listed] of [[2000, 40], [25, 5]] as const) {
    const url = `https://arxiv.org/list/cs.CL/pastweek?show=${size}&marks=${listed}`;
    const times = await listingTimes(ext, url, size, listed);
    const target = size === 2000 ? 150 : 50;
    // The same page where no content script runs: when the page itself first draws.
    const alone = `https://example.org/list/cs.CL/pastweek?show=${size}&marks=0`;
    ext.routePages({ [alone]: { body: arxivListing(size, listed) } });
    const frames: { at: number; done: number }[] = [];
    for (let i = 0; i < RUNS; i++) frames.push(await firstFrame(ext, alone));
    console.log(
      `    ${label}, ${String(size).padStart(4)} items (${listed} listed): all marks ${ms(median(times))} after DOMContentLoaded (${spread(times)}; target ≤ ${target} ms: ${median(times) <= target ? 'met' : 'MISSED'}); the page alone (no Lantern) first draws ${ms(median(frames.map((f) => f.at)))} after DOMContentLoaded, that frame done at ${ms(median(frames.map((f) => f.done)))}`,
    );
    if (floor) {
      const least = await listingTimes(floor, `${url}&floor=${listedIds.slice(0, listed).join(',')}`, size, listed);
      console.log(
        `      the floor (a bare extension asking its background once, answered at once, marks drawn at the answer): ${ms(median(least))} (${spread(least)}; target ≤ ${target} ms: ${median(least) <= target ? 'within' : 'BELOW THE FLOOR'})`,
      );
    }
  }
}

/** The listing kinds with a figure of their own, each on its fixture (a file of tests/fixtures/listings). */
const KINDS: readonly { label: string; file: string }[] = [
  { label: 'Google Scholar results', file: 'scholar.html' },
  { label: 'PubMed results', file: 'pubmed-search.html' },
  { label: 'PubMed similar / cited by', file: 'pubmed-article-related.html' },
  { label: 'PMC similar / cited by', file: 'pmc-article-related.html' },
  { label: 'Hugging Face papers', file: 'hf-papers.html' },
  { label: 'Semantic Scholar search', file: 'semantic-scholar-search.html' },
  { label: 'alphaXiv', file: 'alphaxiv.html' },
  { label: 'ACL Anthology volume', file: 'acl-anthology-volume.html' },
  { label: 'arXiv HTML bibliography', file: 'arxiv-html-bibliography.html' },
  { label: 'ar5iv bibliography', file: 'ar5iv-bibliography.html' },
  { label: 'GitHub README', file: 'github-readme.html' },
];

/**
 * One row per listing kind: its fixture served at its own address (with `marks`, the count to
 * wait for), the marks drawn and the time from DOMContentLoaded until they all are (median of
 * KIND_RUNS after a warm-up that counts the marks), beside the same page at a host where Lantern does not run.
 */
async function kindFigures(ext: ExtensionSession): Promise<void> {
  for (const { label, file } of KINDS) {
    const fixture = LISTINGS.find((f) => f.file === file);
    if (!fixture) throw new Error(`No listing fixture ${file}.`);
    const body = readListing(file);
    const url = new URL(fixture.url);
    url.searchParams.set('marks', String(fixture.marked.length));
    const alone = new URL(`https://example.org${url.pathname}?marks=0`);
    ext.routePages({ [url.href]: { body }, [alone.href]: { body } });
    // The warm-up counts the marks.
    const drawn = await marksOn(ext, url.href);
    const times: number[] = [];
    for (let i = 0; i < KIND_RUNS; i++) times.push(await timeToMarks(ext, url.href));
    const frames: { at: number; done: number }[] = [];
    for (let i = 0; i < KIND_RUNS; i++) frames.push(await firstFrame(ext, alone.href));
    console.log(
      `    ${label.padEnd(26)} ${String(drawn).padStart(2)} marks (${String(fixture.items).padStart(2)} items): all drawn ${ms(median(times)).padStart(6)} after DOMContentLoaded (median of ${KIND_RUNS}; ${ms(Math.min(...times))}–${ms(Math.max(...times))}); the page alone first draws ${ms(median(frames.map((f) => f.at)))}, that frame done at ${ms(median(frames.map((f) => f.done)))}`,
    );
  }
}

/** When a page's first frame after DOMContentLoaded starts and is done (ms after DOMContentLoaded), from one load. */
async function firstFrame(ext: ExtensionSession, url: string): Promise<{ at: number; done: number }> {
  const page = await ext.context.newPage();
  const reported = Promise.all([pageSignal(page, 'firstFrameAt'), pageSignal(page, 'firstFrameDoneAt')]);
  await page.goto(url);
  const [at, done] = (await reported).map(Number) as [number, number];
  const domContentLoaded = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
  await page.close();
  return { at: at - domContentLoaded, done: done - domContentLoaded };
}

/** How many marks a page at `url` has once its expected marks are drawn (more would be wrong ones). */
async function marksOn(ext: ExtensionSession, url: string): Promise<number> {
  const page = await ext.context.newPage();
  const drawn = pageSignal(page, 'marksAt');
  await page.goto(url);
  await drawn;
  // Later batches (links after references) would add marks now: count once they had their time.
  await page.waitForTimeout(500);
  const count = await page.evaluate(() => document.querySelectorAll('lantern-mark').length);
  await page.close();
  return count;
}

/** A GitHub page with 20,000 paper links, every 500th to a listed paper (40 listed). */
function manyLinks(): string {
  const links = Array.from({ length: 20_000 }, (_, i) =>
    i % 500 === 0 ? `<p><a href="https://arxiv.org/abs/${listedIds[(i / 500) % listedIds.length]}">listed ${i}</a></p>` : `<a href="https://arxiv.org/abs/2401.${String(10000 + (i % 90000))}">x</a> `,
  );
  return `<!DOCTYPE html><html><head><title>many links</title></head><body><article>${links.join('')}</article></body></html>`;
}

/** An arXiv HTML paper whose bibliography is about 5 MB (20,000 references), every 500th citing a listed paper by its arXiv id. */
function hugeBibliography(): string {
  const items = Array.from({ length: 20_000 }, (_, i) => {
    const cited = i % 500 === 0 ? `arXiv preprint arXiv:${listedIds[(i / 500) % listedIds.length]}` : `Journal of Things ${i % 97}, ${i % 50}(3):1–20`;
    return `<li id="bib.bib${i + 1}" class="ltx_bibitem"><span class="ltx_tag ltx_role_refnum ltx_tag_bibitem">[${i + 1}]</span>
<span class="ltx_bibblock">Author ${i}, Other Author, Third Author, and Last Author.</span>
<span class="ltx_bibblock">A study of reference number ${i + 1} in a very long bibliography of a survey paper.</span>
<span class="ltx_bibblock"><em class="ltx_emph ltx_font_italic">${cited}</em>, 2023.</span></li>`;
  });
  return `<!DOCTYPE html><html><head><title>A survey</title></head><body><article class="ltx_document"><h1 class="ltx_title ltx_title_document">A survey with a long bibliography</h1><section id="bib" class="ltx_bibliography"><h2 class="ltx_title ltx_title_bibliography">References</h2><ul class="ltx_biblist">${items.join('\n')}</ul></section></article></body></html>`;
}

// In the page's main world: the page's long tasks (over 50 ms) from its start, as the browser reports them.
const RECORD_LONG_TASKS = `(() => {
  window.__lanternLongTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__lanternLongTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
})();`;

/**
 * The heavy pages of the issue: 20,000 links and a 5 MB bibliography. Marks drawn (the page's own
 * marks count) and, from DOMContentLoaded until 2 s after the last mark, the page's longest task
 * and its long tasks' total, beside the same page where Lantern does not run: "no freeze" means
 * Lantern's work comes in slices, so the longest task is the page's own.
 */
async function heavyPageFigures(ext: ExtensionSession): Promise<void> {
  for (const [label, host, path, body, want] of [
    ['20,000 links (40 listed)', 'https://github.com', '/someone/many-links', manyLinks(), 40],
    ['5 MB bibliography (40 listed)', 'https://arxiv.org', '/html/2407.09999v1', hugeBibliography(), 40],
  ] as const) {
    const tasks = async (url: string, marks: number) => {
      ext.routePages({ [url]: { body } });
      const page = await ext.context.newPage();
      const reported = marks > 0 ? pageSignal(page, 'marksAt') : Promise.resolve('0');
      await page.goto(url, { timeout: 60_000 });
      const drawn = Number(await reported);
      await page.waitForTimeout(2000);
      const result = await page.evaluate(() => {
        const dcl = (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd;
        const long = (window as unknown as { __lanternLongTasks: { start: number; duration: number }[] }).__lanternLongTasks.filter((t) => t.start >= dcl);
        return { dcl, longest: Math.max(0, ...long.map((t) => t.duration)), total: long.reduce((n, t) => n + t.duration, 0), count: document.querySelectorAll('lantern-mark').length };
      });
      await page.close();
      return { ...result, drawn: drawn ? drawn - result.dcl : 0 };
    };
    const withLantern = await tasks(`${host}${path}?marks=${want}`, want);
    const alone = await tasks(`https://example.org${path}?marks=0`, 0);
    console.log(
      `    ${label}: ${withLantern.count} marks, all drawn ${ms(withLantern.drawn)} after DOMContentLoaded; after DOMContentLoaded the longest task ${ms(withLantern.longest)} and long tasks ${ms(withLantern.total)} in all (the page alone: longest ${ms(alone.longest)}, ${ms(alone.total)} in all)`,
    );
  }
}

async function chromiumFigures(): Promise<void> {
  const dir = defaultExtDir();
  console.log('  Sizes (minified / gzipped):');
  for (const file of ['content-scripts/content.js', 'listing-reader.js', 'badge-ui.js']) {
    const bytes = readFileSync(join(dir, file));
    const note = file.startsWith('content') ? ` (target ≤ 25 kB: ${bytes.length <= 25_000 ? 'met' : 'MISSED'})` : '';
    console.log(`    ${file.padEnd(27)} ${kB(bytes.length).padStart(6)} kB / ${kB(gzipSync(bytes, { level: 9 }).length).padStart(5)} kB${note}`);
  }
  console.log('  Chromium, time to all marks:');
  const ext = await launchExtension();
  const floor = await launchExtension({ extDir: fileURLToPath(new URL('./marksFloor', import.meta.url)) });
  try {
    await waitForSeed(ext);
    for (const session of [ext, floor]) await session.context.addInitScript(RECORD_MARKS_DRAWN);
    await ext.context.addInitScript(RECORD_LONG_TASKS);
    await listingFigures(ext, 'bundled list', floor);
    console.log('  Chromium, each other listing kind on its fixture (bundled list):');
    await kindFigures(ext);
    console.log('  Chromium, heavy pages (bundled list):');
    await heavyPageFigures(ext);
    const basis: Paper[] = catalog.entries.map((e) => ({ ...e, lists: ['seed'] }));
    const entries = generateCorpus(100_000, { basis, listId: 'bench' }).map(({ lists: _l, ...e }) => e);
    const listUrl = 'https://raw.githubusercontent.com/bench/synthetic-100000/main/list.md';
    ext.routePages({ [listUrl]: { body: writeListMarkdown('Synthetic 100000', entries), contentType: 'text/plain' } });
    const added = (await sendFromExtensionPage(ext, 'addList', { url: listUrl })) as { ok: boolean; error?: string };
    if (!added.ok) throw new Error(`addList failed: ${added.error}`);
    await listingFigures(ext, '+ 100k-entry list');
  } finally {
    await ext.close();
    await floor.close();
  }
}

async function nodeFigures(): Promise<void> {
  console.log('  Node, fake-indexeddb (indicative): one lookup of 2,000 references by their text, 100k entries:');
  const db = new LanternDB('bench-marks');
  const basis: Paper[] = catalog.entries.map((e) => ({ ...e, lists: ['seed'] }));
  const entries = generateCorpus(100_000, { basis, listId: 'bench' }).map(({ lists: _l, ...e }) => e);
  await replaceListEntries(db, { id: 'bench', name: 'Bench', sourceUrl: 'https://example.org/bench.md', enabled: true, fetchedAt: 0 }, entries);
  const cited = Array.from({ length: 2000 }, (_, i) => entries[i * 50]!);
  const texts = cited.map((entry, i) => ({ text: titleKey(`A. Author, B. Author. ${entry.title}. Journal ${i} (2024) 1–10.`) }));
  // Generated titles repeat (templates over a vocabulary): a reference to a repeated title names one of its papers.
  const sameTitle = new Map<string, number>();
  for (const entry of entries) sameTitle.set(entry.titleKey, (sameTitle.get(entry.titleKey) ?? 0) + 1);
  const times: number[] = [];
  let hits: Awaited<ReturnType<typeof lookupListed>> = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    hits = await lookupListed(db, texts, undefined);
    times.push(performance.now() - start);
  }
  const found = hits.filter((h) => h !== null).length;
  const itself = hits.filter((h, i) => h?.id === cited[i]!.id).length;
  const shared = cited.filter((e) => sameTitle.get(e.titleKey)! > 1).length;
  console.log(
    `    ${ms(median(times))} (median of 5); ${found} of 2,000 references found by title: ${itself} as the cited entry, ${found - itself} as another entry of the same title (${shared} of the cited titles are shared)`,
  );
  // Where a lookup's time goes: the title keys' buckets, then the chunks their entries are in.
  const keys = new Set(cited.map((entry) => `title:${entry.titleKey}`));
  const start = performance.now();
  const buckets = await bucketsFor(db, ['bench'], keys);
  const places = placesInBuckets(buckets, (key) => keys.has(key));
  const bucketTime = performance.now() - start;
  const chunkStart = performance.now();
  await entriesAt(db, places);
  const chunkTime = performance.now() - chunkStart;
  console.log(
    `    of which: ${buckets.length} title-key buckets (${buckets.reduce((n, b) => n + b.keys.length, 0).toLocaleString('en')} keys) ${ms(bucketTime)}; the entries' chunks (${new Set(places.map((p) => p.chunk)).size.toLocaleString('en')} chunks for ${places.length.toLocaleString('en')} entries of those titles) ${ms(chunkTime)}`,
  );
  db.close();
}

export async function run(): Promise<void> {
  console.log('\n== marks (listing pages) ==');
  await chromiumFigures();
  await nodeFigures();
}
