import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LISTING_MATCHES } from './lib/listing/kind';
import { LISTING_READER_FILE } from './lib/listingReader';
import { ALL_SITES_MATCHES, SITE_ACCESS_ORIGINS } from './lib/sites';
import { ZOTERO_PERMISSION } from './lib/zotero/connector';
import { SAVE_COMMAND } from './lib/commandNames';

const NATIVE_BROWSER = fileURLToPath(new URL('./lib/nativeBrowser.ts', import.meta.url));
const CONTENT_SCRIPT = fileURLToPath(new URL('./entrypoints/content/index.ts', import.meta.url));
const SITES_IN_PAGES = '\0lantern:sites-in-pages';
const CONTENT_CONTEXT = fileURLToPath(new URL('./entrypoints/content/context.ts', import.meta.url));

// Icons are made in assets/ (tests/tools/render-icons.ts renders assets/icon.svg); they are
// copied to the build's root so the manifest and `browser.action.setIcon` can name them.
const isIconFile = (name: string) => /^icon[-\w]*\.png$/.test(name);
const toolbarButton = { default_title: 'Lantern', default_icon: { 16: 'icon-16.png', 32: 'icon-32.png' } };

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Parallel builds (tests, benchmarks) can each use their own output folder.
  outDir: process.env.LANTERN_OUT_DIR ?? '.output',
  vite: () => ({ plugins: [preact()] }),
  // The sources zip (for add-on review) holds the code, not the E2E screenshots and reports, nor
  // the E2E proxy's throwaway TLS key.
  zip: { excludeSources: ['test-results/**', 'tests/e2e/tls/**'] },
  hooks: {
    // Scripts that run in web pages (the content script, the badge's UI) load on every listed
    // site, so they skip webextension-polyfill (10 kB): the polyfill module aliases `wxt/browser`
    // to its wrapper, resolved here to the browser's own API instead (lib/nativeBrowser.ts).
    'vite:build:extendConfig': (entrypoints, config) => {
      const inPages = entrypoints.every((e) => e.type === 'content-script' || e.type === 'unlisted-script');
      if (!inPages) return;
      const nativeBrowser = {
        name: 'lantern:native-browser',
        enforce: 'pre' as const,
        resolveId: (id: string) => (id === '@wxt-dev/webextension-polyfill/browser' ? NATIVE_BROWSER : null),
      };
      // WXT's content script context greets the page and hears its events; Lantern's does
      // neither (entrypoints/content/context.ts says why).
      const quietContext = {
        name: 'lantern:quiet-content-context',
        enforce: 'pre' as const,
        resolveId: (id: string) => (id === 'wxt/utils/content-script-context' ? CONTENT_CONTEXT : null),
      };
      // The content script's match patterns are the manifest's (WXT reads them from the entrypoint
      // before bundling); in the bundle they would be 1.5 kB of strings nothing reads.
      const noMatchPatterns = {
        name: 'lantern:no-match-patterns-in-pages',
        enforce: 'pre' as const,
        resolveId: (id: string, importer?: string) => (importer === CONTENT_SCRIPT && id === '../../lib/sites' ? SITES_IN_PAGES : null),
        load: (id: string) => (id === SITES_IN_PAGES ? 'export const SITE_MATCHES = [];' : null),
      };
      config.plugins = [nativeBrowser, quietContext, noMatchPatterns, ...(config.plugins ?? [])];
    },
    // Both browsers get the MV3 build (package.json; README "Firefox" says why).
    'build:manifestGenerated': (wxt, manifest) => {
      // The listing readers (an unlisted script, so the background can also inject it) run on
      // listing pages from the start, before the content script reads them (lib/listingReader.ts).
      manifest.content_scripts = [
        { matches: [...LISTING_MATCHES], js: [LISTING_READER_FILE.replace(/^\//, '')], run_at: 'document_start' },
        ...(manifest.content_scripts ?? []),
      ];
      // Firefox: a fixed add-on id (storage and updates survive reinstalls; AMO requires it) and
      // the data-collection statement new add-ons must make: Lantern collects nothing.
      // The oldest browsers Lantern runs in: its colors use CSS light-dark() (Chrome 123), and the
      // data-collection statement needs Firefox 140 (142 on Android).
      if (wxt.config.browser === 'firefox') {
        Object.assign(manifest, {
          browser_specific_settings: {
            gecko: { id: 'lantern@llm-medicine-papers', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
            gecko_android: { strict_min_version: '142.0' },
          },
        });
      } else {
        manifest.minimum_chrome_version = '123';
      }
    },
    'build:publicAssets': (wxt, files) => {
      const assets = resolve(wxt.config.root, 'assets');
      for (const name of readdirSync(assets).filter(isIconFile)) {
        files.push({ absoluteSrc: resolve(assets, name), relativeDest: name });
      }
    },
  },
  manifest: {
    name: 'Lantern',
    description:
      'Recognizes papers from the curated "LLMs in Medicine" list wherever you read, with instant search and a personal reading list.',
    // scripting: registers the content script on all sites once the user opts in (no install warning).
    // unlimitedStorage: the local list copy (up to ~100k entries) and the reading list must not
    // hit the default quota, and it makes Chrome keep the data persistent (no eviction).
    // alarms: the scheduled list check (entrypoints/background/refresh.ts).
    // contextMenus: "Save to Lantern" on pages and links (no install warning).
    permissions: ['storage', 'scripting', 'unlimitedStorage', 'alarms', 'contextMenus'],
    commands: {
      [SAVE_COMMAND]: { suggested_key: { default: 'Alt+Shift+S' }, description: 'Save the current paper to Lantern' },
    },
    // The content script's own sites: lets the background read those tabs' URLs for the toolbar
    // icon (arXiv PDFs) without "tabs"; no warning beyond the content script's.
    // The seed list's source (lib/refresh/url.ts); other lists' hosts are asked for when added.
    host_permissions: [...SITE_ACCESS_ORIGINS],
    // "Recognize papers on all sites", asked for at runtime (lib/allSites.ts); the Zotero desktop
    // app's local connector server, asked for on the first "Send to Zotero" (lib/zotero/request.ts).
    optional_host_permissions: [...ALL_SITES_MATCHES, ZOTERO_PERMISSION],
    icons: { 16: 'icon-16.png', 32: 'icon-32.png', 48: 'icon-48.png', 96: 'icon-96.png', 128: 'icon-128.png' },
    action: toolbarButton,
  },
});
