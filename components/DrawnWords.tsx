/**
 * Words that tell the reader's state (Saved, Status, Removed, In Zotero), drawn by CSS instead of
 * written as text. Chromium's `window.find()` searches the text of closed shadow roots, so a page
 * could look for "Saved" in Lantern's badge and learn what the reader saved; it does not search
 * generated content. DrawnWords.css (imported by Badge.css and assets/pages.css) draws
 * `.drawn-words` from `data-words`; screen readers read generated content, and the controls that
 * hold these words have labels too.
 */
export function DrawnWords({ words }: { words: string }) {
  return <span class="drawn-words" data-words={words} />;
}

/**
 * One of `among`, drawn as DrawnWords, in a box as wide as the widest of them: what holds it
 * (a button, a row that wraps) is the same size whichever is shown, so a page measuring
 * Lantern's box cannot tell them apart either.
 */
export function DrawnChoice({ shown, among }: { shown: string; among: readonly string[] }) {
  return (
    <span class="drawn-choice">
      {among.map((words) => (
        <span key={words} class="drawn-words" data-words={words} data-shown={words === shown ? '' : undefined} />
      ))}
    </span>
  );
}
