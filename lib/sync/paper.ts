/**
 * A saved paper in the few bytes sync can spare for it: title, the first authors, venue, date,
 * address and identifiers, enough to show it on a device whose lists do not hold it. A device
 * whose lists hold it takes the list's full record instead (./dexieStore.ts). What comes back from
 * sync was written by another device, maybe another version of Lantern: it is read as untrusted.
 */
import { normalizeArxivId } from '../ids/arxiv';
import { normalizeDoi } from '../ids/doi';
import { isHttpUrl } from '../ids/url';
import { formatAuthors, nameFromSorted, sortedName } from '../names';
import { PAPER_YEARS } from '../formats/jsonBackup';
import { titleKey } from '../title';
import type { CslName, SavedPaper } from '../types';

/** Authors kept in sync; more are written as "et al.". */
export const SYNCED_NAMES = 3;
const MAX_TEXT = 2000;

export interface PackedPaper {
  /** Title. */
  t: string;
  /** The first SYNCED_NAMES authors, each as `sortedName` writes it ("Nori, Harsha"). */
  n?: string[];
  /** 1 when there are more authors than `n`. */
  e?: 1;
  v?: string;
  y?: number;
  m?: number;
  /** The paper's address (http or https). */
  u?: string;
  d?: string;
  x?: string;
  pm?: string;
  pc?: string;
}

/** The synced form of a saved paper. */
export function packPaper(paper: SavedPaper): PackedPaper {
  const names = paper.authorList.names;
  const packed: PackedPaper = { t: paper.title };
  if (names.length > 0) packed.n = names.slice(0, SYNCED_NAMES).map(sortedName);
  if (paper.authorList.etAl || names.length > SYNCED_NAMES) packed.e = 1;
  if (paper.venue) packed.v = paper.venue;
  if (paper.year !== undefined) packed.y = paper.year;
  if (paper.month !== undefined) packed.m = paper.month;
  const url = paper.url ?? paper.links[0]?.url;
  if (url && isHttpUrl(url)) packed.u = url;
  if (paper.ids.doi) packed.d = paper.ids.doi;
  if (paper.ids.arxiv) packed.x = paper.ids.arxiv;
  if (paper.ids.pmid) packed.pm = paper.ids.pmid;
  if (paper.ids.pmcid) packed.pc = paper.ids.pmcid;
  return packed;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' && value.length <= MAX_TEXT ? value.trim() : undefined;

const integer = (value: unknown, min: number, max: number): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : undefined;

/** A saved paper from its synced form, every field checked; undefined when there is no title. */
export function unpackPaper(id: string, value: unknown): SavedPaper | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const packed = value as Record<string, unknown>;
  const title = text(packed.t);
  if (!title) return undefined;
  const names: CslName[] = [];
  if (Array.isArray(packed.n)) {
    for (const raw of packed.n.slice(0, SYNCED_NAMES)) {
      const name = typeof raw === 'string' && raw.length <= 300 ? nameFromSorted(raw) : undefined;
      if (name) names.push(name);
    }
  }
  const authorList = { names, etAl: packed.e === 1 };
  const url = text(packed.u);
  const safeUrl = url && isHttpUrl(url) ? url : undefined;
  const doi = text(packed.d) && normalizeDoi(packed.d as string);
  const arxiv = text(packed.x) && normalizeArxivId(packed.x as string);
  const pmid = typeof packed.pm === 'string' && /^\d{1,12}$/.test(packed.pm) ? packed.pm : undefined;
  const pmcid = typeof packed.pc === 'string' && /^PMC\d{1,12}$/.test(packed.pc) ? packed.pc : undefined;
  const year = integer(packed.y, PAPER_YEARS.min, PAPER_YEARS.max);
  const month = integer(packed.m, 1, 12);
  return {
    id,
    title,
    authors: formatAuthors(authorList),
    authorList,
    venue: text(packed.v) ?? '',
    ...(year !== undefined && { year }),
    ...(month !== undefined && { month }),
    categories: [],
    links: safeUrl ? [{ kind: 'paper', url: safeUrl, label: 'paper' }] : [],
    ids: { ...(arxiv && { arxiv }), ...(doi && { doi }), ...(pmcid && { pmcid }), ...(pmid && { pmid }), repos: [] },
    titleKey: titleKey(title),
    ...(safeUrl && { url: safeUrl }),
  };
}
