/**
 * Lantern's JSON backup: the complete reading list, versioned so a later Lantern can read it
 * (and an older one can say plainly that it cannot).
 *
 * A backup file is untrusted input like any other: every item is checked field by field and
 * rebuilt from the known fields, links that are not http(s) and identifiers that are not valid
 * (a DOI, arXiv id, PMC id or PubMed id of the wrong form) are dropped and named, and an item that
 * cannot be read is skipped with a warning that names it.
 *
 * A backup written by an earlier Lantern may name a paper by an earlier title key ("title:straße"):
 * its ids and title keys are read as today's (lib/title.ts currentTitleId). Two items that become
 * one id both stay in what is read, and the import merges them as it merges any one paper.
 */
import { authorListFromData, namesFromByline } from '../names';
import type { EntryLink, LinkKind, PaperIds, ReadingStatus, SavedItem, SavedPaper } from '../types';
import { normalizeArxivId, normalizeDoi, normalizePmcid, normalizePmid, parseHttpUrl } from '../ids';
import { lineAndColumn, normalizeImportText, quotedValue, sizeProblem, type ImportResult } from './importResult';
import { isRecord } from '../isRecord';
import { READING_STATUSES, isReadingStatus } from '../readingStatus';
import { currentTitleId, titleKey } from '../title';

export const BACKUP_FORMAT = 'lantern-backup';
export const BACKUP_VERSION = 1;

export interface LanternBackup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** ISO 8601 time of the export. */
  exportedAt: string;
  /** The Lantern version that wrote the file, when known. */
  appVersion?: string;
  items: SavedItem[];
}

export interface BackupMeta {
  /** Epoch ms of the export. */
  exportedAt: number;
  appVersion?: string;
}

export function toJSONBackup(items: readonly SavedItem[], meta: BackupMeta): string {
  const backup: LanternBackup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(meta.exportedAt).toISOString(),
    ...(meta.appVersion === undefined ? {} : { appVersion: meta.appVersion }),
    items: [...items],
  };
  return JSON.stringify(backup, null, 1) + '\n';
}

const LINK_KINDS: readonly LinkKind[] = ['paper', 'code', 'blog', 'demo', 'data', 'other'];
const ID_FIELDS = ['arxiv', 'doi', 'pmcid', 'pmid'] as const;

/**
 * Thrown only inside this module, to stop reading one item; turned into a warning. Not an Error:
 * capturing a stack trace for each of thousands of bad items would cost more than reading them.
 */
class ItemProblem {
  constructor(readonly message: string) {}
}

type Json = Record<string, unknown>;

function text(object: Json, field: string, where: string): string {
  const value = object[field];
  if (typeof value !== 'string') throw new ItemProblem(`${where}${field} is ${describe(value)}, not text`);
  return value;
}

function timestamp(object: Json, field: string): number {
  const value = object[field];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ItemProblem(`${field} is ${describe(value)}, not a time`);
  }
  return value;
}

function texts(object: Json, field: string, where: string): string[] {
  const value = object[field];
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string')) {
    throw new ItemProblem(`${where}${field} is ${describe(value)}, not a list of text`);
  }
  return value as string[];
}

/** The years a saved paper may carry: what a backup reads back, and what sync carries (lib/sync/paper.ts). */
export const PAPER_YEARS = { min: 1000, max: 9999 } as const;

function optionalInteger(object: Json, field: string, min: number, max: number): number | undefined {
  const value = object[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ItemProblem(`paper.${field} is ${describe(value)}, not a whole number from ${min} to ${max}`);
  }
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return quotedValue(value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function readLinks(value: unknown, dropped: string[]): EntryLink[] {
  if (!Array.isArray(value)) throw new ItemProblem(`paper.links is ${describe(value)}, not a list`);
  const links: EntryLink[] = [];
  for (const link of value) {
    if (!isRecord(link) || typeof link.url !== 'string' || typeof link.label !== 'string' || !LINK_KINDS.includes(link.kind as LinkKind)) {
      throw new ItemProblem('paper.links holds something that is not a link');
    }
    if (parseHttpUrl(link.url)) links.push({ kind: link.kind as LinkKind, url: link.url, label: link.label });
    else dropped.push(link.url);
  }
  return links;
}

/** Each identifier in the form Lantern stores it, or undefined when the value is not one. */
const ID_NORMALIZERS: Record<(typeof ID_FIELDS)[number], (raw: string) => string | undefined> = {
  arxiv: normalizeArxivId,
  doi: normalizeDoi,
  pmcid: (raw) => normalizePmcid(raw.trim()),
  pmid: (raw) => normalizePmid(raw.trim()),
};
const ID_NAMES: Record<(typeof ID_FIELDS)[number], string> = { arxiv: 'arXiv id', doi: 'DOI', pmcid: 'PMC id', pmid: 'PubMed id' };

/** The paper's identifiers; one that is not valid is left out and named in `invalid`. */
function readIds(value: unknown, invalid: string[]): PaperIds {
  if (!isRecord(value)) throw new ItemProblem(`paper.ids is ${describe(value)}, not an object`);
  const ids: PaperIds = { repos: texts(value, 'repos', 'paper.ids.') };
  for (const field of ID_FIELDS) {
    const id = value[field];
    if (id === undefined) continue;
    if (typeof id !== 'string') throw new ItemProblem(`paper.ids.${field} is ${describe(id)}, not text`);
    const normalized = ID_NORMALIZERS[field](id);
    if (normalized === undefined) invalid.push(`${ID_NAMES[field]} ${describe(id)}`);
    else ids[field] = normalized;
  }
  return ids;
}

function readPaper(value: unknown, dropped: string[], invalid: string[]): SavedPaper {
  if (!isRecord(value)) throw new ItemProblem(`paper is ${describe(value)}, not an object`);
  const title = text(value, 'title', 'paper.');
  if (title.trim() === '') throw new ItemProblem('paper.title is empty');
  const authors = text(value, 'authors', 'paper.');
  // Backups written before authors were kept structured have the byline only.
  const authorList = value.authorList === undefined ? namesFromByline(authors) : authorListFromData(value.authorList);
  if (!authorList) throw new ItemProblem('paper.authorList is not a list of names');
  const paper: SavedPaper = {
    id: currentTitleId(text(value, 'id', 'paper.')),
    title,
    authors,
    authorList,
    venue: text(value, 'venue', 'paper.'),
    categories: texts(value, 'categories', 'paper.'),
    links: readLinks(value.links, dropped),
    ids: readIds(value.ids, invalid),
    titleKey: titleKey(text(value, 'titleKey', 'paper.')),
  };
  const year = optionalInteger(value, 'year', PAPER_YEARS.min, PAPER_YEARS.max);
  if (year !== undefined) paper.year = year;
  const month = optionalInteger(value, 'month', 1, 12);
  if (month !== undefined) paper.month = month;
  if (value.url !== undefined) {
    const url = text(value, 'url', 'paper.');
    if (parseHttpUrl(url)) paper.url = url;
    else dropped.push(url);
  }
  return paper;
}

/** One backup item, checked and rebuilt from its known fields. */
function readItem(value: unknown, dropped: string[], invalid: string[]): SavedItem {
  if (!isRecord(value)) throw new ItemProblem(`it is ${describe(value)}, not an object`);
  const id = text(value, 'id', '');
  if (id.trim() === '') throw new ItemProblem('its id is empty');
  const status = value.status;
  if (!isReadingStatus(status)) {
    throw new ItemProblem(`status is ${describe(status)}, not one of ${READING_STATUSES.join(', ')}`);
  }
  if (typeof value.starred !== 'boolean') throw new ItemProblem(`starred is ${describe(value.starred)}, not true or false`);
  return {
    id: currentTitleId(id),
    paper: readPaper(value.paper, dropped, invalid),
    status: status as ReadingStatus,
    statusChangedAt: timestamp(value, 'statusChangedAt'),
    tags: texts(value, 'tags', ''),
    note: text(value, 'note', ''),
    starred: value.starred,
    addedAt: timestamp(value, 'addedAt'),
    updatedAt: timestamp(value, 'updatedAt'),
  };
}

function itemName(value: unknown, index: number): string {
  const id = isRecord(value) && typeof value.id === 'string' ? ` ("${value.id}")` : '';
  return `Item ${index + 1}${id}`;
}

/** The offset in `text` of 1-based `line` and `column`, as Firefox's JSON.parse names a place. */
function offsetOf(text: string, line: number, column: number): number {
  let lineStart = 0;
  for (let current = 1; current < line; current += 1) {
    const end = text.indexOf('\n', lineStart);
    if (end === -1) break;
    lineStart = end + 1;
  }
  return lineStart + column - 1;
}

/**
 * One plain-words reason for a JSON.parse error, prefixed "Line L, column C: " when the engine
 * names the place: V8 (Chromium) says "… in JSON at position N", SpiderMonkey (Firefox) says
 * "JSON.parse: … at line L column C of the JSON data"; both read the same once reworded.
 */
function jsonSyntaxError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  const firefoxPlace = /at line (\d+) column (\d+) of the JSON data/.exec(message);
  const offset = position ? Number(position[1]) : firefoxPlace ? offsetOf(text, Number(firefoxPlace[1]), Number(firefoxPlace[2])) : undefined;
  // A file cut short fails at its very end (inside a string or between values).
  if (/unexpected end/i.test(message) || (offset !== undefined && offset >= text.trimEnd().length - 1)) {
    return 'The file ends in the middle of the backup: it looks truncated. Nothing was imported.';
  }
  const where = offset === undefined ? undefined : lineAndColumn(text, offset);
  const place = where ? `Line ${where.line}, column ${where.column}: ` : '';
  // V8 names the position (older) or quotes the file around it (newer: `…, "{"a": b" is not valid JSON`).
  // SpiderMonkey starts with "JSON.parse: " and a lower-case letter, V8 with a capital.
  const problem = message
    .replace(/\s*in JSON at position \d+.*$/s, '')
    .replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '')
    .replace(/^JSON\.parse: (.*?)(?: at line \d+ column \d+ of the JSON data)?$/s, (_, rest: string) => rest.charAt(0).toUpperCase() + rest.slice(1));
  return `${place}the file is not valid JSON (${problem}). Nothing was imported.`;
}

/** Reads a Lantern JSON backup. Never throws: a file that cannot be used gets one plain-words reason. */
export function parseJSONBackup(raw: string): ImportResult {
  const text = normalizeImportText(raw);
  const tooLarge = sizeProblem(text.length);
  if (tooLarge) return { ok: false, error: tooLarge };
  if (text.trim() === '') return { ok: false, error: 'The file is empty.' };
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, error: jsonSyntaxError(text, error) };
  }
  if (!isRecord(data) || data.format !== BACKUP_FORMAT) {
    const holds = Array.isArray(data) ? 'a list' : isRecord(data) ? 'data from another program' : 'a single value';
    return {
      ok: false,
      error: `This JSON file is not a Lantern backup (it holds ${holds}). Lantern imports the backups it exports (Lantern settings › Data › Export backup) and BibTeX (.bib) files.`,
    };
  }
  if (data.version !== BACKUP_VERSION) {
    const newer = typeof data.version === 'number' && data.version > BACKUP_VERSION;
    return {
      ok: false,
      error: newer
        ? `This backup is version ${data.version}, written by a newer Lantern; this Lantern reads version ${BACKUP_VERSION}. Update Lantern and import it again.`
        : `This backup's version (${describe(data.version)}) is not one Lantern knows; it reads version ${BACKUP_VERSION}.`,
    };
  }
  if (!Array.isArray(data.items)) return { ok: false, error: `The backup's "items" is ${describe(data.items)}, not a list of saved papers.` };

  const warnings: string[] = [];
  const byId = new Map<string, SavedItem>();
  let firstProblem: string | undefined;
  data.items.forEach((value, index) => {
    const dropped: string[] = [];
    const invalid: string[] = [];
    let item: SavedItem;
    try {
      item = readItem(value, dropped, invalid);
    } catch (error) {
      if (!(error instanceof ItemProblem)) throw error;
      const problem = `${itemName(value, index)} was skipped: ${error.message}.`;
      firstProblem ??= problem;
      warnings.push(problem);
      return;
    }
    if (dropped.length > 0) warnings.push(`${itemName(value, index)}: dropped ${dropped.length} link(s) that are not http(s).`);
    if (invalid.length > 0) warnings.push(`${itemName(value, index)}: dropped ${invalid.join(' and ')}, not valid.`);
    // By the id in the file: items that only an earlier title key told apart are all kept.
    const fileId = (value as { id: string }).id;
    const earlier = byId.get(fileId);
    if (earlier) warnings.push(`${itemName(value, index)} repeats an earlier item; the more recently updated one is kept.`);
    if (!earlier || item.updatedAt > earlier.updatedAt) byId.set(fileId, item);
  });
  if (byId.size === 0 && data.items.length > 0) {
    return { ok: false, error: `None of the backup's ${data.items.length} items could be read. ${firstProblem ?? ''}`.trim() };
  }
  return { ok: true, items: [...byId.values()], warnings };
}
