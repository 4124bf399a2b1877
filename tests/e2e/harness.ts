/**
 * End-to-end harness: loads the built extension into a real headless browser with the network
 * cut off. Pages a test needs are served from strings or from tests/fixtures/pages/ by request
 * interception; every other request fails as offline.
 *
 *   const ext = await launchExtension();
 *   ext.routePages({ 'https://arxiv.org/abs/2303.13375': fixturePage('arxiv-abs.html') });
 *   const popup = await ext.openPopup();
 *   const library = await ext.openPage('library.html');
 *   ...
 *   await ext.close();
 *
 * Two browsers, one spec: every spec runs in Chromium (Debian's chromium through
 * playwright-core, .output/chrome-mv3) and in Firefox (Debian's firefox-esr through
 * puppeteer-core over WebDriver BiDi, .output/firefox-mv3; see firefox.ts). `npm run test:e2e`
 * runs the suite once per browser (LANTERN_BROWSER=chromium|firefox picks one:
 * `LANTERN_BROWSER=firefox npx vitest run --config tests/e2e/vitest.config.ts tests/e2e/x.e2e.ts`).
 * Which specs run where is declared in tests/e2e/browsers.ts (default: both).
 *
 * Writing a spec that runs in both:
 * - Use Playwright's Page/Locator API as usual (`page.locator(css).click()`, `fill`, `getByRole`,
 *   `waitFor`, `evaluate`, `waitForFunction`, `keyboard.press`, …). In Firefox the same calls are
 *   answered by firefox.ts; one it lacks throws "… is not available in the Firefox harness".
 * - Open extension pages with `ext.openPopup()`, `ext.openPage('library.html')` or
 *   `page.goto(ext.extensionUrl('options.html'))`, never a hard-coded chrome-extension:// address.
 * - `ext.serviceWorker.evaluate(fn)` runs with the extension's APIs (`chrome.*` returns promises
 *   in both browsers' MV3) and its IndexedDB; in Firefox it runs in an extension tab, not the
 *   background page itself, so it can read state but not the background's variables.
 * - Read inside Lantern's closed shadow roots, and send as its content script, with devtools.ts.
 * - `ext.browserName` says which browser runs, for the few places where the browsers' own UI
 *   differs (say why next to the check).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Route, type Worker } from 'playwright-core';
import { launchFirefoxExtension } from './firefox';

/** The browsers the E2E suite runs in. */
export type BrowserName = 'chromium' | 'firefox';

/** The browser this run drives: $LANTERN_BROWSER (chromium or firefox), default chromium. */
export function currentBrowser(): BrowserName {
  const name = process.env.LANTERN_BROWSER ?? 'chromium';
  if (name !== 'chromium' && name !== 'firefox') throw new Error(`LANTERN_BROWSER must be chromium or firefox, not ${name}`);
  return name;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The Chromium to drive: $CHROMIUM_PATH, else Debian's package. */
export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The unpacked build to load: $LANTERN_EXT_DIR, else this browser's default MV3 build. */
export const defaultExtDir = (browser: BrowserName = currentBrowser()): string =>
  resolve(ROOT, process.env.LANTERN_EXT_DIR ?? (browser === 'firefox' ? '.output/firefox-mv3' : '.output/chrome-mv3'));

/** A canned response for one URL (or every URL under a prefix). */
export interface RoutedPage {
  body: string;
  /** Defaults to `text/html; charset=utf-8`. */
  contentType?: string;
  /** Defaults to 200. */
  status?: number;
}

export interface ExtensionSession {
  browserName: BrowserName;
  context: BrowserContext;
  /** The host of the extension's own pages' URLs (chrome-extension://ID/, moz-extension://UUID/). */
  extensionId: string;
  /** The extension's background (Chromium: its service worker; Firefox: see firefox.ts). */
  serviceWorker: Worker;
  /** The address of one of the extension's files, e.g. `extensionUrl('library.html')`. */
  extensionUrl(path: string): string;
  /** Opens one of the extension's pages in a new tab. */
  openPage(path: string): Promise<Page>;
  /** Opens the popup's page in a new tab (the popup as a page). */
  openPopup(): Promise<Page>;
  /**
   * Serves these pages from now on (adds to earlier calls). Keys are exact URLs or URL
   * prefixes; an exact match wins, else the longest matching prefix. http and https alike.
   */
  routePages(pages: Record<string, RoutedPage>): void;
  /**
   * Firefox, launched with `permissionPrompts`: waits for the add-on's permission prompt and
   * clicks its Allow or Don't allow button. Resolves to the lines the prompt showed (its header,
   * then one line per permission asked for).
   */
  answerPermissionPrompt(answer: 'allow' | 'deny'): Promise<string[]>;
  /**
   * Stops the extension's background as the browser does when it is idle (Chromium: its service
   * worker; Firefox: its event page), and resolves once it has stopped. The next event wakes it.
   */
  stopBackground(): Promise<void>;
  /** Closes the browser and deletes its temporary profile. */
  close(): Promise<void>;
}

/** A response whose body is the file tests/fixtures/pages/<name>. */
export function fixturePage(name: string, contentType = 'text/html; charset=utf-8'): RoutedPage {
  return { body: readFileSync(join(ROOT, 'tests/fixtures/pages', name), 'utf8'), contentType };
}

/** Picks the routed page for a URL: exact match first, then the longest prefix. */
export function findRoutedPage(pages: ReadonlyMap<string, RoutedPage>, url: string): RoutedPage | undefined {
  const exact = pages.get(url);
  if (exact) return exact;
  let best: { prefix: string; page: RoutedPage } | undefined;
  for (const [prefix, page] of pages) {
    if (url.startsWith(prefix) && (!best || prefix.length > best.prefix.length)) best = { prefix, page };
  }
  return best?.page;
}

export interface LaunchOptions {
  extDir?: string;
  /**
   * URL prefixes that reach the real network instead of being aborted (a local test server on
   * 127.0.0.1 standing in for a desktop app, never the internet).
   */
  passThrough?: readonly string[];
  /**
   * Optional host permissions the user has already granted. Headless Chromium cannot show the
   * permission prompt, so the grant is written where Chromium records a user's answer (the
   * profile's extension preferences) between a first start and the real one.
   */
  grantedHosts?: readonly string[];
  /**
   * The manifest's host permissions (the paper sites) at the first run: 'granted' (default), or
   * 'withheld' as a user can make them. Chromium: the profile records site access "On click"
   * (Chromium's `withholding_permissions`), as chrome://extensions does. Firefox: the install
   * grants no host permission, as Firefox does when `extensions.originControls.grantByDefault`
   * is off (every release before 127), so the add-on's first run has none.
   */
  siteAccess?: 'granted' | 'withheld';
  /**
   * Firefox only: optional permissions the add-on asks for show Firefox's real prompt, answered
   * by `ExtensionSession.answerPermissionPrompt`, instead of being granted without one.
   * Headless Chromium cannot show its prompt at all, so Chromium refuses this option.
   */
  permissionPrompts?: boolean;
  /**
   * Chromium only: more command-line switches for the browser the spec drives, after the
   * harness's own, e.g. a bench's `--host-resolver-rules=MAP raw.githubusercontent.com
   * 127.0.0.1:PORT` to serve a list from a local server as a network would. The Firefox harness
   * takes no switches, so Firefox refuses this option.
   */
  chromiumArgs?: readonly string[];
}

function launchArgs(extDir: string, extra: readonly string[] = []): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--disable-extensions-except=${extDir}`,
    `--load-extension=${extDir}`,
    ...extra,
  ];
}

/**
 * Starts Chromium once on `profileDir` to install the extension, then records the user's answers
 * about site access: `hosts` granted, and with `withhold`, the manifest's hosts withheld.
 */
async function recordSiteAccess(profileDir: string, extDir: string, hosts: readonly string[], withhold: boolean): Promise<void> {
  const first = await chromium.launchPersistentContext(profileDir, { executablePath: chromiumPath(), headless: true, args: launchArgs(extDir) });
  const worker = first.serviceWorkers()[0] ?? (await first.waitForEvent('serviceworker', { timeout: 15_000 }));
  const id = new URL(worker.url()).host;
  await first.close();
  const file = join(profileDir, 'Default', 'Preferences');
  type HostSets = { explicit_host?: string[]; scriptable_host?: string[] };
  type Settings = { granted_permissions?: HostSets; active_permissions?: HostSets; withholding_permissions?: boolean };
  const prefs = JSON.parse(readFileSync(file, 'utf8')) as { extensions?: { settings?: Record<string, Settings> } };
  const settings = prefs.extensions?.settings?.[id];
  if (!settings) throw new Error('Chromium did not record the extension in its preferences; cannot grant permissions.');
  if (withhold) {
    // Site access "On click": the hosts stay granted at install but are not active.
    settings.withholding_permissions = true;
    settings.active_permissions = { ...settings.active_permissions, explicit_host: [], scriptable_host: [] };
  }
  for (const key of ['granted_permissions', 'active_permissions'] as const) {
    const set = (settings[key] ??= {});
    set.explicit_host = [...new Set([...(set.explicit_host ?? []), ...hosts])];
  }
  writeFileSync(file, JSON.stringify(prefs));
}

/** Launches this run's browser (`currentBrowser()`) with the built extension. */
export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionSession> {
  const browser = currentBrowser();
  const extDir = resolve(options.extDir ?? defaultExtDir(browser));
  if (browser === 'firefox') {
    if (options.chromiumArgs?.length) throw new Error('chromiumArgs are Chromium command-line switches: the Firefox harness takes none.');
    return launchFirefoxExtension(extDir, options);
  }
  if (options.permissionPrompts) throw new Error('Headless Chromium cannot show a permission prompt: permissionPrompts is Firefox only.');
  const profileDir = await mkdtemp(join(tmpdir(), 'lantern-e2e-'));
  const withhold = options.siteAccess === 'withheld';
  if (options.grantedHosts?.length || withhold) await recordSiteAccess(profileDir, extDir, options.grantedHosts ?? [], withhold);
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: launchArgs(extDir, options.chromiumArgs),
  });

  const pages = new Map<string, RoutedPage>();
  // Offline: only the extension's own files and routed pages load; everything else is aborted.
  await context.route(
    () => true,
    (route: Route) => {
      const url = route.request().url();
      if (url.startsWith('chrome-extension://')) return route.continue();
      if (options.passThrough?.some((prefix) => url.startsWith(prefix))) return route.continue();
      const page = findRoutedPage(pages, url);
      if (!page) return route.abort('internetdisconnected');
      return route.fulfill({
        status: page.status ?? 200,
        contentType: page.contentType ?? 'text/html; charset=utf-8',
        body: page.body,
      });
    },
  );

  try {
    const serviceWorker =
      context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await context.waitForEvent('serviceworker', {
        predicate: (w) => w.url().startsWith('chrome-extension://'),
        timeout: 15_000,
      }));
    const extensionId = new URL(serviceWorker.url()).host;

    const extensionUrl = (path: string) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;
    const openPage = async (path: string) => {
      const page = await context.newPage();
      await page.goto(extensionUrl(path));
      return page;
    };
    return {
      browserName: 'chromium',
      context,
      extensionId,
      serviceWorker,
      extensionUrl,
      openPage,
      openPopup: () => openPage('popup.html'),
      answerPermissionPrompt: () => Promise.reject(new Error('Headless Chromium shows no permission prompt to answer.')),
      routePages(more) {
        for (const [url, page] of Object.entries(more)) pages.set(url, page);
      },
      async stopBackground() {
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        const stopped = new Promise<void>((resolveStopped) => {
          cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
            if (versions.some((v) => v.scriptURL.startsWith(extensionUrl('')) && v.runningStatus === 'stopped')) resolveStopped();
          });
        });
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
        await stopped;
        await cdp.detach();
        await page.close();
      },
      async close() {
        await context.close();
        await rm(profileDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await context.close();
    await rm(profileDir, { recursive: true, force: true });
    throw new Error(`The extension at ${extDir} did not start a service worker: ${String(e)}`);
  }
}

/**
 * Saves a PNG of the page to test-results/screenshots/<name>[-<colorScheme>]-<browser>.png
 * (git-ignored), for looking at the UI. With `colorScheme`, emulates it first. The browser is in
 * the name because both browsers' runs take the same screenshots into one folder.
 */
export async function screenshot(
  page: Page,
  name: string,
  options: { colorScheme?: 'light' | 'dark'; fullPage?: boolean } = {},
): Promise<string> {
  const dir = join(ROOT, 'test-results/screenshots');
  await mkdir(dir, { recursive: true });
  // Reduced motion turns the card's fade-in off, so a picture never catches it midway (it runs in
  // a closed shadow root, out of reach of the screenshot's own animation control).
  await page.emulateMedia({ reducedMotion: 'reduce', ...(options.colorScheme && { colorScheme: options.colorScheme }) });
  const file = join(dir, `${name}${options.colorScheme ? `-${options.colorScheme}` : ''}-${currentBrowser()}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? true });
  return file;
}
