/**
 * What the build puts into web pages: the content script stays small (under 25 kB minified: it
 * loads on every listed site), the listing readers load on listings only, neither carries match
 * patterns (the manifest does), and no script in pages (these two, the badge's and marks' UI)
 * carries the webextension-polyfill or any recognizer's examples (lib/**\/*.examples.ts are test data).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Examples } from '../../lib/detector';
import { defaultExtDir } from './harness';
import { LISTING_MATCHES } from '../../lib/listing/kind';
import { SITE_MATCHES } from '../../lib/sites';

const exampleFiles = import.meta.glob<{ default: ReadonlyArray<Examples<unknown, unknown>> }>('../../lib/**/*.examples.ts', {
  eager: true,
});
/** The URLs the URL detectors must accept: each names one paper or repository, so none belongs in shipped code. */
const exampleUrls = Object.values(exampleFiles)
  .flatMap((file) => file.default)
  .filter((set) => set.name.startsWith('url.'))
  .flatMap((set) => set.accepts.map(([input]) => input as string));

/** A sentence webextension-polyfill's wrapper throws with; it is in any bundle that includes it. */
const POLYFILL_MARK = 'This script should only be loaded in a browser extension';
const CONTENT_SCRIPT_LIMIT = 25_000;

const extDir = defaultExtDir();
const manifest = JSON.parse(readFileSync(join(extDir, 'manifest.json'), 'utf8')) as { content_scripts?: Array<{ js?: string[]; matches?: string[] }> };
const contentScripts = (manifest.content_scripts ?? []).flatMap((script) => script.js ?? []);
const pageScripts = [...new Set([...contentScripts, 'badge-ui.js', 'listing-reader.js'])];

describe('scripts in web pages', () => {
  it('has a content script, each under 25 kB', () => {
    expect(contentScripts.length).toBeGreaterThan(0);
    for (const path of contentScripts) {
      expect({ path, small: readFileSync(join(extDir, path)).length < CONTENT_SCRIPT_LIMIT }).toEqual({ path, small: true });
    }
  });

  it('runs on exactly the site list, and the listing readers on its listings, whose patterns the manifest holds and the scripts do not', () => {
    expect(manifest.content_scripts?.map((script) => [script.js, [...(script.matches ?? [])].sort()])).toEqual([
      [['listing-reader.js'], [...LISTING_MATCHES].sort()],
      [['content-scripts/content.js'], [...SITE_MATCHES].sort()],
    ]);
    for (const path of contentScripts) expect(readFileSync(join(extDir, path), 'utf8')).not.toContain('pubmed.ncbi.nlm.nih.gov/*');
  });

  it.each(pageScripts)('%s uses the browser API directly, without the polyfill', (path) => {
    expect(readFileSync(join(extDir, path), 'utf8')).not.toContain(POLYFILL_MARK);
  });

  it.each(pageScripts)('%s carries no detector examples', (path) => {
    expect(exampleUrls.length).toBeGreaterThan(50);
    const code = readFileSync(join(extDir, path), 'utf8');
    expect(exampleUrls.filter((url) => code.includes(url))).toEqual([]);
  });
});
