/**
 * Draws the README's picture, assets/screenshots/lantern.png, from three screenshots the Chromium
 * E2E suite takes: the badge on a listed arXiv paper (its corner of the page), the popup
 * searching "meditron", and the popup's "This tab" in dark mode. Run after the suite, and commit
 * the PNG:
 *
 *   npm run test:e2e:chromium && npx tsx tests/tools/readme-screenshot.ts
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../e2e/harness';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = join(ROOT, 'test-results/screenshots');
const OUT = join(ROOT, 'assets/screenshots/lantern.png');

/** The bottom-right corner of the 1280×720 page where the badge's card is open. */
const BADGE_CORNER = { left: 620, top: 190, width: 660, height: 530 };

const dataUrl = (file: string): string => `data:image/png;base64,${readFileSync(join(SHOTS, file)).toString('base64')}`;

const page = `<!doctype html><html><body style="margin:0">
<div id="picture" style="display:inline-flex;gap:24px;padding:24px;background:#e6e8eb;align-items:flex-start">
  <div style="width:${BADGE_CORNER.width}px;height:${BADGE_CORNER.height}px;border-radius:8px;overflow:hidden;box-shadow:0 1px 4px rgba(0,0,0,.15);
    background:url(${dataUrl('badge-reading-status-light-chromium.png')}) -${BADGE_CORNER.left}px -${BADGE_CORNER.top}px no-repeat"></div>
  <img style="border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15)" src="${dataUrl('popup-results-light-chromium.png')}">
  <img style="border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15)" src="${dataUrl('popup-this-tab-dark-chromium.png')}">
</div></body></html>`;

const browser = await chromium.launch({ executablePath: chromiumPath() });
try {
  const tab = await browser.newPage({ viewport: { width: 1800, height: 800 } });
  await tab.setContent(page);
  await tab.locator('#picture').screenshot({ path: OUT });
  console.log(`wrote ${OUT}`);
} finally {
  await browser.close();
}
