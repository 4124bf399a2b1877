/**
 * "Copy citation" for one paper: BibTeX (the export's entry), a Markdown link, or a plain-text
 * reference in the manner of APA ("Nori, H., & Lee, Y. T. (2023). Title. Venue. https://doi.org/…").
 */
import { toBibTeX } from './bibtex';
import type { AuthorList, CslName } from '../names';
import { cleanVenue, paperUrl } from './paperKind';
import type { SavedItem } from '../types';
import { doiUrl } from '../ids';

export type CitationFormat = 'bibtex' | 'markdown' | 'apa';

export const CITATION_FORMATS: readonly { format: CitationFormat; label: string }[] = [
  { format: 'bibtex', label: 'BibTeX' },
  { format: 'markdown', label: 'Markdown link' },
  { format: 'apa', label: 'Plain text (APA-like)' },
];

/** The paper's link for a reference: its DOI when it has one, else its page. */
function citationUrl(item: Pick<SavedItem, 'paper'>): string | undefined {
  return item.paper.ids.doi ? doiUrl(item.paper.ids.doi) : paperUrl(item.paper);
}

/** "Nori, H.", "van der Berg, J.", "Rivera, J. Q., Jr."; an organisation (a literal) as it is. */
function apaName(name: CslName): string {
  const family = [name['non-dropping-particle'], name.family].filter(Boolean).join(' ');
  if (name.literal !== undefined || !name.given) return name.literal ?? family;
  const initials = name.given
    .split(/[\s-]+/)
    .filter((part) => part !== '')
    .map((part) => `${[...part][0]!.toUpperCase()}.`)
    .join(' ');
  return `${family}, ${initials}${name.suffix ? `, ${name.suffix}` : ''}`;
}

function apaAuthors({ names, etAl }: AuthorList): string {
  const parts = names.map(apaName);
  if (parts.length === 0) return '';
  if (etAl) return `${parts.join(', ')}, et al.`;
  if (parts.length === 1) return parts[0]!;
  return `${parts.slice(0, -1).join(', ')}, & ${parts[parts.length - 1]}`;
}

function sentence(text: string): string {
  const t = text.trim();
  return t === '' ? '' : /[.?!]$/.test(t) ? t : `${t}.`;
}

/** Markdown link text may not hold unescaped brackets or backslashes. */
function markdownText(text: string): string {
  return text.replace(/([\\[\]])/g, '\\$1');
}

/** The citation of one paper in one format, as text for the clipboard. */
export function citation(item: SavedItem, format: CitationFormat): string {
  const { paper } = item;
  const url = citationUrl(item);
  switch (format) {
    case 'bibtex':
      return toBibTeX([item]).trimEnd();
    case 'markdown':
      return url ? `[${markdownText(paper.title)}](<${url}>)` : markdownText(paper.title);
    case 'apa': {
      const authors = apaAuthors(paper.authorList);
      const year = `(${paper.year ?? 'n.d.'}).`;
      return [authors ? `${sentence(authors)} ${year}` : year, sentence(paper.title), sentence(cleanVenue(paper.venue)), url ?? '']
        .filter((part) => part !== '')
        .join(' ');
    }
  }
}

/** A listed paper that is not saved, as an item to cite (no tags, no note). */
export function unsavedItem(paper: SavedItem['paper'] & { line?: number; lists?: string[]; addedAt?: number }): SavedItem {
  const { line: _line, lists: _lists, addedAt: _addedAt, ...rest } = paper;
  return { id: paper.id, paper: rest, status: 'to-read', statusChangedAt: 0, tags: [], note: '', starred: false, addedAt: 0, updatedAt: 0 };
}

/** Puts text on the clipboard; resolves to a sentence for the user either way. */
export async function copyToClipboard(text: string, what: string, clipboard: Pick<Clipboard, 'writeText'> | undefined = globalThis.navigator?.clipboard): Promise<string> {
  try {
    if (!clipboard) throw new Error('no clipboard');
    await clipboard.writeText(text);
    return `Copied the ${what} to the clipboard.`;
  } catch {
    return `Lantern could not write to the clipboard; the ${what} was not copied.`;
  }
}

/** What the user sees named after copying: "BibTeX entry", "Markdown link", "reference". */
export const CITATION_NAMES: Record<CitationFormat, string> = { bibtex: 'BibTeX entry', markdown: 'Markdown link', apa: 'reference' };
