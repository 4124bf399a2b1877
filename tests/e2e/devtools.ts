/**
 * Reaching what a web page cannot, from the test side, through the DevTools protocol (CDP):
 *
 * - inside the CLOSED shadow roots Lantern puts on pages (`<lantern-badge>`, `<lantern-mark>`):
 *   `DOM.getDocument({ depth: -1, pierce: true })` lists every shadow root, `DOM.resolveNode`
 *   turns one into an object, `Runtime.callFunctionOn` runs a function on it;
 * - the content script's own isolated world (`Runtime.executionContextCreated` of type
 *   "isolated"), to send messages exactly as a (compromised) content script could.
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
 *   const reply = await world.evaluate(`chrome.runtime.sendMessage({ lantern: 1, type: 'getStatus', data: {} })`);
 */
import type { CDPSession, Page } from 'playwright-core';

interface DomNode {
  nodeId: number;
  backendNodeId: number;
  nodeName: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
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

function findNode(root: DomNode, nodeId: number): DomNode | undefined {
  if (root.nodeId === nodeId) return root;
  for (const child of [...(root.children ?? []), ...(root.shadowRoots ?? []), ...(root.contentDocument ? [root.contentDocument] : [])]) {
    const found = findNode(child, nodeId);
    if (found) return found;
  }
  return undefined;
}

/** The shadow root (open or closed) of the first element matching `hostSelector` in the page's light DOM, as a CDP object id; null when there is none. */
async function shadowRootObject(page: Page, hostSelector: string): Promise<string | null> {
  const cdp = await sessionOf(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: hostSelector });
  if (!nodeId) return null;
  const shadow = findNode(root, nodeId)?.shadowRoots?.[0];
  if (!shadow) return null;
  const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
  return object.objectId ?? null;
}

/** The shadow roots (open or closed) of every element matching `hostSelector` in the page's light DOM, in document order, as CDP object ids. */
async function shadowRootObjects(page: Page, hostSelector: string): Promise<string[]> {
  const cdp = await sessionOf(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: hostSelector });
  const shadows = nodeIds.flatMap((nodeId) => findNode(root, nodeId)?.shadowRoots?.[0] ?? []);
  // Asked all at once: a page may hold a thousand marks.
  const objects = await Promise.all(shadows.map((shadow) => cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId })));
  return objects.flatMap(({ object }) => object.objectId ?? []);
}

/** Access to the closed shadow roots on one page; every method takes the host's CSS selector (light DOM). */
export interface ClosedShadow {
  /**
   * Runs `fn(root, arg)` on the host's shadow root (in the page's main world, from the test
   * side) and returns its JSON-serializable result; null when the host or its root is missing.
   */
  evaluate<T, A = undefined>(hostSelector: string, fn: (root: ShadowRoot, arg: A) => T, arg?: A): Promise<T | null>;
  /** As `evaluate`, on the shadow root of every matching host that has one, in document order. */
  evaluateAll<T, A = undefined>(hostSelector: string, fn: (root: ShadowRoot, arg: A) => T, arg?: A): Promise<T[]>;
  /** Polls `evaluate` until `fn` returns a truthy value (default timeout 15 s), and returns that value. */
  waitFor<T, A = undefined>(hostSelector: string, fn: (root: ShadowRoot, arg: A) => T, arg?: A, timeoutMs?: number): Promise<NonNullable<T>>;
  /** Clicks the centre of the first element matching `selector` inside the host's shadow root with the real mouse (a trusted click). */
  click(hostSelector: string, selector: string): Promise<void>;
  /** Gives the focus to the first element matching `selector` inside the host's shadow root. */
  focus(hostSelector: string, selector: string): Promise<void>;
}

export function closedShadow(page: Page): ClosedShadow {
  const evaluate = async <T, A>(hostSelector: string, fn: (root: ShadowRoot, arg: A) => T, arg?: A): Promise<T | null> => {
    const objectId = await shadowRootObject(page, hostSelector);
    if (!objectId) return null;
    const cdp = await sessionOf(page);
    const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
      objectId,
      functionDeclaration: `function (arg) { return (${fn.toString()})(this, arg); }`,
      arguments: [{ value: arg }],
      returnByValue: true,
      awaitPromise: true,
    });
    if (exceptionDetails) throw new Error(`In the shadow root of ${hostSelector}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return (result.value ?? null) as T | null;
  };

  const evaluateAll = async <T, A>(hostSelector: string, fn: (root: ShadowRoot, arg: A) => T, arg?: A): Promise<T[]> => {
    const objectIds = await shadowRootObjects(page, hostSelector);
    if (objectIds.length === 0) return [];
    // One call for every root: they come in as arguments.
    const cdp = await sessionOf(page);
    const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
      objectId: objectIds[0]!,
      functionDeclaration: `function (arg, ...roots) { return roots.map((root) => (${fn.toString()})(root, arg)); }`,
      arguments: [{ value: arg }, ...objectIds.map((objectId) => ({ objectId }))],
      returnByValue: true,
      awaitPromise: true,
    });
    if (exceptionDetails) throw new Error(`In the shadow roots of ${hostSelector}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return (result.value ?? []) as T[];
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
    evaluate,
    evaluateAll,
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

/** Code run in a content script's isolated world. */
export interface ContentScriptWorld {
  /** Evaluates `expression` there (awaiting a promise) and returns its JSON value. */
  evaluate<T = unknown>(expression: string): Promise<T>;
}

/**
 * The isolated world the extension named `extensionName` (its manifest name) runs its content
 * script in, on the page's main frame. Waits for it (up to 15 s).
 */
export async function contentScriptWorld(page: Page, extensionName: string): Promise<ContentScriptWorld> {
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
  return {
    async evaluate<T>(expression: string): Promise<T> {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, contextId, awaitPromise: true, returnByValue: true });
      if (exceptionDetails) throw new Error(`In the content script's world: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      return result.value as T;
    },
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
