/** Small inline-markdown helpers for the list parser: links, escapes, emphasis. Never throw. */

export interface InlineLink {
  label: string;
  url: string;
  /** Offsets of the whole `[label](url)` in the text. */
  start: number;
  end: number;
}

/** Index just past the bracket group opening at `open`, honouring nesting and escapes; -1 when unclosed. */
function closeOf(text: string, open: number, opener: string, closer: string): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (char === opener) depth++;
    else if (char === closer && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * Every `[label](url)` link, outermost only, images excluded; URLs may hold balanced parentheses
 * (Wikipedia-style) or be wrapped in <…>, and may carry a "title".
 */
export function extractLinks(text: string): InlineLink[] {
  const links: InlineLink[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('[', i);
    if (open < 0) break;
    if (open > 0 && text[open - 1] === '\\') {
      i = open + 1;
      continue;
    }
    const labelEnd = closeOf(text, open, '[', ']');
    if (labelEnd < 0) break;
    if (text[labelEnd] !== '(' || text[open - 1] === '!') {
      // Not a link itself, but it may contain one: "[[paper](url)]".
      i = open + 1;
      continue;
    }
    const targetEnd = closeOf(text, labelEnd, '(', ')');
    if (targetEnd < 0) {
      i = open + 1;
      continue;
    }
    const target = text.slice(labelEnd + 1, targetEnd - 1).trim();
    const url = target.startsWith('<') ? target.slice(1, target.indexOf('>') > 0 ? target.indexOf('>') : undefined) : target.split(/\s+/)[0] ?? '';
    links.push({ label: plainText(text.slice(open + 1, labelEnd - 1)), url: url.trim(), start: open, end: targetEnd });
    i = targetEnd;
  }
  return links;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Any character plainText would change: markup, escapes, entities, tags, and whitespace other than single spaces inside. */
const NEEDS_CLEANING = /[[\]!<*_`\\&]|\s\s|[^\S ]|^\s|\s$/;

/** Markdown source → the text a reader sees: images, links → label, emphasis markers, escapes, entities, inline HTML tags. */
export function plainText(markdown: string): string {
  // Most titles and link labels are plain already; the nine replacements below cost ~5 µs each call.
  if (!NEEDS_CLEANING.test(markdown)) return markdown;
  return markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\\\w])[*_](\S(?:.*?\S)?)[*_](?!\w)/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_match, name: string) => ENTITIES[name] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Leading emoji, variation selectors and joiners, as in "🔔 News". */
export function stripLeadingSymbols(text: string): string {
  return text.replace(/^[\p{Extended_Pictographic}\u{FE0F}\u{200D}\u{20E3}\s]+/u, '').trim();
}
