/**
 * What Lantern adds to a web page shares the DOM with the page's own scripts, which can
 * dispatch synthetic events (`isTrusted === false`) at any element they can reach. Lantern's
 * in-page UI acts on the user's real input only, in shadow roots the page cannot reach.
 */

/**
 * Input events a page could fake to drive Lantern's UI. Focus and blur are not here: the
 * browser's own focus changes (including `element.focus()`) are always trusted.
 */
export const GUARDED_EVENTS = [
  'click',
  'dblclick',
  'auxclick',
  'contextmenu',
  'mousedown',
  'mouseup',
  'pointerdown',
  'pointerup',
  'keydown',
  'keyup',
  'keypress',
  'beforeinput',
  'input',
  'change',
  'submit',
] as const;

/**
 * Stops every untrusted event of GUARDED_EVENTS at `root` (a shadow root, or the element that
 * holds Lantern's UI) before any handler inside it runs: a capture listener on an ancestor runs
 * before the target's own listeners, and stopping there keeps the event from reaching them.
 * Returns a function that removes the guard.
 */
export function ignoreUntrustedEvents(root: EventTarget): () => void {
  const stop = (event: Event) => {
    if (event.isTrusted) return;
    event.stopImmediatePropagation();
    event.preventDefault();
  };
  for (const type of GUARDED_EVENTS) root.addEventListener(type, stop, { capture: true });
  return () => {
    for (const type of GUARDED_EVENTS) root.removeEventListener(type, stop, { capture: true });
  };
}

/**
 * A host element named `tag` with a closed shadow root the page cannot reach, not yet in the page
 * (the caller inserts it); null when the browser refuses the root. The element is made in an
 * inert document: made by the page's document, an element whose name the page defined as its own
 * custom element is custom at once, and a root attached to a custom element is handed to the
 * page's ElementInternals whatever its mode (HTML, attachShadow: "available to element
 * internals"). Made elsewhere and adopted, it is upgraded only when inserted, after its root is attached.
 */
export function closedShadowHost(doc: Document, tag: string): { host: HTMLElement; shadow: ShadowRoot } | null {
  const host = doc.implementation.createHTMLDocument('').createElement(tag);
  try {
    const shadow = host.attachShadow({ mode: 'closed' });
    // Back in the page's document (not in the page yet): its constructed stylesheets can be adopted.
    return { host: doc.adoptNode(host), shadow };
  } catch {
    return null;
  }
}
