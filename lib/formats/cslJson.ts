/**
 * CSL-JSON writer: the citation data Pandoc (citeproc), Zotero and Mendeley read, an array of
 * items as the CSL data schema defines them
 * (https://github.com/citation-style-language/schema, schemas/input/csl-data.json, CSL 1.0.2).
 *
 * Each item's `id` is its BibTeX citation key (lib/formats/bibtex.ts), so `[@nori2023can]` cites
 * the same paper from either export. CSL has no "et al." mark: an author list the source cut
 * short ends with the author "others", as BibTeX's "and others" reaches CSL processors, so a
 * citation reads "Chen & others" instead of naming one author as the only one.
 */
import type { CslName, SavedItem } from '../types';
import { citationKeys } from './bibtex';
import { cleanVenue, paperKind, paperUrl, type PaperKind } from './paperKind';

/** The CSL item types as Zotero maps its own (a preprint is an "article", a code page a "webpage"). */
const CSL_TYPES: Record<PaperKind, string> = {
  journal: 'article-journal',
  conference: 'paper-conference',
  arxiv: 'article',
  preprint: 'article',
  other: 'webpage',
};

/** The last author of a list cut short. */
const OTHERS: CslName = { literal: 'others' };

/** One CSL-JSON item; only the variables Lantern knows are written. */
export interface CslItem {
  id: string;
  type: string;
  title: string;
  author?: CslName[];
  issued?: { 'date-parts': [[number] | [number, number]] };
  'container-title'?: string;
  publisher?: string;
  /** arXiv's identifier, as Zotero writes a preprint's archive id: "arXiv:2311.16452". */
  number?: string;
  DOI?: string;
  PMID?: string;
  PMCID?: string;
  URL?: string;
  /** The reader's tags, comma-separated. */
  keyword?: string;
  /** The reader's note. */
  note?: string;
}

function cslItem(item: SavedItem, id: string): CslItem {
  const { paper } = item;
  const kind = paperKind(paper);
  const venue = cleanVenue(paper.venue);
  const url = paperUrl(paper);
  return {
    id,
    type: CSL_TYPES[kind],
    title: paper.title,
    ...(paper.authorList.names.length > 0 && { author: [...paper.authorList.names, ...(paper.authorList.etAl ? [OTHERS] : [])] }),
    ...(paper.year !== undefined && { issued: { 'date-parts': [paper.month === undefined ? [paper.year] : [paper.year, paper.month]] } }),
    ...((kind === 'journal' || kind === 'conference') && venue !== '' && { 'container-title': venue }),
    ...(kind === 'arxiv' && { publisher: 'arXiv' }),
    ...(kind === 'preprint' && venue !== '' && { publisher: venue }),
    ...(paper.ids.arxiv && { number: `arXiv:${paper.ids.arxiv}` }),
    ...(paper.ids.doi && { DOI: paper.ids.doi }),
    ...(paper.ids.pmid && { PMID: paper.ids.pmid }),
    ...(paper.ids.pmcid && { PMCID: paper.ids.pmcid }),
    ...(url && { URL: url }),
    ...(item.tags.length > 0 && { keyword: item.tags.join(', ') }),
    ...(item.note !== '' && { note: item.note }),
  };
}

/** The items as a CSL-JSON file (a pretty-printed array), one item per saved paper, in the order given. */
export function toCSLJSON(items: readonly SavedItem[]): string {
  const keys = citationKeys(items);
  return `${JSON.stringify(
    items.map((item) => cslItem(item, keys.get(item.id)!)),
    null,
    2,
  )}\n`;
}
