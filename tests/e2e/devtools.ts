/**
 * Reaching what a web page cannot, from the test side, through the browser's remote protocol
 * (Chromium: the DevTools protocol; Firefox: WebDriver BiDi, see firefox.ts):
 *
 * - inside the CLOSED shadow roots Lantern puts on pages (`<lantern-badge>`, `<lantern-mark>`).
 *   Chromium: `DOM.getDocument({ depth: -1, pierce: true })` lists every shadow root,
 *   `DOM.resolveNode` turns one into an object, `Runtime.callFunctionOn` runs a function on it.
 *   Firefox: BiDi serializes an element's shadow root whatever its mode, and that reference
 *   handed back as an argument is the root itself;
 * - the content script's own context, to send messages exactly as a (compromised) content script
 *   could. Chromium: its isolated world (`Runtime.executionContextCreated` of type "isolated").
 *   Firefox: `scripting.executeScript` from one of the add-on's pages, which runs in the same
 *   content-script sandbox as the manifest's content script on that tab.
 *
 * Nothing here needs a switch in the product. Clicks go through `page.mouse` at the element's
 * centre, so the page receives real, trusted input events.
 *
 *   const shadow = closedShadow(page);
 *   await shadow.waitFor('lantern-badge', (root) => root.querySelector('.card') !== null);
 *   const title = await shadow.evaluate('lantern-badge', (root) => root.querySelector('.title')?.textContent);
 *   await shadow.click('lantern-badge', '.lantern-save');
 *
 *   const world = await contentScriptWorld(page, 'Lantern');
 *   const reply = await world.sendMessage({ lantern: 1, type: 'getStatus', data: {} });
 */
import type { CDPSession, Page } from 'playwright-core';
import { firefoxPageOf } from './firefox';

interface DomNode {
  nodeId: number;
  backendNodeId: number;
  nodeName: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

/** A host element matched in the page's light DOM, with its shadow root (open or closed; null when it has none). */
export interface ShadowHost {
  host: Element;
  root: ShadowRoot | null;
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();

/** One DevTools session per page, opened on first use. */
function sessionOf(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  return session;
}

/** Every node of a DOM.getDocument tree (shadow roots and frames' documents included) by its node id. */
function nodesById(root: DomNode, into = new Map<number, DomNode>()): Map<number, DomNode> {
  into.set(root.nodeId, root);
  for (const child of [...(root.children ?? []), ...(root.shadowRoots ?? []), ...(root.contentDocument ? [root.contentDocument] : [])]) nodesById(child, into);
  return into;
}

/** Chromium: runs the function `source` (`(hosts, arg) => …`) in the page's main world over the DevTools protocol. */
async function evaluateHostsCdp<T>(page: Page, hostSelector: string, source: string, arg: unknown): Promise<T> {
  const cdp = await sessionOf(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: hostSelector });
  const nodes = nodesById(root);
  // Asked all at once (one page can hold a thousand marks); released together at the end.
  const objectGroup = 'lantern-shadow-hosts';
  const objects = (
    await Promise.all(
      nodeIds.map(async (nodeId) => {
        const shadow = nodes.get(nodeId)?.shadowRoots?.[0];
        const [host, rootObject] = await Promise.all([
          cdp.send('DOM.resolveNode', { nodeId, objectGroup }),
          shadow ? cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId, objectGroup }) : null,
        ]);
        return [{ objectId: host.object.objectId }, rootObject ? { objectId: rootObject.object.objectId } : { value: null }];
      }),
    )
  ).flat();
  const { object: documentObject } = await cdp.send('DOM.resolveNode', { nodeId: root.nodeId, objectGroup });
  const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
    objectId: documentObject.objectId,
    functionDeclaration: `function (arg, ...nodes) {
      const hosts = [];
      for (let i = 0; i < nodes.length; i += 2) hosts.push({ host: nodes[i], root: nodes[i + 1] });
      return (${source})(hosts, arg);
    }`,
    arguments: [{ value: arg }, ...objects],
    returnByValue: true,
    awaitPromise: true,
  });
  await cdp.send('Runtime.releaseObjectGroup', { objectGroup });
  if (exceptionDetails) throw new Error(`In the shadow roots of ${hostSelector}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value as T;
}

/** Access to the closed shadow roots on one page; every method takes the hosts' CSS selector (light DOM). */
export interface ClosedShadow {
  /**
   * Runs `fn(hosts, arg)` in the page's main world, from the test side, with every element
   * matching `hostSelector` and its shadow root, in document order; returns its
   * JSON-serializable result.
   */
  evaluateHosts<T, A = undefined>(hostSelector: string, fn: (hosts: ShadowHost[], arg: A) => T, arg?: A): Promise<T>;
  /** As `evaluate`, on the shadow root of every matching host that has one, in document order. */
  evaluateAll<T, A = undefined>(hostSelector: string, fn: (root: ShadowRoot, arg: A) => T, arg?: A): Promise<T[]>;
  /**
   * Runs `fn(root, arg)` on the shadow root of the first element matching `hostSelector` and
   * returns its JSON-serializable result; null when the host or its root is missing.
   */
  evaluate<T, A = undefined>(hostSelector: string, fn: (root: ShadowRoot, arg: A) => T, arg?: A): Promise<T | null>;
  /** Polls `evaluate` until `fn` returns a truthy value (default timeout 15 s), and returns that value. */
  waitFor<T, A = undefined>(hostSelector: string, fn: (root: ShadowRoot, arg: A) => T, arg?: A, timeoutMs?: number): Promise<NonNullable<T>>;
  /** Clicks the centre of the first element matching `selector` inside the host's shadow root with the real mouse (a trusted click). */
  click(hostSelector: string, selector: string): Promise<void>;
  /** Gives the focus to the first element matching `selector` inside the host's shadow root. */
  focus(hostSelector: string, selector: string): Promise<void>;
}

export function closedShadow(page: Page): ClosedShadow {
  const firefox = firefoxPageOf(page);
  // Functions cross the protocol as source text: `source` is `(hosts, arg) => …`.
  const evaluateSource = <T>(hostSelector: string, source: string, arg: unknown): Promise<T> =>
    firefox ? firefox.evaluateShadowHosts<T>(hostSelector, source, arg) : evaluateHostsCdp<T>(page, hostSelector, source, arg);
  const evaluateHosts = <T, A>(hostSelector: string, fn: (hosts: ShadowHost[], arg: A) => T, arg?: A): Promise<T> =>
    evaluateSource<T>(hostSelector, fn.toString(), arg);
  const evaluateAll = <T, A>(hostSelector: string, fn: (root: ShadowRoot, arg: A) => T, arg?: A): Promise<T[]> =>
    evaluateSource<T[]>(hostSelector, `(hosts, arg) => hosts.filter((h) => h.root).map((h) => (${fn.toString()})(h.root, arg))`, arg);

  const evaluate = async <T, A>(hostSelector: string, fn: (root: ShadowRoot, arg: A) => T, arg?: A): Promise<T | null> => {
    const source = `(hosts, arg) => { const root = hosts[0] ? hosts[0].root : null; return root ? (${fn.toString()})(root, arg) : null; }`;
    return ((await evaluateSource<T | null>(hostSelector, source, arg)) ?? null) as T | null;
  };

  const waitFor = async <T, A>(hostSelector: string, fn: (root: ShadowRoot, arg: A) => T, arg?: A, timeoutMs = 15_000): Promise<NonNullable<T>> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await evaluate(hostSelector, fn, arg);
      if (value) return value as NonNullable<T>;
      if (Date.now() > deadline) throw new Error(`Timed out waiting in the shadow root of ${hostSelector} for ${fn.toString().slice(0, 200)}`);
      await page.waitForTimeout(50);
    }
  };

  return {
    evaluateHosts,
    evaluateAll,
    evaluate,
    waitFor,
    async click(hostSelector, selector) {
      const box = await waitFor(
        hostSelector,
        (root, sel) => {
          const el = root.querySelector(sel);
          if (!el) return null;
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.height > 0 ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
        },
        selector,
      );
      await page.mouse.click(box.x, box.y);
    },
    async focus(hostSelector, selector) {
      await waitFor(
        hostSelector,
        (root, sel) => {
          const el = root.querySelector<HTMLElement>(sel);
          el?.focus();
          return el !== null && root.activeElement === el;
        },
        selector,
      );
    },
  };
}

/** A content script's context on one page. */
export interface ContentScriptWorld {
  /** Sends `message` with `runtime.sendMessage` from there and returns the reply (JSON). */
  sendMessage<T = unknown>(message: unknown): Promise<T>;
  /** Whether the content scripts' global object there has this property (what Lantern's scripts leave: lib/badgeUi.ts). */
  hasGlobal(name: string): Promise<boolean>;
}

/**
 * The context the extension named `extensionName` (its manifest name) runs its content script
 * in, on the page's main frame. Waits for it (up to 15 s).
 */
export async function contentScriptWorld(page: Page, extensionName: string): Promise<ContentScriptWorld> {
  const firefox = firefoxPageOf(page);
  if (firefox) return { sendMessage: (message) => firefox.sendFromContentScript(message), hasGlobal: (name) => firefox.hasContentScriptGlobal(name) };
  const cdp = await sessionOf(page);
  const contexts: { id: number; name: string; auxData?: { type?: string; isDefault?: boolean } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const deadline = Date.now() + 15_000;
  let world: (typeof contexts)[number] | undefined;
  while (!(world = contexts.find((c) => c.auxData?.type === 'isolated' && c.name === extensionName))) {
    if (Date.now() > deadline) throw new Error(`No isolated world named ${extensionName} on ${page.url()}`);
    await page.waitForTimeout(50);
  }
  const contextId = world.id;
  const evaluate = async <T>(expression: string): Promise<T> => {
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, contextId, awaitPromise: true, returnByValue: true });
    if (exceptionDetails) throw new Error(`In the content script's world: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as T;
  };
  return {
    sendMessage: (message) => evaluate(`chrome.runtime.sendMessage(${JSON.stringify(message)})`),
    hasGlobal: (name) => evaluate(`${JSON.stringify(name)} in globalThis`),
  };
}

/**
 * Names of the isolated worlds (content scripts) on the page's main frame now, without waiting.
 * A fresh DevTools session, since enabling Runtime reports the existing contexts only once per session.
 */
export async function isolatedWorldNames(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const names: string[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    if (context.auxData?.type === 'isolated') names.push(context.name);
  });
  await cdp.send('Runtime.enable');
  await cdp.detach();
  return names;
}
