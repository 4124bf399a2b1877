/**
 * BibTeX import (Zotero, Better BibTeX, Paperpile, JabRef, Google Scholar exports) through
 * @retorquere/bibtex-parser, the parser Zotero's Better BibTeX is built on: it resolves
 * @string macros, month names, crossrefs and LaTeX accents and commands to Unicode.
 *
 * The parser is about 580 kB minified (117 kB gzipped), so this module is loaded on demand:
 * importFile (./importFile.ts) imports it dynamically when a .bib file is imported; nothing
 * else should import it statically.
 *
 * A file with any entry that cannot be read is refused whole, naming every such entry and its
 * line: a partial import of a broken file would leave the user guessing what was missed.
 *
 * The file is first read by a linear scanner (./bibtexScan.ts) that finds the syntax errors and
 * keeps only the fields Lantern reads, each within a bound; the parser then converts the entries
 * in batches, so its cost stays proportional to the file however the file is made.
 */
import { parse, type Creator, type Entry } from '@retorquere/bibtex-parser';
import { arxivIdFromWritten, doiFromWritten, fittingPaperId, idsFromUrls, normalizePmcid, normalizePmid, paperId, parseHttpUrl } from '../ids';
import { identifiersDiffer } from '../match';
import { runAtOnce, runInSlices, type Sliced } from '../slices';
import { joinNotes, NOTE_SEPARATOR } from '../notes';
import { titleKey } from '../title';
import { flatText } from '../page/text';
import type { EntryLink, PaperIds, SavedItem, SavedPaper } from '../types';
import { formatAuthors, normalizeName, type AuthorList, type CslName } from '../names';
import { normalizeImportText, quotedValue, sizeProblem, type ImportResult } from './importResult';
import { PAPER_YEARS } from './jsonBackup';
import { boundedEntry, entryName, scanBibTeX, type BibTeXSyntaxError, type ScannedEntry } from './bibtexScan';

export interface BibTeXImportOptions {
  /** Epoch ms stamped as the items' addedAt (default: now). */
  now?: number;
}

/** The parser renders rich text as HTML and some accents as combining marks; Lantern keeps plain NFC text. */
// "[^<>]*", not "[^>]*": a tag left open must not make every later "<" rescan the rest of the text.
const PARSER_MARKUP = /<\/?(?:i|b|sc|nc|ncx|code|sup|sub|span|a)\b[^<>]*>/g;
const PARSER_BREAKS = /<\/?(?:blockquote|ul|li|br|p)\b[^<>]*>/g;

/**
 * The file's own "<" and ">" in the fields the parser renders as HTML ("\textless{}", "$<$", or
 * written bare, which the parser would turn into "¡"), held as private-use characters while the
 * parser's markup is taken out, so that a note "if x<a and y>b" is not read as a tag.
 */
const LESS = '\uE000';
const GREATER = '\uE001';
const RICH_TEXT_FIELDS = new Set(['title', 'author', 'editor', 'journal', 'journaltitle', 'booktitle', 'howpublished', 'publisher', 'note', 'annote']);
const heldAngles = (value: string): string =>
  value.replace(/\\textless(?:\{\}|\b\s*)|\$<\$|</g, LESS).replace(/\\textgreater(?:\{\}|\b\s*)|\$>\$|>/g, GREATER);

/** Text as Lantern keeps it (flatText), the file's own angle brackets back. */
function plainText(value: string): string {
  return flatText(value).replaceAll(LESS, '<').replaceAll(GREATER, '>');
}

/** A rich-text field as plain text: the parser's markup out. */
function plain(value: string | undefined): string {
  return plainText((value ?? '').replace(PARSER_MARKUP, '').replace(PARSER_BREAKS, ' '));
}

/**
 * Fields whose LaTeX Lantern reads; every other field (abstract, file, …) is taken verbatim,
 * which skips the parser's costly LaTeX pass for text Lantern never shows.
 */
const VERBATIM_UNLESS_READ = /^(?!(?:title|author|editor|journal|journaltitle|booktitle|howpublished|publisher|note|annote)$)/;

/** The parser keeps commands it does not know ("\mycmd{x}") as written instead of failing the file. */
const keepUnknownCommand = (_node: unknown, tex: string): string => tex;

// ——— errors ———

const NOTHING_IMPORTED = 'Nothing was imported; fix the file and try again.';

function syntaxProblem(error: BibTeXSyntaxError): string {
  const entry = error.key ? ` in entry '${error.key}'` : '';
  return `Line ${error.line}: ${error.problem}${entry}${error.detail ? ` (${error.detail})` : ''}`;
}

/**
 * The refusal for a file with entries that cannot be read: one entry is named in the message;
 * several are counted there, with their lines, and each is named in `problems`.
 */
function unreadable(problems: readonly string[], lines: readonly number[]): ImportResult {
  if (problems.length === 1) return { ok: false, error: `${problems[0]}. ${NOTHING_IMPORTED}` };
  const shown = lines.slice(0, 10).join(', ');
  const more = lines.length > 10 ? ` and ${lines.length - 10} more` : '';
  return { ok: false, error: `${problems.length} entries could not be read (lines ${shown}${more}). ${NOTHING_IMPORTED}`, problems: [...problems] };
}

// ——— entries → saved items ———

const ARXIV_IN_TEXT = /\barxiv:\s*((?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?)/i;
/** Zotero writes an arXiv preprint's identifier as its note ("arXiv:2311.16452 [cs]"): that is not the user's note. */
const ZOTERO_ARXIV_NOTE = /^arxiv:\s*\S+(?:\s*\[[\w.-]+\])?$/i;

function field(entry: Entry, name: string): string | undefined {
  const value = (entry.fields as Record<string, unknown>)[name];
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (Array.isArray(value) && value.every((part) => typeof part === 'string')) {
    return value.length === 0 ? undefined : value.join(', ');
  }
  return undefined;
}

/** A parsed creator as a CSL name: a braced name ("{World Health Organization}") is a literal; "von" is the non-dropping particle. */
function cslName(creator: Creator): CslName | undefined {
  if (creator.name) return normalizeName({ literal: plain(creator.name) });
  return normalizeName({
    family: plain(creator.lastName),
    given: plain(creator.firstName),
    suffix: plain(creator.suffix),
    'non-dropping-particle': plain(creator.prefix),
  });
}

const isOthers = (creator: Creator): boolean => creator.lastName === 'others' && !creator.firstName && !creator.prefix;

function authorsOf(entry: Entry): AuthorList {
  const creators = entry.fields.author ?? entry.fields.editor ?? [];
  const names = creators
    .filter((creator) => !isOthers(creator))
    .map(cslName)
    .filter((name): name is CslName => name !== undefined);
  return { names, etAl: creators.some(isOthers) };
}

/** A DOI as exporters escape it for TeX ("10.1016/j.x\_01", "\textunderscore"): the DOI itself. */
const unescapedDoi = (written: string): string => written.replace(/\\(?:textunderscore\b\s*|([_%&#]))/g, (_, escaped?: string) => escaped ?? '_');

/**
 * The paper's identifiers from every field that may hold one, each read with the one
 * normalization per kind (lib/ids/written.ts): `eprint` ("2311.16452v2", "arXiv:2311.16452",
 * an arXiv URL), `arxivid`, `doi` (bare, "doi:", a doi.org URL, arXiv's 10.48550 DOI), `url`
 * (any recognized URL, or an "arXiv:" id written there), and "arXiv:<id>" inside `note`,
 * `journal` ("arXiv preprint arXiv:…", Google Scholar), `howpublished` or `volume`. One written
 * but not valid is left out and named in `invalid` ('DOI "x"').
 */
function identifiers(entry: Entry, url: string | undefined, invalid: string[]): PaperIds {
  const ids: PaperIds = idsFromUrls(url ? [url] : []);
  const eprint = field(entry, 'eprint');
  const eprintType = (field(entry, 'archiveprefix') ?? field(entry, 'eprinttype') ?? '').toLowerCase();
  const writtenDoi = field(entry, 'doi');
  const doi = writtenDoi && unescapedDoi(writtenDoi);
  const rawUrl = field(entry, 'url');
  const textWithArxiv = ['journal', 'journaltitle', 'note', 'howpublished', 'volume', 'annote'].map((name) => field(entry, name) ?? '').join(' ');
  const arxiv =
    (eprint && (eprintType === 'arxiv' || eprintType === '') ? arxivIdFromWritten(eprint) : undefined) ??
    (field(entry, 'arxivid') ? arxivIdFromWritten(field(entry, 'arxivid')!) : undefined) ??
    (doi ? arxivIdFromWritten(doi) : undefined) ??
    ids.arxiv ??
    (rawUrl ? arxivIdFromWritten(rawUrl) : undefined) ??
    arxivIdFromWritten(ARXIV_IN_TEXT.exec(textWithArxiv)?.[1] ?? '');
  if (arxiv) ids.arxiv = arxiv;
  else if (eprint && eprintType === 'arxiv') invalid.push(`arXiv id ${quotedValue(eprint)}`);
  const normalizedDoi = doi ? doiFromWritten(doi) : undefined;
  if (normalizedDoi) ids.doi = normalizedDoi;
  else if (doi && !(arxiv && arxivIdFromWritten(doi))) invalid.push(`DOI ${quotedValue(doi)}`);
  const writtenPmid = field(entry, 'pmid') ?? (eprintType === 'pubmed' ? eprint : undefined);
  const pmid = normalizePmid(writtenPmid ?? '');
  if (pmid) ids.pmid = pmid;
  else if (writtenPmid) invalid.push(`PubMed id ${quotedValue(writtenPmid)}`);
  const writtenPmcid = field(entry, 'pmcid');
  const pmcid = normalizePmcid(writtenPmcid ?? '');
  if (pmcid) ids.pmcid = pmcid;
  else if (writtenPmcid) invalid.push(`PMC id ${quotedValue(writtenPmcid)}`);
  return ids;
}

function venueOf(entry: Entry, ids: PaperIds): string {
  const named = ['journal', 'journaltitle', 'booktitle', 'howpublished'].map((name) => plain(field(entry, name))).find(Boolean);
  if (named) return /^arxiv preprint\b/i.test(named) ? 'arXiv' : named;
  const publisher = plain(field(entry, 'publisher'));
  if (/^arxiv$/i.test(publisher) || (ids.arxiv && !publisher)) return 'arXiv';
  return publisher;
}

function dateOf(entry: Entry, invalid: string[]): { year?: number; month?: number } {
  const date = /^(\d{4})(?:-(\d{1,2}))?/.exec(field(entry, 'date') ?? '');
  const written = /^\d{4}$/.exec(field(entry, 'year') ?? '')?.[0] ?? date?.[1];
  const year = Number(written ?? NaN);
  // "0999" would make a backup that does not read back.
  const inRange = year >= PAPER_YEARS.min && year <= PAPER_YEARS.max;
  if (written !== undefined && !inRange) invalid.push(`year ${quotedValue(written)}`);
  const month = Number(field(entry, 'month') ?? date?.[2] ?? NaN);
  return {
    ...(inRange ? { year } : {}),
    ...(Number.isInteger(month) && month >= 1 && month <= 12 ? { month } : {}),
  };
}

const VERBATIM_ESCAPES: Record<string, string> = {
  textbackslash: '\\', textbraceleft: '{', textbraceright: '}', textasciitilde: '~', textasciicircum: '^',
  textless: '<', textgreater: '>', textbar: '|',
};

/**
 * The parser keeps keywords verbatim, as JabRef and Zotero expect, but exporters (Lantern's
 * among them) write them LaTeX-escaped: "eval \& bench" is the tag "eval & bench".
 */
export function unescapeLatexText(text: string): string {
  return text.replace(
    /\\([a-z]+)\{\}|\\([&%$#_{}])|([-`'])\{\}(?=\3)/g,
    (whole, command: string | undefined, escaped: string | undefined, ligature: string | undefined) =>
      command ? (VERBATIM_ESCAPES[command] ?? whole) : (escaped ?? ligature ?? whole),
  );
}

function tagsOf(entry: Entry): string[] {
  const keywords = entry.fields.keywords ?? [];
  // Keywords are verbatim: no markup to take out.
  return [...new Set(keywords.map((keyword) => plainText(unescapeLatexText(keyword))).filter(Boolean))];
}

function noteOf(entry: Entry): string {
  const note = plain(field(entry, 'annote') ?? field(entry, 'note'));
  return ZOTERO_ARXIV_NOTE.test(note) ? '' : note;
}

/** The saved item of an entry (undefined without a title); identifiers that are not valid are named in `invalid`. */
function savedItem(entry: Entry, now: number, invalid: string[]): SavedItem | undefined {
  const title = plain(field(entry, 'title'));
  const key = titleKey(title);
  if (key === '') return undefined;
  const rawUrl = field(entry, 'url');
  const url = rawUrl && parseHttpUrl(rawUrl) ? rawUrl : undefined;
  const ids = identifiers(entry, url, invalid);
  const links: EntryLink[] = url ? [{ kind: 'paper', url, label: 'paper' }] : [];
  const authorList = authorsOf(entry);
  const paper: SavedPaper = {
    id: paperId(ids, `title:${key}`),
    title,
    authors: formatAuthors(authorList),
    authorList,
    venue: venueOf(entry, ids),
    ...dateOf(entry, invalid),
    categories: [],
    links,
    ids,
    titleKey: key,
    ...(url ? { url } : {}),
  };
  // A BibTeX file knows no reading state: dates 0 let the reading list's own state win a merge.
  return { id: paper.id, paper, status: 'to-read', statusChangedAt: 0, tags: tagsOf(entry), note: noteOf(entry), starred: false, addedAt: now, updatedAt: 0 };
}

const PARSER_OPTIONS = { english: false, unsupported: keepUnknownCommand, verbatimFields: [VERBATIM_UNLESS_READ] };

/**
 * Entries given to the parser at once. The parser inserts each entry at the front of an array
 * (cost grows with the square of a batch) and resolves crossrefs only within one call.
 */
const ENTRIES_PER_BATCH = 500;

/** Refusals that need no parsing: too large, or not BibTeX at all. */
function refuseBeforeParsing(text: string): ImportResult | undefined {
  const tooLarge = sizeProblem(text.length);
  if (tooLarge) return { ok: false, error: tooLarge };
  if (/^\s*[[{]/.test(text) && !/@\s*\w+\s*[{(]/.test(text)) {
    return { ok: false, error: 'This looks like a JSON file, not BibTeX. To restore a Lantern backup, use the JSON backup import.' };
  }
  return undefined;
}

function parserFailure(error: unknown): ImportResult {
  return { ok: false, error: `The file could not be read as BibTeX (${error instanceof Error ? error.message : String(error)}). Nothing was imported.` };
}

/**
 * The import as steps: each `yield` is a point between parser batches where the page may
 * breathe. Returns the items, or the first problem.
 */
function* importSteps(raw: string, now: number): Sliced<ImportResult> {
  const text = normalizeImportText(raw);
  const refused = refuseBeforeParsing(text);
  if (refused) return refused;
  const scan = scanBibTeX(text);
  if (scan.errors.length > 0) return unreadable(scan.errors.map(syntaxProblem), scan.errors.map((error) => error.line));
  if (scan.entries.length === 0) {
    return { ok: false, error: 'No BibTeX entries were found in this file (entries look like "@article{key, title = {…}, …}").' };
  }
  const warnings: string[] = [];
  const items = new Map<string, SavedItem>();
  const origins = new Map<string, ScannedEntry>();
  let batch: string[] = [];
  /** Entries the parser could not read, with their lines: all reported, then nothing imported. */
  const failures: string[] = [];
  const failureLines: number[] = [];

  const convert = (): ImportResult | undefined => {
    let library: Library;
    try {
      library = parse(batch.join('\n'), PARSER_OPTIONS);
    } catch (error) {
      return parserFailure(error);
    }
    batch = [];
    for (const failure of library.errors) {
      if (/^unhandled /.test(failure.error)) continue;
      const origin = failure.input === undefined ? undefined : origins.get(failure.input.trim());
      failures.push(`${origin ? `${entryName(origin)}: ` : ''}${failure.error.split('\n')[0]}`);
      if (origin) failureLines.push(origin.line);
    }
    for (const entry of library.entries) {
      const origin = origins.get(entry.input.trim());
      const name = origin ? entryName(origin) : `Entry '${entry.key}'`;
      const invalid: string[] = [];
      const item = savedItem(entry, now, invalid);
      if (!item) {
        warnings.push(`${name} has no title and was skipped.`);
        continue;
      }
      if (invalid.length > 0) warnings.push(`${name}: dropped ${invalid.join(' and ')}, not valid.`);
      // Two entries of one title are one paper unless their identifiers differ ("Correction").
      const id = fittingPaperId(item.id, item.paper, (candidate) => {
        const other = items.get(candidate);
        return !other || !identifiersDiffer(other.paper.ids, item.paper.ids);
      });
      const earlier = items.get(id);
      if (earlier) {
        earlier.tags = [...new Set([...earlier.tags, ...item.tags])];
        earlier.note = joinNotes(earlier.note, item.note, NOTE_SEPARATOR);
        warnings.push(`${name} is the same paper as an earlier entry; they were imported as one.`);
        continue;
      }
      items.set(id, id === item.id ? item : { ...item, id, paper: { ...item.paper, id } });
    }
    origins.clear();
    return undefined;
  };

  for (const entry of scan.entries) {
    if (!entry.fields.some(([name]) => name === 'title')) {
      warnings.push(`${entryName(entry)} has no title and was skipped.`);
      continue;
    }
    const bounded = boundedEntry({ ...entry, fields: entry.fields.map(([name, value]) => [name, RICH_TEXT_FIELDS.has(name) ? heldAngles(value) : value]) });
    warnings.push(...bounded.warnings);
    origins.set(bounded.text, entry);
    batch.push(bounded.text);
    if (batch.length === ENTRIES_PER_BATCH) {
      const failed = convert();
      if (failed) return failed;
      yield;
    }
  }
  if (batch.length > 0) {
    const failed = convert();
    if (failed) return failed;
  }
  if (failures.length > 0) return unreadable(failures, failureLines);
  if (items.size === 0) {
    return { ok: false, error: `None of the file's ${scan.entries.length} entries has a title, so nothing was imported.` };
  }
  return { ok: true, items: [...items.values()], warnings };
}

type Library = ReturnType<typeof parse>;

/** Reads a BibTeX file into reading-list items. Never throws. */
export function parseBibTeX(text: string, options: BibTeXImportOptions = {}): ImportResult {
  return runAtOnce(importSteps(text, options.now ?? Date.now()));
}

/**
 * The same in slices that hand the page back between batches of entries (lib/slices.ts): a large
 * library takes seconds to convert. For long imports a Web Worker would keep the page fully responsive.
 */
export function parseBibTeXAsync(text: string, options: BibTeXImportOptions = {}): Promise<ImportResult> {
  return runInSlices(importSteps(text, options.now ?? Date.now()));
}
