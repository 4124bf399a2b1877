/**
 * Splits a text into plain and highlighted parts for the terms a query matched, so the UI can
 * render matches as spans (never as HTML). A term highlights the start of a word: "radi" marks
 * "Radi" in "Radiology"; "x-ray" marks "X-ray".
 */
export interface TextPart {
  text: string;
  match: boolean;
}

const MAX_TERMS = 16;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Terms worth highlighting from a raw query: words of two characters or more, longest first. */
export function highlightTerms(query: string): string[] {
  const words = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}-]+/u)
    .map((w) => w.replace(/^-+|-+$/g, ''))
    .filter((w) => w.length >= 2);
  return [...new Set(words)].sort((a, b) => b.length - a.length).slice(0, MAX_TERMS);
}

export function highlightParts(text: string, terms: readonly string[]): TextPart[] {
  const usable = terms.filter((t) => t.length > 0);
  if (usable.length === 0 || text.length === 0) return [{ text, match: false }];
  // Hyphens in a term match an optional hyphen or space in the text ("gpt-4v" marks "GPT4V").
  const alternatives = usable.map((t) =>
    t
      .split('-')
      .filter((p) => p.length > 0)
      .map(escapeRegExp)
      .join('[-\\s]?'),
  );
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})`, 'giu');
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m[0].length === 0) continue;
    const start = m.index;
    if (start > last) parts.push({ text: text.slice(last, start), match: false });
    parts.push({ text: m[0], match: true });
    last = start + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), match: false });
  return parts.length > 0 ? parts : [{ text, match: false }];
}
