/**
 * BibTeX writer for the reading list: valid and escaped for LaTeX, with stable unique keys.
 *
 * Non-ASCII text is written as UTF-8, not converted to LaTeX accent macros: biber and LaTeX's
 * default UTF-8 input (since 2018) read it as is, Zotero, Paperpile and JabRef import it, and no
 * conversion exists for scripts without macros (a Chinese author name). Citation keys alone are
 * folded to ASCII letters and digits, because every BibTeX tool accepts those.
 *
 * Braces and backslashes in text are written as \textbraceleft{}, \textbraceright{} and
 * \textbackslash{}, never as \{ or \}: BibTeX counts braces without regard to backslashes, so
 * "\{" alone would leave the field unbalanced.
 */
import type { SavedItem, SavedPaper } from '../types';
import { foldText } from '../fold';
import { titleWords } from '../title';
import { surnameOf, type CslName } from '../names';
import { arxivArchive, cleanVenue, paperKind, paperUrl } from './paperKind';

const LATEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  // In LaTeX's default OT1 font encoding these characters print as ¡, ¿ and —.
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
};
const LATEX_SPECIAL_CHARS = /[\\{}&%$#_~^<>|]/g;
/** "--", "``" and "''" are TeX ligatures (en dash, curly quotes); an empty group keeps the characters as typed. */
const LIGATURE_PAIRS = /([-`'])(?=\1)/g;
/** Control characters have no meaning in a .bib file; all whitespace runs (including newlines) become one space. */
const CONTROL_CHARS = /[\u0000-\u0008\u000e-\u001f\u007f]/g;

/** Text as a LaTeX-safe BibTeX field value (without the surrounding braces). */
export function escapeLatex(text: string): string {
  return text
    .replace(CONTROL_CHARS, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(LATEX_SPECIAL_CHARS, (char) => LATEX_SPECIALS[char]!)
    .replace(LIGATURE_PAIRS, '$1{}');
}

/**
 * A title with its acronyms and brand names case-protected ("GPT-4", "LLMs", "MEDITRON-70B"):
 * words with a capital after their first letter are braced so styles that lower-case titles
 * keep them, while ordinary capitalised words stay free to be sentence-cased.
 */
function protectedTitle(title: string): string {
  return escapeLatex(title)
    .split(' ')
    .map((word) => (/^[^\\].*\p{Lu}/u.test(word) && !word.startsWith('{') ? `{${word}}` : word))
    .join(' ');
}

/** URLs and DOIs are verbatim fields: only characters that would break the braces or the line are percent-encoded. */
function verbatim(text: string): string {
  return text.trim().replace(/[{}\\\s]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Words skipped when picking the title word of a citation key ("Can Generalist…" → "generalist"). */
const KEY_STOPWORDS = new Set(
  ('a an the and or but nor of on in at to for from by with without via into onto over under about as is are was were be ' +
    'can could do does did how what why when where which who whose towards toward through between versus vs not its it ' +
    'we our your their this that these those').split(' '),
);
function asciiKeyPart(text: string): string {
  return foldText(text).replace(/[^a-z0-9]/g, '');
}

/** "nori2023generalist": first author's surname, year, first significant title word. */
export function baseCitationKey(paper: SavedPaper): string {
  const surname = asciiKeyPart(surnameOf(paper.authorList.names[0])) || 'anon';
  let word = '';
  for (const candidate of titleWords(paper.title)) {
    const ascii = asciiKeyPart(candidate);
    if (ascii !== '' && !KEY_STOPWORDS.has(ascii)) {
      word = ascii;
      break;
    }
  }
  return `${surname}${paper.year ?? ''}${word}`;
}

/** "", "a", …, "z", "aa", "ab", … */
function keySuffix(index: number): string {
  let suffix = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) {
    suffix = String.fromCharCode(97 + ((n - 1) % 26)) + suffix;
  }
  return suffix;
}

/**
 * A unique citation key per item (by item id). Items sharing a base key are ordered by their
 * id, so the same items get the same keys whatever order they are exported in: the first keeps
 * the base key, the next get "a", "b", … (skipping any key another paper already has).
 */
export function citationKeys(items: readonly SavedItem[]): Map<string, string> {
  const groups = new Map<string, Set<string>>();
  for (const item of items) {
    const base = baseCitationKey(item.paper);
    const group = groups.get(base) ?? new Set<string>();
    group.add(item.id);
    groups.set(base, group);
  }
  const used = new Set(groups.keys());
  const keys = new Map<string, string>();
  for (const base of [...groups.keys()].sort()) {
    const ids = [...groups.get(base)!].sort();
    keys.set(ids[0]!, base);
    let index = 0;
    for (const id of ids.slice(1)) {
      let key: string;
      do key = base + keySuffix(++index);
      while (used.has(key));
      used.add(key);
      keys.set(id, key);
    }
  }
  return keys;
}

const MONTH_MACROS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A name part that BibTeX would otherwise split: it holds a comma or the word "and". */
function namePart(text: string): string {
  const escaped = escapeLatex(text);
  return /,|\band\b/i.test(escaped) ? `{${escaped}}` : escaped;
}

/**
 * "von Last, Jr, First" (BibTeX's full form): the non-dropping particle is BibTeX's "von" part,
 * the dropping particle ends the first part ("Beethoven, Ludwig van"), a literal is braced whole
 * so it is never split ("{World Health Organization}").
 */
function bibtexName(name: CslName): string {
  if (name.literal !== undefined) return `{${escapeLatex(name.literal)}}`;
  const last = [name['non-dropping-particle'], name.family].filter(Boolean).map((part) => namePart(part!)).join(' ');
  const first = [name.given, name['dropping-particle']].filter(Boolean).map((part) => namePart(part!)).join(' ');
  return [last, ...(name.suffix ? [namePart(name.suffix)] : []), first].join(', ');
}

type Field = [name: string, value: string];

function entryTypeAndVenue(paper: SavedPaper): { type: string; venueFields: Field[] } {
  const venue = escapeLatex(cleanVenue(paper.venue));
  switch (paperKind(paper)) {
    case 'journal':
      return { type: 'article', venueFields: [['journal', `{${venue}}`]] };
    case 'conference':
      return { type: 'inproceedings', venueFields: [['booktitle', `{${venue}}`]] };
    case 'arxiv':
      return { type: 'misc', venueFields: [] };
    case 'preprint':
    case 'other':
      return { type: 'misc', venueFields: venue ? [['howpublished', `{${venue}}`]] : [] };
  }
}

function bibtexEntry(item: SavedItem, key: string): string {
  const { paper } = item;
  const { type, venueFields } = entryTypeAndVenue(paper);
  const authors = paper.authorList;
  const authorNames = [...authors.names.map(bibtexName), ...(authors.etAl ? ['others'] : [])];
  const url = paperUrl(paper);
  const fields: Field[] = [['title', `{${protectedTitle(paper.title)}}`]];
  if (authorNames.length > 0) fields.push(['author', `{${authorNames.join(' and ')}}`]);
  fields.push(...venueFields);
  if (paper.year !== undefined) fields.push(['year', `{${paper.year}}`]);
  const month = paper.month === undefined ? undefined : MONTH_MACROS[paper.month - 1];
  if (month) fields.push(['month', month]);
  if (paper.ids.doi) fields.push(['doi', `{${verbatim(paper.ids.doi)}}`]);
  if (paper.ids.arxiv) {
    fields.push(['eprint', `{${verbatim(paper.ids.arxiv)}}`], ['archivePrefix', '{arXiv}']);
    const archive = arxivArchive(paper.ids.arxiv);
    if (archive) fields.push(['primaryClass', `{${archive}}`]);
  }
  // Not standard BibTeX fields, but kept by Zotero's Better BibTeX and read back by Lantern's import.
  if (paper.ids.pmid) fields.push(['pmid', `{${paper.ids.pmid}}`]);
  if (paper.ids.pmcid) fields.push(['pmcid', `{${paper.ids.pmcid}}`]);
  if (url) fields.push(['url', `{${verbatim(url)}}`]);
  if (item.tags.length > 0) fields.push(['keywords', `{${item.tags.map(escapeLatex).join(', ')}}`]);
  const note = escapeLatex(item.note);
  if (note) fields.push(['note', `{${note}}`]);
  const body = fields.map(([name, value]) => `  ${name} = ${value}`).join(',\n');
  return `@${type}{${key},\n${body}\n}\n`;
}

/** The items as a BibTeX file, one entry per item, in the order given. */
export function toBibTeX(items: readonly SavedItem[]): string {
  const keys = citationKeys(items);
  return items.map((item) => bibtexEntry(item, keys.get(item.id)!)).join('\n');
}
