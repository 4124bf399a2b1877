/** What the unit tests of pages and components share: a root to render into, waiting with Preact's act, buttons by name. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { vi } from 'vitest';

/** A fresh element in the document to render into. */
export function freshRoot(): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  return root;
}

/** Unmounts what was rendered into `root` (running effects' cleanups) and takes it out of the document. */
export function unmount(root: HTMLElement): void {
  render(null, root);
  root.remove();
}

/** Waits, letting IndexedDB, timers and Preact run, until the check passes (up to 10 s: a BibTeX import first loads its parser, over a second on a busy machine). */
export async function until(check: () => void | Promise<void>): Promise<void> {
  await vi.waitFor(
    async () => {
      await act(async () => {
        await new Promise((r) => setTimeout(r, 5));
      });
      await check();
    },
    { timeout: 10_000 },
  );
}

/** The text a reader sees in `node`: its text, with the words components/DrawnWords.tsx draws by CSS (of a DrawnChoice, the one shown). */
export function shownText(node: Node | null | undefined): string {
  if (!node) return '';
  if (node instanceof Element && node.classList.contains('drawn-words')) {
    const hidden = node.parentElement?.classList.contains('drawn-choice') && !node.hasAttribute('data-shown');
    return hidden ? '' : (node.getAttribute('data-words') ?? '');
  }
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  return [...node.childNodes].map(shownText).join('');
}

/** The button whose shown text is `name` (exactly, or matching the pattern) within `within`. */
export function buttonNamed(name: string | RegExp, within: ParentNode): HTMLButtonElement {
  const found = [...within.querySelectorAll('button')].find((b) => (typeof name === 'string' ? shownText(b).trim() === name : name.test(shownText(b))));
  if (!found) throw new Error(`No button ${String(name)}`);
  return found;
}
