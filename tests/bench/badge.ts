/**
 * Badge figures: the size of what loads on every page of the site list (the content
 * script) and on listed pages only (the badge's UI), minified and gzipped from the build; and
 * the time from navigation start to a visible badge on an arXiv abstract page, with the service
 * worker stopped first (cold) and running (warm), median of several runs.
 * Targets: content script < 30 kB minified; badge < 150 ms cold.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CDPSession, Page } from 'playwright-core';
import { defaultExtDir, launchExtension, type ExtensionSession } from '../e2e/harness';
import { waitForSeed } from '../e2e/badge.page';
import { readFixture } from '../fixtures/pages/pages';
import { pageSignal } from './pageSignal';

const RUNS = 9;
const TARGET_CONTENT_KB = 30;
const TARGET_COLD_MS = 150;
const ARXIV_URL = 'https://arxiv.org/abs/2311.16452';

const kB = (bytes: number) => (bytes / 1000).toFixed(1);

function size(file: string): { minified: number; gzipped: number } {
  const bytes = readFileSync(file);
  return { minified: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

// In the page's main world, from navigation start: the first frame in which the badge's host
// has a size, i.e. its card or pill is drawn in its closed shadow root (which the page cannot
// look into; the content script draws host and content in one task).
const RECORD_BADGE_VISIBLE = `(() => {
  const drawn = () => (document.querySelector('lantern-badge')?.getBoundingClientRect().height ?? 0) > 0;
  const mark = () => requestAnimationFrame(() => { console.debug('lantern-bench', 'badgeVisibleAt', performance.now()); });
  const observer = new MutationObserver(() => { if (drawn()) { observer.disconnect(); mark(); } });
  observer.observe(document, { childList: true, subtree: true });
})();`;

async function timeToBadge(ext: ExtensionSession): Promise<{ badge: number; domContentLoaded: number }> {
  const page = await ext.context.newPage();
  const reported = pageSignal(page, 'badgeVisibleAt');
  await page.goto(ARXIV_URL);
  const badge = Number(await reported);
  const domContentLoaded = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
  const result = { badge, domContentLoaded };
  await page.close();
  return result;
}

/** Stops the extension's service worker (as Chrome does after 30 s idle) and waits until it has. */
async function stopServiceWorker(cdp: CDPSession, status: { versionId?: string; running?: string }): Promise<void> {
  if (!status.versionId) throw new Error('The service worker was not seen.');
  await cdp.send('ServiceWorker.stopWorker', { versionId: status.versionId });
  while (status.running !== 'stopped') await new Promise((r) => setTimeout(r, 10));
}

async function watchServiceWorker(extensionPage: Page): Promise<{ cdp: CDPSession; status: { versionId?: string; running?: string } }> {
  const cdp = await extensionPage.context().newCDPSession(extensionPage);
  const status: { versionId?: string; running?: string } = {};
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) {
      if (!v.scriptURL.startsWith('chrome-extension://')) continue;
      status.versionId = v.versionId;
      status.running = v.runningStatus;
    }
  });
  await cdp.send('ServiceWorker.enable');
  while (!status.versionId) await new Promise((r) => setTimeout(r, 10));
  return { cdp, status };
}

export async function run(): Promise<void> {
  console.log('\n## Badge');
  const dir = defaultExtDir();
  const content = size(join(dir, 'content-scripts/content.js'));
  const ui = size(join(dir, 'badge-ui.js'));
  console.log(
    `content script (every site-list page): ${kB(content.minified)} kB minified, ${kB(content.gzipped)} kB gzipped` +
      ` — ${(content.minified / 1000 / TARGET_CONTENT_KB).toFixed(2)}× the ${TARGET_CONTENT_KB} kB target`,
  );
  console.log(`badge UI (listed pages only, injected on a match): ${kB(ui.minified)} kB minified, ${kB(ui.gzipped)} kB gzipped`);

  const ext = await launchExtension({ extDir: dir });
  try {
    await ext.context.addInitScript(RECORD_BADGE_VISIBLE);
    ext.routePages({ [ARXIV_URL]: { body: readFixture('arxiv-abs-2311.16452.html') } });
    await waitForSeed(ext);
    const extensionPage = await ext.openPopup();
    const { cdp, status } = await watchServiceWorker(extensionPage);

    await timeToBadge(ext); // first load: the page and the UI bundle come into caches
    const warm: number[] = [];
    const cold: number[] = [];
    const dcl: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const w = await timeToBadge(ext);
      warm.push(w.badge);
      dcl.push(w.domContentLoaded);
      await stopServiceWorker(cdp, status);
      cold.push((await timeToBadge(ext)).badge);
    }
    const coldMedian = median(cold);
    console.log(`navigation start → visible badge on an arXiv abstract page, median of ${RUNS}:`);
    console.log(`  warm service worker: ${median(warm).toFixed(0)} ms (page's own DOMContentLoaded: ${median(dcl).toFixed(0)} ms)`);
    console.log(
      `  cold service worker: ${coldMedian.toFixed(0)} ms — ${(coldMedian / TARGET_COLD_MS).toFixed(2)}× the ${TARGET_COLD_MS} ms target` +
        ` (runs: ${cold.map((c) => c.toFixed(0)).join(', ')})`,
    );
  } finally {
    await ext.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
