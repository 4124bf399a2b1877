/**
 * Rasterizes assets/icon.svg into the PNG icons the stores and the toolbar need, with
 * headless Chromium (transparent background). Run after editing the SVG, and commit the PNGs:
 *
 *   npx tsx tests/tools/render-icons.ts
 *
 * Writes assets/icon-<size>.png, and assets/icon-listed-<size>.png: the toolbar icon for tabs
 * that show a listed paper (the mark with a green dot in the top-right corner, clear of the
 * bottom-right spot where Chrome draws badge text).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../e2e/harness';

const ASSETS = resolve(dirname(fileURLToPath(import.meta.url)), '../../assets');
const ICON_SIZES = [16, 32, 48, 96, 128];
const LISTED_SIZES = [16, 32];

const LISTED_DOT =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128">' +
  '<circle cx="98" cy="30" r="26" fill="#2fb344" stroke="#ffffff" stroke-width="8"/></svg>';

function pageFor(svg: string, size: number, withDot: boolean): string {
  const layer = (markup: string) =>
    `<img style="position:absolute;inset:0;width:${size}px;height:${size}px" ` +
    `src="data:image/svg+xml;base64,${Buffer.from(markup).toString('base64')}">`;
  return (
    '<!doctype html><html><body style="margin:0;background:transparent">' +
    `<div id="icon" style="position:relative;width:${size}px;height:${size}px">` +
    layer(svg) +
    (withDot ? layer(LISTED_DOT) : '') +
    '</div></body></html>'
  );
}

async function main(): Promise<void> {
  const svg = readFileSync(join(ASSETS, 'icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    const jobs = [
      ...ICON_SIZES.map((size) => ({ size, withDot: false, file: `icon-${size}.png` })),
      ...LISTED_SIZES.map((size) => ({ size, withDot: true, file: `icon-listed-${size}.png` })),
    ];
    for (const { size, withDot, file } of jobs) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(pageFor(svg, size, withDot), { waitUntil: 'load' });
      await page.locator('#icon').screenshot({ path: join(ASSETS, file), omitBackground: true });
      console.log(`assets/${file}`);
    }
  } finally {
    await browser.close();
  }
}

await main();
