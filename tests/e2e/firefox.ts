/**
 * The Firefox side of the E2E harness: Debian's firefox-esr driven by puppeteer-core over
 * WebDriver BiDi, with the built add-on (.output/firefox-mv3) installed as a temporary add-on.
 * Specs do not import this file: `launchExtension()` in harness.ts returns this session when
 * the run is a Firefox one, and the objects here answer the part of Playwright's Page, Locator
 * and BrowserContext API that specs use, so one spec drives both browsers. A member not
 * implemented here throws "… is not available in the Firefox harness": add it below.
 *
 * How Firefox differs, and what is done about it:
 * - Remote protocols refuse to open moz-extension:// pages. The add-on's UUID is fixed by the
 *   preference `extensions.webextensions.uuids`, Firefox starts with `-remote-allow-system-access`,
 *   and extension pages are loaded into a tab from the privileged (chrome) scope with the system
 *   principal; the tab is then driven as usual.
 * - The background is an event page that no remote protocol can evaluate in. `serviceWorker.evaluate`
 *   runs in a tab showing one of the add-on's own files instead (same origin, same `browser`/`chrome`
 *   APIs, same IndexedDB), which is what the specs use it for.
 * - Offline pages: every request goes through a local proxy (offlineProxy.ts), since BiDi's
 *   request interception does not see the background page's requests.
 * - Color scheme: Firefox's content color-scheme preference stands in for media emulation.
 * - Closed shadow roots and the content script's context: `FirefoxPage.evaluateShadowHosts` and
 *   `sendFromContentScript`, used through devtools.ts as the DevTools protocol is in Chromium.
 */
import puppeteer, { type Browser, type ElementHandle, type JSHandle, type Page as PPage, type KeyInput } from 'puppeteer-core';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import type { Browser as WebExtensionApi } from 'webextension-polyfill';
import { startOfflineProxy, type ProxiedRequest, type ProxyResponse } from './offlineProxy';
import type { ExtensionSession, LaunchOptions, RoutedPage } from './harness';

/** The Firefox to drive: $FIREFOX_PATH, else Debian's firefox-esr. */
export const firefoxPath = (): string => process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** The add-on's APIs (promise-based `chrome` in Firefox's MV3), inside functions evaluated in its pages. */
declare const chrome: WebExtensionApi;

const DEFAULT_TIMEOUT = 30_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const notAvailable = (what: string) => () => {
  throw new Error(`${what} is not available in the Firefox harness: add it in tests/e2e/firefox.ts.`);
};

/** Wraps `target` so that members it lacks throw a clear error instead of being undefined. */
function strict<T extends object>(target: T, name: string): T {
  return new Proxy(target, {
    get(t, key, receiver) {
      if (key in t || typeof key === 'symbol' || key === 'then' || key === 'toJSON') return Reflect.get(t, key, receiver);
      return notAvailable(`${name}.${String(key)}`);
    },
  });
}

/** A Playwright-style route handler's view of a request, answered through the proxy. */
interface RouteLike {
  request(): RequestLike;
  fulfill(options: { status?: number; contentType?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<void>;
  abort(reason?: string): Promise<void>;
  continue(): Promise<void>;
  fallback(): Promise<void>;
}
interface RequestLike {
  url(): string;
  method(): string;
  headers(): Record<string, string>;
  isNavigationRequest(): boolean;
}
type UrlMatcher = string | RegExp | ((url: URL) => boolean);
type RouteHandler = (route: RouteLike, request: RequestLike) => unknown;

const requestLike = (r: ProxiedRequest): RequestLike => ({
  url: () => r.url,
  method: () => r.method,
  headers: () => r.headers,
  isNavigationRequest: () => r.navigation,
});

function matches(matcher: UrlMatcher, url: string): boolean {
  if (typeof matcher === 'string') return matcher === url || (matcher.includes('*') && globToRegExp(matcher).test(url));
  if (matcher instanceof RegExp) return matcher.test(url);
  return matcher(new URL(url));
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*');
  return new RegExp(`^${escaped}$`);
}

/** Serializes a Playwright key chord ("Control+Shift+S", "ControlOrMeta+K") for puppeteer. */
function chord(key: string): { modifiers: KeyInput[]; key: KeyInput } {
  const parts = key.split('+').map((p) => (p === 'ControlOrMeta' ? 'Control' : p));
  const last = parts.pop() ?? '';
  return { modifiers: parts as KeyInput[], key: (last === '' ? '+' : last) as KeyInput };
}

async function pressChord(page: FirefoxPage, key: string): Promise<void> {
  const { modifiers, key: main } = chord(key);
  try {
    for (const m of modifiers) await page.pp.keyboard.down(m);
    await page.pp.keyboard.press(main);
    for (const m of [...modifiers].reverse()) await page.pp.keyboard.up(m);
  } catch (e) {
    // A key that closes the page (Esc, Enter in the popup) leaves its key-up nowhere to go.
    if (!/DiscardedBrowsingContext|no such frame/.test(String(e))) throw e;
    page.markClosed();
  }
}

// ---------------------------------------------------------------------------------------------
// Locators: a chain of steps resolved inside the page on every use, as Playwright's are.

type Step =
  | { kind: 'css'; selector: string }
  | { kind: 'role'; role: string; name?: string | { source: string; flags: string }; exact?: boolean }
  | { kind: 'text'; text: string | { source: string; flags: string }; exact?: boolean }
  | { kind: 'hasText'; text: string | { source: string; flags: string } }
  | { kind: 'nth'; index: number };

const textArg = (t: string | RegExp) => (t instanceof RegExp ? { source: t.source, flags: t.flags } : t);

/** Runs in the page: the elements a chain of steps selects (CSS pierces open shadow roots, as Playwright's does). */
function resolveSteps(steps: Step[]): Element[] {
  // One selector without descendant combinators, in `root` and every open shadow root below it.
  const deepQueryPart = (root: ParentNode, selector: string): Element[] => {
    const found: Element[] = [];
    const walk = (node: ParentNode) => {
      found.push(...node.querySelectorAll(selector));
      if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
      for (const el of node.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(root);
    return found;
  };
  // Descendant combinators (whitespace outside brackets, not beside > + ~) cross shadow roots.
  const splitDescendants = (selector: string): string[] => {
    const parts: string[] = [];
    let depth = 0;
    let current = '';
    for (let i = 0; i < selector.length; i++) {
      const c = selector[i]!;
      if (c === '[' || c === '(') depth++;
      if (c === ']' || c === ')') depth--;
      if (depth === 0 && /\s/.test(c)) {
        const before = current.trimEnd().at(-1);
        const after = selector.slice(i).trimStart()[0];
        if (current.trim() && !['>', '+', '~'].includes(before ?? '') && !['>', '+', '~'].includes(after ?? '')) {
          parts.push(current.trim());
          current = '';
          continue;
        }
      }
      current += c;
    }
    if (current.trim()) parts.push(current.trim());
    return parts;
  };
  const deepQuery = (root: ParentNode, selector: string): Element[] => {
    if (selector === '*') return deepQueryPart(root, '*');
    const alternatives = selector.includes(',') && !/[[(]/.test(selector) ? selector.split(',') : [selector];
    const out: Element[] = [];
    for (const alternative of alternatives) {
      let roots: ParentNode[] = [root];
      for (const part of splitDescendants(alternative.trim())) roots = [...new Set(roots.flatMap((r) => deepQueryPart(r, part)))];
      out.push(...(roots as Element[]));
    }
    return [...new Set(out)];
  };
  const textMatches = (value: string, want: string | { source: string; flags: string }, exact = false) => {
    const norm = value.replace(/\s+/g, ' ').trim();
    if (typeof want !== 'string') return new RegExp(want.source, want.flags).test(norm);
    return exact ? norm === want : norm.toLowerCase().includes(want.toLowerCase());
  };
  const visible = (el: Element) => {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return style.visibility !== 'hidden' && style.display !== 'none' && box.width > 0 && box.height > 0;
  };
  const roleOf = (el: Element): string | null => {
    const explicit = el.getAttribute('role');
    if (explicit) return explicit.split(/\s+/)[0] ?? null;
    const tag = el.tagName.toLowerCase();
    const type = (el.getAttribute('type') ?? '').toLowerCase();
    if (tag === 'button' || (tag === 'input' && ['button', 'submit', 'reset', 'image'].includes(type))) return 'button';
    if (/^h[1-6]$/.test(tag)) return 'heading';
    if (tag === 'a' && el.hasAttribute('href')) return 'link';
    if (tag === 'input' && type === 'checkbox') return 'checkbox';
    if (tag === 'input' && type === 'radio') return 'radio';
    if (tag === 'input' && type === 'search') return 'searchbox';
    if (tag === 'input' && ['', 'text', 'email', 'url', 'tel'].includes(type)) return 'textbox';
    if (tag === 'textarea') return 'textbox';
    if (tag === 'select') return el.hasAttribute('multiple') ? 'listbox' : 'combobox';
    if (tag === 'li') return 'listitem';
    if (tag === 'ul' || tag === 'ol') return 'list';
    if (tag === 'dialog') return 'dialog';
    if (tag === 'nav') return 'navigation';
    if (tag === 'main') return 'main';
    if (tag === 'table') return 'table';
    if (tag === 'tr') return 'row';
    if (tag === 'option') return 'option';
    return null;
  };
  const nameOf = (el: Element): string => {
    const label = el.getAttribute('aria-label');
    if (label) return label;
    const by = el.getAttribute('aria-labelledby');
    if (by) return by.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) {
      const labels = [...(el.labels ?? [])].map((l) => l.textContent ?? '').join(' ');
      if (labels.trim()) return labels;
      if (el instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(el.type)) return el.value;
      return el.getAttribute('placeholder') ?? el.getAttribute('title') ?? '';
    }
    const text = el.textContent ?? '';
    return text.trim() ? text : (el.getAttribute('title') ?? '');
  };

  let current: Element[] = [document.documentElement];
  let first = true;
  for (const step of steps) {
    const roots: ParentNode[] = first ? [document] : current;
    first = false;
    switch (step.kind) {
      case 'css':
        current = [...new Set(roots.flatMap((r) => deepQuery(r, step.selector)))];
        break;
      case 'role':
        current = [...new Set(roots.flatMap((r) => deepQuery(r, '*')))].filter(
          (el) => roleOf(el) === step.role && visible(el) && (step.name === undefined || textMatches(nameOf(el), step.name, step.exact)),
        );
        break;
      case 'text':
        current = [...new Set(roots.flatMap((r) => deepQuery(r, '*')))].filter(
          (el) => textMatches(el.textContent ?? '', step.text, step.exact) && ![...el.children].some((c) => textMatches(c.textContent ?? '', step.text, step.exact)),
        );
        break;
      case 'hasText':
        current = current.filter((el) => textMatches(el.textContent ?? '', step.text));
        break;
      case 'nth': {
        const el = step.index < 0 ? current[current.length + step.index] : current[step.index];
        current = el ? [el] : [];
        break;
      }
    }
  }
  return current;
}

class FirefoxLocator {
  constructor(
    private readonly page: FirefoxPage,
    private readonly steps: Step[],
  ) {}

  private with(step: Step): FirefoxLocator {
    return strict(new FirefoxLocator(this.page, [...this.steps, step]), 'Locator');
  }
  locator(selector: string) {
    return this.with({ kind: 'css', selector });
  }
  getByRole(role: string, options: { name?: string | RegExp; exact?: boolean } = {}) {
    return this.with({ kind: 'role', role, name: options.name === undefined ? undefined : textArg(options.name), exact: options.exact });
  }
  getByText(text: string | RegExp, options: { exact?: boolean } = {}) {
    return this.with({ kind: 'text', text: textArg(text), exact: options.exact });
  }
  filter(options: { hasText?: string | RegExp }) {
    return options.hasText === undefined ? this : this.with({ kind: 'hasText', text: textArg(options.hasText) });
  }
  first() {
    return this.with({ kind: 'nth', index: 0 });
  }
  last() {
    return this.with({ kind: 'nth', index: -1 });
  }
  nth(index: number) {
    return this.with({ kind: 'nth', index });
  }

  private async handles(): Promise<ElementHandle<Element>[]> {
    const array = await this.page.pp.evaluateHandle(resolveSteps, this.steps);
    const props = await array.getProperties();
    await array.dispose();
    const out: ElementHandle<Element>[] = [];
    for (const handle of props.values()) {
      const el = handle.asElement();
      if (el) out.push(el as ElementHandle<Element>);
    }
    return out;
  }

  async count(): Promise<number> {
    return this.evaluateAll((els) => els.length).catch(() => 0);
  }
  async all(): Promise<FirefoxLocator[]> {
    const n = await this.count();
    return Array.from({ length: n }, (_, i) => this.nth(i));
  }

  /** Waits for exactly one element in `state` (Playwright's strictness) and returns it. */
  private async one(options: { timeout?: number; visible?: boolean } = {}): Promise<ElementHandle<Element>> {
    const deadline = Date.now() + (options.timeout ?? DEFAULT_TIMEOUT);
    for (;;) {
      const handles = await this.handles().catch(() => []);
      if (handles.length > 1) throw new Error(`strict mode violation: ${JSON.stringify(this.steps)} matches ${handles.length} elements`);
      const el = handles[0];
      if (el && (!options.visible || (await el.isVisible()))) return el;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${JSON.stringify(this.steps)}`);
      await sleep(50);
    }
  }

  async waitFor(options: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeout?: number } = {}): Promise<void> {
    const state = options.state ?? 'visible';
    const deadline = Date.now() + (options.timeout ?? DEFAULT_TIMEOUT);
    for (;;) {
      const handles = await this.handles().catch(() => []);
      const anyVisible = async () => {
        for (const h of handles) if (await h.isVisible().catch(() => false)) return true;
        return false;
      };
      const done =
        state === 'attached' ? handles.length > 0
        : state === 'detached' ? handles.length === 0
        : state === 'visible' ? await anyVisible()
        : !(await anyVisible());
      if (done) return;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${JSON.stringify(this.steps)} to be ${state}`);
      await sleep(50);
    }
  }

  async click(options: { timeout?: number } = {}): Promise<void> {
    const el = await this.one({ ...options, visible: true });
    await el.click();
  }
  async dblclick(): Promise<void> {
    const el = await this.one({ visible: true });
    await el.click({ count: 2 });
  }
  async hover(): Promise<void> {
    await (await this.one({ visible: true })).hover();
  }
  async focus(): Promise<void> {
    await (await this.one()).focus();
  }
  async fill(value: string): Promise<void> {
    const el = await this.one({ visible: true });
    await el.focus();
    await el.evaluate((e) => {
      if (e instanceof HTMLInputElement || e instanceof HTMLTextAreaElement) e.select();
    });
    // Playwright inserts the text in one step; typing it gives the page the same value and events.
    if (value === '') await this.page.pp.keyboard.press('Backspace');
    else await this.page.pp.keyboard.type(value);
  }
  async type(value: string): Promise<void> {
    await (await this.one({ visible: true })).type(value);
  }
  async pressSequentially(value: string): Promise<void> {
    await this.type(value);
  }
  async press(key: string): Promise<void> {
    await (await this.one()).focus();
    await pressChord(this.page, key);
  }
  async check(): Promise<void> {
    const el = await this.one({ visible: true });
    if (!(await el.evaluate((e) => (e as HTMLInputElement).checked))) await el.click();
  }
  async uncheck(): Promise<void> {
    const el = await this.one({ visible: true });
    if (await el.evaluate((e) => (e as HTMLInputElement).checked)) await el.click();
  }
  async setChecked(checked: boolean): Promise<void> {
    await (checked ? this.check() : this.uncheck());
  }
  async selectOption(value: string | string[] | { label?: string; value?: string }): Promise<string[]> {
    const el = await this.one();
    const wanted = (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'string' ? { value: v, label: v } : v));
    return el.evaluate((select, want) => {
      const s = select as HTMLSelectElement;
      const chosen: string[] = [];
      for (const option of s.options) {
        option.selected = want.some((w) => (w.value !== undefined && option.value === w.value) || (w.label !== undefined && option.label === w.label));
        if (option.selected) chosen.push(option.value);
      }
      s.dispatchEvent(new Event('input', { bubbles: true }));
      s.dispatchEvent(new Event('change', { bubbles: true }));
      return chosen;
    }, wanted);
  }
  async setInputFiles(files: string | string[]): Promise<void> {
    const el = (await this.one()) as ElementHandle<HTMLInputElement>;
    await el.uploadFile(...(Array.isArray(files) ? files : [files]).map((f) => resolve(f)));
  }
  async textContent(): Promise<string | null> {
    return (await this.one()).evaluate((e) => e.textContent);
  }
  async innerText(): Promise<string> {
    return (await this.one()).evaluate((e) => (e as HTMLElement).innerText);
  }
  async innerHTML(): Promise<string> {
    return (await this.one()).evaluate((e) => e.innerHTML);
  }
  async getAttribute(name: string): Promise<string | null> {
    return (await this.one()).evaluate((e, n) => e.getAttribute(n), name);
  }
  async inputValue(): Promise<string> {
    return (await this.one()).evaluate((e) => (e as HTMLInputElement).value);
  }
  async isVisible(): Promise<boolean> {
    const handles = await this.handles().catch(() => []);
    return handles[0] ? handles[0].isVisible() : false;
  }
  async isChecked(): Promise<boolean> {
    return (await this.one()).evaluate((e) => (e as HTMLInputElement).checked);
  }
  async isDisabled(): Promise<boolean> {
    return (await this.one()).evaluate((e) => (e as HTMLButtonElement).disabled);
  }
  async isEnabled(): Promise<boolean> {
    return !(await this.isDisabled());
  }
  async allTextContents(): Promise<string[]> {
    return this.evaluateAll((els) => els.map((e) => e.textContent ?? ''));
  }
  async allInnerTexts(): Promise<string[]> {
    return this.evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText));
  }
  async evaluate<R, A>(fn: (el: Element, arg: A) => R, arg?: A): Promise<R> {
    const el = await this.one();
    return el.evaluate(fn as never, arg as never) as Promise<R>;
  }
  async evaluateAll<R, A>(fn: (els: Element[], arg: A) => R, arg?: A): Promise<R> {
    const array = await this.page.pp.evaluateHandle(resolveSteps, this.steps);
    try {
      return (await array.evaluate(fn as never, arg as never)) as R;
    } finally {
      await array.dispose();
    }
  }
  async boundingBox() {
    return (await this.one()).boundingBox();
  }
  async scrollIntoViewIfNeeded(): Promise<void> {
    await (await this.one()).scrollIntoView();
  }
  async screenshot(options: { path?: string } = {}): Promise<Uint8Array> {
    return (await this.one({ visible: true })).screenshot(options.path ? { path: options.path as `${string}.png` } : {});
  }
}

// ---------------------------------------------------------------------------------------------
// Pages.

class FirefoxPage {
  /** The moz-extension:// address last loaded from the chrome scope (puppeteer does not see those loads). */
  private extensionUrl: string | null = null;

  constructor(
    readonly pp: PPage,
    private readonly session: FirefoxSession,
  ) {}

  /** The address waitForLoadState saw, for tabs whose navigations puppeteer does not report. */
  private loadedUrl: string | null = null;

  url(): string {
    const seen = this.pp.url();
    if (seen === 'about:blank' && this.loadedUrl) return this.loadedUrl;
    return this.extensionUrl && (seen === 'about:blank' || seen.startsWith('moz-extension:')) ? this.extensionUrl : seen;
  }

  async goto(url: string, options: { waitUntil?: 'load' | 'domcontentloaded' | 'commit' | 'networkidle'; timeout?: number } = {}) {
    if (url.startsWith('moz-extension://')) {
      await this.session.loadPrivileged(this, url);
      this.extensionUrl = url;
      return null;
    }
    this.extensionUrl = null;
    const waitUntil = options.waitUntil === 'domcontentloaded' ? 'domcontentloaded' : 'load';
    return this.pp.goto(url, { waitUntil, timeout: options.timeout ?? DEFAULT_TIMEOUT });
  }

  async reload(): Promise<null> {
    const href = await this.pp.evaluate(() => location.href);
    if (href.startsWith('moz-extension://')) {
      await this.session.loadPrivileged(this, href);
      return null;
    }
    await this.pp.reload({ waitUntil: 'load' });
    return null;
  }

  /** Waits until the document at `href` has loaded (navigations from the chrome scope carry no events). */
  async waitForDocument(href: string, timeout = DEFAULT_TIMEOUT): Promise<void> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const state = await this.pp.evaluate(() => [location.href, document.readyState] as const).catch(() => null);
      if (state && state[0] === href && state[1] === 'complete') return;
      if (Date.now() > deadline) throw new Error(`${href} did not load in Firefox (still at ${state?.[0] ?? 'nothing'})`);
      await sleep(50);
    }
  }

  locator(selector: string) {
    return strict(new FirefoxLocator(this, [{ kind: 'css', selector }]), 'Locator');
  }
  getByRole(role: string, options: { name?: string | RegExp; exact?: boolean } = {}) {
    return strict(new FirefoxLocator(this, []), 'Locator').getByRole(role, options);
  }
  getByText(text: string | RegExp, options: { exact?: boolean } = {}) {
    return strict(new FirefoxLocator(this, []), 'Locator').getByText(text, options);
  }

  evaluate<R, A>(fn: ((arg: A) => R) | string, arg?: A): Promise<Awaited<R>> {
    if (typeof fn === 'string') return this.pp.evaluate(fn) as Promise<Awaited<R>>;
    return this.pp.evaluate(fn as never, arg as never) as Promise<Awaited<R>>;
  }
  async evaluateHandle<R, A>(fn: (arg: A) => R, arg?: A): Promise<JSHandle<R>> {
    return this.pp.evaluateHandle(fn as never, arg as never) as Promise<JSHandle<R>>;
  }
  async waitForFunction<R, A>(fn: ((arg: A) => R) | string, arg?: A, options: { timeout?: number; polling?: number | 'raf' } = {}) {
    const polling = typeof options.polling === 'number' ? options.polling : 50;
    const timeout = options.timeout ?? DEFAULT_TIMEOUT;
    if (typeof fn === 'string') return this.pp.waitForFunction(fn, { polling, timeout });
    return this.pp.waitForFunction(fn as never, { polling, timeout }, arg as never);
  }
  /** Runs `script` in every document this tab loads from now on, before the page's own scripts (BiDi preload script). */
  async addInitScript<A>(script: string | ((arg: A) => unknown) | { content?: string; path?: string }, arg?: A): Promise<void> {
    const source =
      typeof script === 'function' ? `(${script.toString()})(${arg === undefined ? '' : JSON.stringify(arg)})`
      : typeof script === 'string' ? script
      : (script.content ?? readFileSync(script.path ?? '', 'utf8'));
    await this.pp.evaluateOnNewDocument(source);
  }
  async waitForSelector(selector: string, options: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeout?: number } = {}) {
    await this.locator(selector).first().waitFor(options);
  }
  async waitForTimeout(ms: number): Promise<void> {
    await sleep(ms);
  }
  /**
   * Waits for the page's document to be loaded. A tab just opened by the extension starts as
   * about:blank (already "complete"), so this waits a moment for it to leave about:blank first.
   */
  async waitForLoadState(): Promise<void> {
    this.loadedUrl = await waitForDocumentLoad(this.session.browser, contextIdOf(this.pp));
  }
  async waitForURL(url: string | RegExp, options: { timeout?: number } = {}): Promise<void> {
    const deadline = Date.now() + (options.timeout ?? DEFAULT_TIMEOUT);
    while (!matches(url, await this.pp.evaluate(() => location.href).catch(() => ''))) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the page to reach ${String(url)}`);
      await sleep(50);
    }
  }

  async click(selector: string) {
    await this.locator(selector).click();
  }
  async fill(selector: string, value: string) {
    await this.locator(selector).fill(value);
  }
  async press(selector: string, key: string) {
    await this.locator(selector).press(key);
  }
  async textContent(selector: string) {
    return this.locator(selector).textContent();
  }
  async getAttribute(selector: string, name: string) {
    return this.locator(selector).getAttribute(name);
  }

  /**
   * Runs the function `source` (`(hosts, arg) => …`) in the page with every element matching
   * `hostSelector` and its shadow root, open or closed: WebDriver BiDi serializes an element's
   * shadow root whatever its mode, and that reference handed back as an argument is the root
   * itself. Arguments and result cross as BiDi values, never through the page's own JSON.
   */
  async evaluateShadowHosts<T>(hostSelector: string, source: string, arg: unknown): Promise<T> {
    const context = contextIdOf(this.pp);
    const send = (params: object) => bidi(this.session.browser).send('script.callFunction', params) as unknown as Promise<{ result: BidiResult }>;
    const found = await send({
      functionDeclaration: 'function (selector) { return [...document.querySelectorAll(selector)]; }',
      arguments: [{ type: 'string', value: hostSelector }],
      target: { context },
      awaitPromise: false,
      resultOwnership: 'none',
      serializationOptions: { maxDomDepth: 0 },
    });
    if (found.result.type === 'exception') throw new Error(`Finding ${hostSelector} failed: ${found.result.exceptionDetails?.text ?? ''}`);
    const nodes = (found.result.result?.value ?? []) as { sharedId?: string; value?: { shadowRoot?: { sharedId?: string } | null } }[];
    const references = nodes.flatMap((node) => [
      { sharedId: node.sharedId },
      node.value?.shadowRoot?.sharedId ? { sharedId: node.value.shadowRoot.sharedId } : { type: 'null' },
    ]);
    const reply = await send({
      functionDeclaration: `async function (arg, ...nodes) {
        const hosts = [];
        for (let i = 0; i < nodes.length; i += 2) hosts.push({ host: nodes[i], root: nodes[i + 1] });
        return (${source})(hosts, arg);
      }`,
      arguments: [toLocalValue(arg), ...references],
      target: { context },
      awaitPromise: true,
      resultOwnership: 'none',
      serializationOptions: { maxDomDepth: 0 },
    });
    if (reply.result.type === 'exception') throw new Error(`In the shadow roots of ${hostSelector}: ${reply.result.exceptionDetails?.text ?? ''}`);
    return fromRemoteValue(reply.result.result) as T;
  }

  /**
   * Sends `message` with `runtime.sendMessage` from the add-on's content-script context on this
   * tab, as a compromised content script could: `scripting.executeScript` (run from one of the
   * add-on's pages) runs in the same sandbox as the manifest's content script there.
   */
  sendFromContentScript<T>(message: unknown): Promise<T> {
    return this.inContentScript('send', message) as Promise<T>;
  }

  /** Whether the content scripts' sandbox on this page has a global of this name. */
  hasContentScriptGlobal(name: string): Promise<boolean> {
    return this.inContentScript('has', name).then((has) => has === true);
  }

  /** Sends a message from this page's content-script sandbox, or asks whether it has a global. */
  private inContentScript(call: 'send' | 'has', value: unknown): Promise<unknown> {
    return this.session.addonTab.evaluate(
      async ([url, c, v]) => {
        const tab = (await chrome.tabs.query({})).find((t) => t.url === url);
        if (tab?.id === undefined) throw new Error(`No tab shows ${url}`);
        const func = c === 'send' ? (x: unknown) => chrome.runtime.sendMessage(x) : (x: unknown) => (x as string) in globalThis;
        const [first] = await chrome.scripting.executeScript({ target: { tabId: tab.id }, func, args: [v] });
        return first?.result;
      },
      [this.url(), call, value] as const,
    );
  }

  readonly keyboard = {
    press: (key: string) => pressChord(this, key),
    type: (text: string) => this.pp.keyboard.type(text),
    insertText: (text: string) => this.pp.keyboard.type(text),
    down: (key: string) => this.pp.keyboard.down(key as KeyInput),
    up: (key: string) => this.pp.keyboard.up(key as KeyInput),
  };
  readonly mouse = {
    click: (x: number, y: number) => this.pp.mouse.click(x, y),
    dblclick: (x: number, y: number) => this.pp.mouse.click(x, y, { count: 2 }),
    move: (x: number, y: number) => this.pp.mouse.move(x, y),
    wheel: (dx: number, dy: number) => this.pp.mouse.wheel({ deltaX: dx, deltaY: dy }),
  };

  async setViewportSize(size: { width: number; height: number }): Promise<void> {
    await this.pp.setViewport(size);
  }
  viewportSize() {
    return this.pp.viewport();
  }
  /** Firefox has no per-page media emulation over BiDi: sets the content color-scheme preference (all pages). */
  async emulateMedia(options: { colorScheme?: 'light' | 'dark' | 'no-preference' | null; reducedMotion?: 'reduce' | 'no-preference' | null }): Promise<void> {
    if (options.reducedMotion !== undefined) {
      await this.session.chromeEval(`Services.prefs.setIntPref('ui.prefersReducedMotion', ${options.reducedMotion === 'reduce' ? 1 : 0})`);
    }
    if (options.colorScheme === undefined) return;
    // layout.css.prefers-color-scheme.content-override: 0 dark, 1 light, 2 follow the system.
    const value = options.colorScheme === 'dark' ? 0 : options.colorScheme === 'light' ? 1 : 2;
    await this.session.chromeEval(`Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', ${value})`);
    await sleep(100);
  }
  async screenshot(options: { path?: string; fullPage?: boolean } = {}): Promise<Uint8Array> {
    return this.pp.screenshot({ ...(options.path ? { path: options.path as `${string}.png` } : {}), fullPage: options.fullPage ?? false });
  }
  async title(): Promise<string> {
    return this.pp.title();
  }
  async content(): Promise<string> {
    return this.pp.content();
  }
  async bringToFront(): Promise<void> {
    await this.pp.bringToFront();
  }
  /** Set when the page closed itself (window.close()): puppeteer gets no event for that in Firefox. */
  private closedItself = false;
  markClosed(): void {
    this.closedItself = true;
  }
  /** Whether the tab is gone, asked of Firefox itself. */
  async gone(): Promise<boolean> {
    if (this.closedItself || this.pp.isClosed()) return true;
    try {
      await bidi(this.session.browser).send('browsingContext.getTree', { root: contextIdOf(this.pp), maxDepth: 0 });
      return false;
    } catch {
      this.closedItself = true;
      return true;
    }
  }
  isClosed(): boolean {
    return this.closedItself || this.pp.isClosed();
  }
  async close(): Promise<void> {
    if (!(await this.gone())) await this.pp.close();
  }
  context() {
    return this.session.context;
  }

  on(event: string, listener: (...args: unknown[]) => void) {
    if (!['console', 'pageerror', 'dialog', 'close', 'load', 'domcontentloaded'].includes(event)) notAvailable(`page.on('${event}')`)();
    this.pp.on(event as 'console', listener as never);
    return this;
  }
  once(event: string, listener: (...args: unknown[]) => void) {
    this.pp.once(event as 'console', listener as never);
    return this;
  }
  off(event: string, listener: (...args: unknown[]) => void) {
    this.pp.off(event as 'console', listener as never);
    return this;
  }
  waitForEvent(event: string, optionsOrPredicate?: ((value: unknown) => boolean) | { predicate?: (value: unknown) => boolean; timeout?: number }) {
    if (event === 'download') return this.session.nextDownload();
    if (event === 'close') {
      return (async () => {
        while (!(await this.gone())) await sleep(50);
        return this;
      })();
    }
    const predicate = typeof optionsOrPredicate === 'function' ? optionsOrPredicate : optionsOrPredicate?.predicate;
    return new Promise((resolve) => {
      const listener = (value: unknown) => {
        if (predicate && !predicate(value)) return;
        this.pp.off(event as 'console', listener as never);
        resolve(value);
      };
      this.pp.on(event as 'console', listener as never);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// The session.

/** The WebDriver BiDi connection under puppeteer's Browser (its public type does not show it). */
const bidi = (browser: Browser) =>
  (browser as unknown as { connection: { send(method: string, params: object): Promise<unknown> } }).connection;

/** The BiDi browsing-context id of a page's top frame. */
const contextIdOf = (page: PPage): string => (page.mainFrame() as unknown as { _id: string })._id;

/** A browsing context's [location.href, document.readyState], asked over BiDi directly (puppeteer's evaluate can wait forever on a tab opened by a link). */
async function documentState(browser: Browser, context: string): Promise<[string, string]> {
  const reply = (await bidi(browser)
    .send('script.evaluate', { expression: '[location.href, document.readyState].join(" ")', target: { context }, awaitPromise: false, resultOwnership: 'none' })
    .catch(() => null)) as { result?: { result?: { value?: string } } } | null;
  const [href = 'about:blank', state = 'loading'] = (reply?.result?.result?.value ?? '').split(' ');
  return [href, state];
}

/**
 * Waits until a tab's document has loaded and returns its address. A tab just opened by the
 * add-on starts as about:blank (already "complete"), so this waits a moment for it to leave
 * about:blank first.
 */
async function waitForDocumentLoad(browser: Browser, context: string): Promise<string> {
  const leave = Date.now() + 5_000;
  while ((await documentState(browser, context))[0] === 'about:blank' && Date.now() < leave) await sleep(50);
  const deadline = Date.now() + DEFAULT_TIMEOUT;
  for (;;) {
    const [href, state] = await documentState(browser, context);
    if (state === 'complete') return href;
    if (Date.now() > deadline) throw new Error(`${href} did not finish loading`);
    await sleep(50);
  }
}

/** The top-level browsing contexts (tabs) Firefox has now, over BiDi. */
async function topLevelContexts(browser: Browser): Promise<{ context: string; url: string }[]> {
  const tree = (await bidi(browser).send('browsingContext.getTree', { maxDepth: 0 })) as unknown as { result: { contexts: { context: string; url: string }[] } };
  return tree.result.contexts;
}

/**
 * A tab that Firefox lists (browsingContext.getTree) but never announced to the remote
 * protocol's clients, so puppeteer has no page for it: one opened by a link on an add-on page
 * (target=_blank). It answers what specs ask of such a tab, over BiDi.
 */
class UnannouncedTab {
  private closed = false;
  constructor(
    private readonly browser: Browser,
    private readonly context: string,
    private href: string,
  ) {}
  url(): string {
    return this.href;
  }
  async waitForLoadState(): Promise<void> {
    this.href = await waitForDocumentLoad(this.browser, this.context);
  }
  isClosed(): boolean {
    return this.closed;
  }
  async close(): Promise<void> {
    if (this.closed) return;
    await bidi(this.browser).send('browsingContext.close', { context: this.context });
    this.closed = true;
  }
}

/** A value as WebDriver BiDi returns it (RemoteValue). */
interface RemoteValue {
  type: string;
  value?: unknown;
  sharedId?: string;
}

interface BidiResult {
  type: 'success' | 'exception';
  result?: RemoteValue;
  exceptionDetails?: { text: string };
}

/** A JSON value as a BiDi LocalValue, so the page's own (possibly replaced) JSON is never used. */
function toLocalValue(value: unknown): object {
  if (value === undefined) return { type: 'undefined' };
  if (value === null) return { type: 'null' };
  if (typeof value === 'string') return { type: 'string', value };
  if (typeof value === 'boolean') return { type: 'boolean', value };
  if (typeof value === 'number') return { type: 'number', value: Number.isFinite(value) ? value : String(value) };
  if (Array.isArray(value)) return { type: 'array', value: value.map(toLocalValue) };
  if (typeof value === 'object') return { type: 'object', value: Object.entries(value).map(([k, v]) => [k, toLocalValue(v)]) };
  throw new Error(`Cannot pass ${typeof value} to the page`);
}

/** A BiDi RemoteValue back as a plain value (JSON-like results; nodes and other objects become null). */
function fromRemoteValue(remote: RemoteValue | undefined): unknown {
  if (!remote) return undefined;
  switch (remote.type) {
    case 'undefined':
      return undefined;
    case 'null':
      return null;
    case 'string':
    case 'boolean':
      return remote.value;
    case 'number':
      return typeof remote.value === 'number' ? remote.value : remote.value === '-0' ? -0 : Number(remote.value);
    case 'array':
      return ((remote.value as RemoteValue[] | undefined) ?? []).map(fromRemoteValue);
    case 'object':
      return Object.fromEntries(((remote.value as [string | RemoteValue, RemoteValue][] | undefined) ?? []).map(([k, v]) => [typeof k === 'string' ? k : String(fromRemoteValue(k)), fromRemoteValue(v)]));
    default:
      return null;
  }
}

const ADDON_ID = 'lantern@llm-medicine-papers';

class FirefoxSession {
  context!: BrowserContext;
  /** A tab showing one of the add-on's files: where code runs with the add-on's APIs (see launchFirefoxExtension). */
  addonTab!: FirefoxPage;
  private chromeContextId = '';
  private readonly pages = new WeakMap<PPage, Page>();

  constructor(
    readonly browser: Browser,
    readonly uuid: string,
  ) {}

  async init(): Promise<void> {
    const tree = (await bidi(this.browser).send('browsingContext.getTree', { 'moz:scope': 'chrome' } as never)) as unknown as {
      result: { contexts: { context: string; url: string }[] };
    };
    const win = tree.result.contexts.find((c) => c.url.startsWith('chrome://browser/'));
    if (!win) throw new Error('Firefox exposed no browser window in the chrome scope (is -remote-allow-system-access set?)');
    this.chromeContextId = win.context;
  }

  /** Evaluates an expression in the browser window's privileged (chrome) scope; returns its value as JSON. */
  async chromeEval<T = unknown>(expression: string): Promise<T> {
    const reply = (await bidi(this.browser).send('script.evaluate', {
      expression: `(async () => JSON.stringify(await (async () => { return ${expression}; })()))()`,
      target: { context: this.chromeContextId },
      awaitPromise: true,
      resultOwnership: 'none',
    } as never)) as unknown as { result: { type: string; result?: { value?: string }; exceptionDetails?: { text: string } } };
    const result = reply.result;
    if (result.type === 'exception') throw new Error(`Chrome-scope script failed: ${result.exceptionDetails?.text ?? 'unknown error'}`);
    const value = result.result?.value;
    return (value === undefined ? undefined : JSON.parse(value)) as T;
  }

  wrap(pp: PPage): Page {
    let page = this.pages.get(pp);
    if (!page) {
      page = strict(new FirefoxPage(pp, this), 'Page') as unknown as Page;
      this.pages.set(pp, page);
    }
    return page;
  }

  async newPage(): Promise<Page> {
    return this.wrap(await this.browser.newPage());
  }

  /** Loads `url` (a moz-extension:// page) into `page`'s tab with the system principal, and waits for it. */
  async loadPrivileged(page: FirefoxPage, url: string): Promise<void> {
    const contextId = contextIdOf(page.pp);
    await this.chromeEval(`(() => {
      const { NavigableManager } = ChromeUtils.importESModule('chrome://remote/content/shared/NavigableManager.sys.mjs');
      const browser = NavigableManager.getBrowsingContextById(${JSON.stringify(contextId)}).top.embedderElement;
      gBrowser.selectedTab = gBrowser.getTabForBrowser(browser);
      browser.fixupAndLoadURIString(${JSON.stringify(url)}, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
      return true;
    })()`);
    await page.waitForDocument(url);
  }

  /**
   * The next tab Firefox opens, as a page: puppeteer's, once it announced the tab; otherwise
   * (a tab opened by a link on an add-on page, which BiDi lists but never announces) an
   * UnannouncedTab. Call it before the action that opens the tab.
   */
  async nextTab(): Promise<Page> {
    const before = new Set((await topLevelContexts(this.browser)).map((c) => c.context));
    const deadline = Date.now() + DEFAULT_TIMEOUT;
    for (;;) {
      const fresh = (await topLevelContexts(this.browser)).find((c) => !before.has(c.context));
      if (fresh) {
        const announced = Date.now() + 1_000;
        for (;;) {
          const pp = (await this.browser.pages()).find((p) => contextIdOf(p) === fresh.context);
          if (pp) return this.wrap(pp);
          if (Date.now() > announced) return strict(new UnannouncedTab(this.browser, fresh.context, fresh.url), 'Page') as unknown as Page;
          await sleep(50);
        }
      }
      if (Date.now() > deadline) throw new Error('No new tab opened');
      await sleep(50);
    }
  }

  /** Opens one of the add-on's pages in a new tab. */
  async openExtensionPage(path: string): Promise<Page> {
    const page = await this.newPage();
    await page.goto(this.extensionUrl(path));
    return page;
  }

  /**
   * The next download's suggested name and saved file, as Playwright's Download gives them
   * (BiDi's downloadWillBegin/downloadEnd events; files land in the session's download folder).
   */
  nextDownload(): Promise<{ suggestedFilename(): string; path(): Promise<string>; url(): string }> {
    const connection = bidi(this.browser) as unknown as {
      on(event: string, listener: (params: Record<string, unknown>) => void): void;
      off(event: string, listener: (params: Record<string, unknown>) => void): void;
    };
    return new Promise((resolveDownload) => {
      const began = (params: Record<string, unknown>) => {
        connection.off('browsingContext.downloadWillBegin', began);
        const navigation = params.navigation;
        const ended = new Promise<string>((resolvePath, rejectPath) => {
          const end = (done: Record<string, unknown>) => {
            if (done.navigation !== navigation) return;
            connection.off('browsingContext.downloadEnd', end);
            if (done.status === 'complete' && typeof done.filepath === 'string') resolvePath(done.filepath);
            else rejectPath(new Error(`The download of ${String(params.url)} did not complete (${String(done.status)})`));
          };
          connection.on('browsingContext.downloadEnd', end);
        });
        resolveDownload({
          suggestedFilename: () => String(params.suggestedFilename),
          url: () => String(params.url),
          path: () => ended,
        });
      };
      connection.on('browsingContext.downloadWillBegin', began);
    });
  }

  extensionUrl(path: string): string {
    return `moz-extension://${this.uuid}/${path.replace(/^\//, '')}`;
  }

  /**
   * Waits for the add-on's permission prompt (Firefox's doorhanger "addon-webext-permissions",
   * shown with `extensions.webextOptionalPermissionPrompts` on) and clicks Allow or Don't allow
   * in it, as the user would. Resolves to its header and the permissions it listed.
   */
  async answerPermissionPrompt(answer: 'allow' | 'deny'): Promise<string[]> {
    const deadline = Date.now() + DEFAULT_TIMEOUT;
    let lines: string[] | null = null;
    let seen = '';
    for (;;) {
      // Clicks before the prompt's security delay (security.notification_enable_delay) are
      // ignored, as they are for a person: click until the prompt is gone.
      const state = await this.chromeEval<{ lines?: string[]; gone?: boolean; panel?: string; found?: boolean }>(`(() => {
        const notification = gBrowser.browsers.map((b) => PopupNotifications.getNotification('addon-webext-permissions', b)).find(Boolean);
        if (!notification) return { gone: true };
        const element = PopupNotifications.panel.querySelector('#addon-webext-permissions-notification');
        if (!element || PopupNotifications.panel.state !== 'open') return { found: true, panel: PopupNotifications.panel.state };
        const strings = notification.options.customElementOptions.strings;
        ${answer === 'allow' ? 'element.button' : 'element.secondaryButton'}.click();
        return { lines: [strings.header.replace('<>', strings.addonName), ...strings.msgs] };
      })()`);
      if (state.lines) lines = state.lines;
      else if (state.gone && lines) return lines;
      seen = JSON.stringify(state);
      if (Date.now() > deadline) throw new Error(`Firefox's permission prompt for the add-on was not answered (last seen: ${seen})`);
      await sleep(100);
    }
  }
}

/** Reads a file of the built add-on (the manifest, to name its background script). */
const readManifest = (extDir: string): { background?: { scripts?: string[] } } =>
  JSON.parse(readFileSync(join(extDir, 'manifest.json'), 'utf8')) as { background?: { scripts?: string[] } };

/** Answers a request from the real network (only ever a local test server named in `passThrough`). */
async function forward(request: ProxiedRequest): Promise<ProxyResponse> {
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'proxy-connection', 'content-length', 'accept-encoding'].includes(name)),
  );
  const reply = await fetch(request.url, {
    method: request.method,
    headers,
    body: request.method === 'GET' || request.method === 'HEAD' ? undefined : new Uint8Array(request.body),
  });
  const replyHeaders: Record<string, string> = {};
  reply.headers.forEach((value, name) => {
    if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name)) replyHeaders[name] = value;
  });
  return { status: reply.status, headers: replyHeaders, body: Buffer.from(await reply.arrayBuffer()) };
}

/** The Firefox harness's page behind `page`, or null when `page` is a Chromium (Playwright) page. */
export function firefoxPageOf(page: Page): FirefoxPage | null {
  return (page as unknown) instanceof FirefoxPage ? (page as unknown as FirefoxPage) : null;
}

export async function launchFirefoxExtension(extDir: string, options: LaunchOptions = {}): Promise<ExtensionSession> {
  const pages = new Map<string, RoutedPage>();
  const routes: { matcher: UrlMatcher; handler: RouteHandler }[] = [];
  const { findRoutedPage } = await import('./harness');

  const answerRouted = (url: string): ProxyResponse | null => {
    const page = findRoutedPage(pages, url);
    if (!page) return null;
    return { status: page.status ?? 200, headers: { 'content-type': page.contentType ?? 'text/html; charset=utf-8' }, body: page.body };
  };

  const proxy = await startOfflineProxy(async (request) => {
    // Routes added later win, as in Playwright; `fallback`/`continue` pass to the next one.
    for (const route of [...routes].reverse()) {
      if (!matches(route.matcher, request.url)) continue;
      const outcome = await new Promise<ProxyResponse | null | 'next'>((resolveOutcome) => {
        const routeLike: RouteLike = {
          request: () => requestLike(request),
          fulfill: async (o) => {
            const headers: Record<string, string> = { ...(o.headers ?? {}) };
            if (o.contentType) headers['content-type'] = o.contentType;
            resolveOutcome({ status: o.status ?? 200, headers, body: o.body ?? '' });
          },
          abort: async () => resolveOutcome(null),
          continue: async () => resolveOutcome('next'),
          fallback: async () => resolveOutcome('next'),
        };
        void Promise.resolve(route.handler(routeLike, requestLike(request))).catch(() => resolveOutcome(null));
      });
      if (outcome !== 'next') return outcome;
    }
    if (options.passThrough?.some((prefix) => request.url.startsWith(prefix))) return forward(request);
    return answerRouted(request.url);
  });

  const uuid = randomUUID();
  const downloadDir = await mkdtemp(join(tmpdir(), 'lantern-e2e-firefox-downloads-'));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath(),
      headless: true,
      acceptInsecureCerts: true,
      args: ['-remote-allow-system-access'],
      extraPrefsFirefox: {
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxy.port,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.no_proxies_on': '',
        'network.proxy.allow_hijacking_localhost': true,
        'network.dns.disablePrefetch': true,
        'network.http.speculative-parallel-limit': 0,
        'browser.safebrowsing.malware.enabled': false,
        'browser.safebrowsing.phishing.enabled': false,
        // Optional permissions the add-on asks for are granted without a prompt, unless the spec
        // answers Firefox's prompt itself (answerPermissionPrompt).
        'extensions.webextOptionalPermissionPrompts': options.permissionPrompts === true,
        // MV3 host permissions granted at install (Firefox 127 and later), or not (as before 127).
        'extensions.originControls.grantByDefault': options.siteAccess !== 'withheld',
        // The popup is tested as a tab: let its window.close() close that tab, as it closes the
        // toolbar panel (Chromium lets extension pages close their tabs anyway).
        'dom.allow_scripts_to_close_windows': true,
        // Light unless a spec asks for dark (emulateMedia).
        'layout.css.prefers-color-scheme.content-override': 1,
        // The add-on's moz-extension:// UUID, fixed so its pages' addresses are known.
        'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: uuid }),
      },
    });
  } catch (e) {
    await proxy.close();
    throw e;
  }
  const session = new FirefoxSession(browser, uuid);
  try {
    await session.init();
    await bidi(browser).send('browser.setDownloadBehavior', { downloadBehavior: { type: 'allowed', destinationFolder: downloadDir } });
    const id = await browser.installExtension(extDir);
    if (id !== ADDON_ID) throw new Error(`Installed add-on ${id}, expected ${ADDON_ID}`);
    if (options.grantedHosts?.length) {
      // As if the user had granted them: Firefox's own record of an add-on's granted permissions.
      await session.chromeEval(`(async () => {
        const { ExtensionPermissions } = ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs');
        const policy = WebExtensionPolicy.getByID(${JSON.stringify(ADDON_ID)});
        await ExtensionPermissions.add(${JSON.stringify(ADDON_ID)}, { permissions: [], origins: ${JSON.stringify(options.grantedHosts)} }, policy.extension);
        return true;
      })()`);
    }
    const background = readManifest(extDir).background?.scripts?.[0] ?? 'background.js';
    // The stand-in for evaluating "in the background": a tab showing one of the add-on's files.
    session.addonTab = (await session.openExtensionPage('icon-16.png')) as unknown as FirefoxPage;
    const serviceWorker = strict(
      {
        url: () => session.extensionUrl(background),
        evaluate: <R, A>(fn: (arg: A) => R, arg?: A) => session.addonTab.evaluate(fn, arg),
      },
      'serviceWorker',
    ) as unknown as Worker;

    const context = strict(
      {
        newPage: () => session.newPage(),
        pages: async () => (await browser.pages()).map((p) => session.wrap(p)),
        route: async (matcher: UrlMatcher, handler: RouteHandler) => {
          routes.push({ matcher, handler });
        },
        unroute: async (matcher: UrlMatcher) => {
          for (let i = routes.length - 1; i >= 0; i--) if (String(routes[i]!.matcher) === String(matcher)) routes.splice(i, 1);
        },
        on: (event: string, listener: (request: RequestLike) => void) => {
          if (event !== 'request') return notAvailable(`context.on('${event}')`)();
          proxy.onRequest((r) => listener(requestLike(r)));
          return context;
        },
        waitForEvent: (event: string, predicate?: (value: unknown) => boolean) => {
          if (event === 'page') return session.nextTab();
          if (event === 'request') {
            return new Promise((resolveRequest) => {
              const stop = proxy.onRequest((r) => {
                const request = requestLike(r);
                if (predicate && !predicate(request)) return;
                stop();
                resolveRequest(request);
              });
            });
          }
          return notAvailable(`context.waitForEvent('${event}')`)();
        },
      },
      'BrowserContext',
    ) as unknown as BrowserContext;
    session.context = context;

    return {
      browserName: 'firefox',
      context,
      extensionId: uuid,
      serviceWorker,
      extensionUrl: (path: string) => session.extensionUrl(path),
      openPage: (path: string) => session.openExtensionPage(path),
      openPopup: () => session.openExtensionPage('popup.html'),
      answerPermissionPrompt: (answer) => session.answerPermissionPrompt(answer),
      routePages(more) {
        for (const [url, page] of Object.entries(more)) pages.set(url, page);
      },
      async stopBackground() {
        // What Firefox does to an idle event page (and its own tests do through ExtensionTestUtils).
        await session.chromeEval(`WebExtensionPolicy.getByID(${JSON.stringify(ADDON_ID)}).extension.terminateBackground().then(() => true)`);
      },
      async close() {
        await browser.close().catch(() => undefined);
        await proxy.close();
        await rm(downloadDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await browser.close().catch(() => undefined);
    await proxy.close();
    throw new Error(`The add-on at ${extDir} did not start in Firefox: ${String(e)}`);
  }
}
