/**
 * A saved paper as an item of Zotero's connector format: the JSON the Zotero Connector posts to
 * the desktop app's `/connector/saveItems` (Zotero's item field names: itemType, title,
 * creators, date, DOI, url, publicationTitle, extra, tags, notes). arXiv ids are written as
 * Zotero's own arXiv.org translator writes them: `extra: "arXiv:<id>"` always; for a paper
 * known only as an arXiv preprint also itemType "preprint", repository "arXiv",
 * `number`/`archiveID` "arXiv:<id>" and arXiv's DOI 10.48550/arXiv.<id>.
 */
import { cleanVenue, paperKind, paperUrl } from '../formats/paperKind';
import { categoryLeaf } from '../categories';
import type { SavedItem, SavedPaper } from '../types';

export interface ZoteroCreator {
  creatorType: 'author';
  firstName?: string;
  lastName?: string;
  /** One-field name (an organisation, a mononym): Zotero's single-field mode. */
  name?: string;
}

export interface ZoteroNote {
  /** HTML, as Zotero stores notes. */
  note: string;
}

/** One item as the connector sends it. `id` is the connector's key for the item within a session. */
export interface ZoteroItem {
  id: string;
  itemType: 'journalArticle' | 'conferencePaper' | 'preprint' | 'webpage' | 'document';
  title: string;
  creators: ZoteroCreator[];
  date?: string;
  DOI?: string;
  url?: string;
  publicationTitle?: string;
  proceedingsTitle?: string;
  repository?: string;
  number?: string;
  archiveID?: string;
  abstractNote?: string;
  extra?: string;
  libraryCatalog?: string;
  tags: { tag: string }[];
  notes: ZoteroNote[];
  attachments: never[];
}

/** What is sent for one paper: the saved item's fields (a paper not saved has no tags or note). */
export type ZoteroSource = Pick<SavedItem, 'id' | 'paper'> & Partial<Pick<SavedItem, 'tags' | 'note'>>;

export interface ZoteroItemOptions {
  /** Also tag the item with the leaf of each of its list categories. */
  categoryTags?: boolean;
}

function creators(paper: SavedPaper): ZoteroCreator[] {
  // Zotero's two-field creator has no particle or suffix fields: particles go with the names they
  // belong to, a suffix after the first name and a comma, which Zotero's citeproc-js reads as the suffix.
  return paper.authorList.names.map((n) =>
    n.literal !== undefined || !n.family
      ? { creatorType: 'author', name: n.literal ?? n.given ?? '' }
      : {
          creatorType: 'author',
          firstName: [n.given, n['dropping-particle']].filter(Boolean).join(' ') + (n.suffix ? `, ${n.suffix}` : ''),
          lastName: [n['non-dropping-particle'], n.family].filter(Boolean).join(' '),
        },
  );
}

/** "2023-11", "2023", or undefined: Zotero parses ISO-like dates. */
function isoDate(paper: SavedPaper): string | undefined {
  if (paper.year === undefined) return undefined;
  return paper.month ? `${paper.year}-${String(paper.month).padStart(2, '0')}` : String(paper.year);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** The user's plain-text note as Zotero's HTML note: escaped, one paragraph per blank-line block, line breaks kept. */
export function noteHtml(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((block) => `<p>${block.replace(/[&<>"]/g, (c) => ESCAPES[c]!).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

function tagsOf(source: ZoteroSource, options: ZoteroItemOptions): { tag: string }[] {
  const tags = [...(source.tags ?? [])];
  if (options.categoryTags) for (const path of source.paper.categories) tags.push(categoryLeaf(path));
  const seen = new Set<string>();
  return tags
    .map((t) => t.trim())
    .filter((t) => t !== '' && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()))
    .map((tag) => ({ tag }));
}

/** The connector item for one paper. Only fields Lantern knows are set (the list has no abstracts). */
export function zoteroItem(source: ZoteroSource, options: ZoteroItemOptions = {}): ZoteroItem {
  const { paper } = source;
  const kind = paperKind(paper);
  const venue = cleanVenue(paper.venue);
  const arxiv = paper.ids.arxiv;
  const item: ZoteroItem = {
    id: source.id,
    itemType: 'document',
    title: paper.title,
    creators: creators(paper),
    tags: tagsOf(source, options),
    notes: source.note && source.note.trim() !== '' ? [{ note: noteHtml(source.note) }] : [],
    attachments: [],
  };
  switch (kind) {
    case 'journal':
      item.itemType = 'journalArticle';
      item.publicationTitle = venue;
      break;
    case 'conference':
      item.itemType = 'conferencePaper';
      item.proceedingsTitle = venue;
      break;
    case 'arxiv':
    case 'preprint':
      item.itemType = 'preprint';
      item.repository = kind === 'arxiv' ? 'arXiv' : venue;
      break;
    case 'other':
      item.itemType = arxiv ? 'preprint' : paperUrl(paper) ? 'webpage' : 'document';
      if (arxiv) item.repository = 'arXiv';
      break;
  }
  const date = isoDate(paper);
  if (date) item.date = date;
  if (paper.ids.doi) item.DOI = paper.ids.doi;
  if (arxiv) {
    item.extra = `arXiv:${arxiv}`;
    if (item.itemType === 'preprint' && item.repository === 'arXiv') {
      item.number = `arXiv:${arxiv}`;
      item.archiveID = `arXiv:${arxiv}`;
      item.DOI ??= `10.48550/arXiv.${arxiv}`;
      item.libraryCatalog = 'arXiv.org';
    }
  }
  const extraIds = [paper.ids.pmid && `PMID: ${paper.ids.pmid}`, paper.ids.pmcid && `PMCID: ${paper.ids.pmcid}`].filter(Boolean);
  if (extraIds.length > 0) item.extra = [item.extra, ...extraIds].filter(Boolean).join('\n');
  const url = paperUrl(paper);
  if (url) item.url = url;
  return item;
}
