/**
 * What Lantern adds to a web page shares the DOM with the page's own scripts, which can
 * dispatch synthetic events (`isTrusted === false`) at any element they can reach. Lantern's
 * in-page UI acts on the user's real input only.
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
