/**
 * Author names, kept structured from every source to every export, in CSL-JSON's shape
 * (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html#name-fields).
 *
 * Each source is read once, here, into `CslName`s: list bylines ("Harsha Nori, Yin Tat Lee et
 * al."), page metadata ("Nori, Harsha" or "Harsha Nori"), BibTeX creators, RIS/CSV "Family,
 * Given, Suffix" and JSON backups. Writers format from the structure; no layer re-splits a
 * display string another layer made.
 *
 * Canonical form (what `normalizeName` returns, and what every reader here produces):
 * - a name with no given name, particle or suffix is a `literal` (organisations, mononyms,
 *   "GR-Tech"), because the bibliographic formats cannot tell those apart;
 * - lower-case words leading the family name are its `non-dropping-particle` ("van der" Berg),
 *   and lower-case words ending the given name its `dropping-particle` (Ludwig "van"
 *   Beethoven), as citeproc-js's parse-names does and as BibTeX's "von" part is read.
 */

import { foldText } from './fold';
import type { AuthorList, CslName } from './types';

export type { AuthorList, CslName };

/** Longest name part kept; page and list data are untrusted. */
const MAX_PART = 300;
/** Most names kept per paper (large consortium papers list thousands). */
export const MAX_NAMES = 500;

/** "Jr.", "Sr", "II"–"VIII", with or without the period. */
const SUFFIX = /^(?:jr|sr|jnr|snr)\.?$|^(?:ii|iii|iv|v|vi|vii|viii)$/i;
/** Words that make a multi-word name an organisation, not a person (matched case-insensitively, whole word). */
const ORGANISATION_WORDS = new Set(
  ('team group consortium collaboration collaborators collaborative organization organisation association society institute institutes ' +
    'institution university college committee council foundation agency network initiative project lab labs laboratory laboratories ' +
    'inc ltd llc plc gmbh corporation corp company research center centre department ministry office board alliance federation ' +
    'union investigators authors contributors community program programme hospital clinic services service trust registry ' +
    'working party panel taskforce force google microsoft openai deepmind anthropic nvidia ibm meta amazon apple baidu alibaba tencent')
    .split(' '),
);
const ET_AL = /(?:^|[\s,;]+)(?:et\s*al\b\.?|and\s+others|others)\s*\.?\s*$/i;

const LOWER_START = /^\p{Ll}/u;

/** Text already in this form (the common case) is returned as is, without the costlier clean-up. */
const ALREADY_CLEAN = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

function clean(text: string | undefined): string {
  if (text === undefined || text === '') return '';
  if (text.length <= MAX_PART && ALREADY_CLEAN.test(text)) return text;
  return text.normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_PART);
}

/**
 * The canonical form of a name (see the module comment), or undefined for an empty one.
 * Readers of structured sources (JSON backup, citation-js, BibTeX) pass their names through it.
 */
export function normalizeName(name: CslName): CslName | undefined {
  const literal = clean(name.literal);
  if (literal !== '') return { literal };
  let family = clean(name.family);
  let given = clean(name.given);
  let nonDropping = clean(name['non-dropping-particle']);
  let dropping = clean(name['dropping-particle']);
  const suffix = clean(name.suffix);
  const familyWords = family.split(' ');
  let lead = 0;
  while (lead < familyWords.length - 1 && LOWER_START.test(familyWords[lead]!)) lead++;
  if (lead > 0) {
    nonDropping = [nonDropping, ...familyWords.slice(0, lead)].filter(Boolean).join(' ');
    family = familyWords.slice(lead).join(' ');
  }
  const givenWords = given === '' ? [] : given.split(' ');
  let tail = givenWords.length;
  while (tail > 1 && LOWER_START.test(givenWords[tail - 1]!)) tail--;
  if (tail < givenWords.length) {
    dropping = [...givenWords.slice(tail), dropping].filter(Boolean).join(' ');
    given = givenWords.slice(0, tail).join(' ');
  }
  if (family === '' && given === '') return undefined;
  if (family === '') return { literal: given };
  if (given === '' && nonDropping === '' && dropping === '' && suffix === '') return { literal: family };
  const result: CslName = { family };
  if (given) result.given = given;
  if (dropping) result['dropping-particle'] = dropping;
  if (nonDropping) result['non-dropping-particle'] = nonDropping;
  if (suffix) result.suffix = suffix;
  return result;
}

/** Words of a display-order name; `{…}` keeps words together as one ("Gabriel {García Márquez}"). */
function tokens(text: string): { word: string; braced: boolean }[] {
  if (!text.includes('{')) return text.split(' ').map((word) => ({ word, braced: false }));
  const result: { word: string; braced: boolean }[] = [];
  const pattern = /\{([^{}]*)\}|[^\s{}]+/g;
  for (const match of text.matchAll(pattern)) {
    const braced = match[1] !== undefined;
    const word = (braced ? match[1]! : match[0]).trim();
    if (word !== '') result.push({ word, braced });
  }
  return result;
}

function isOrganisation(text: string): boolean {
  if (/^the\s/i.test(text)) return true;
  return text.split(/[\s,.&/()-]+/).some((word) => ORGANISATION_WORDS.has(word.toLowerCase()));
}

/** "Rivera, J. Q., Jr." (RIS order), "Rivera, Jr., J. Q." (BibTeX order), "van der Berg, Jan". */
function nameFromSortedParts(parts: string[]): CslName | undefined {
  const [family, second = '', third = ''] = parts;
  if (parts.length >= 3) {
    if (SUFFIX.test(second) && !SUFFIX.test(third)) return normalizeName({ family, given: third, suffix: second });
    return normalizeName({ family, given: second, suffix: parts.slice(2).join(' ') });
  }
  if (SUFFIX.test(second)) return normalizeName({ family, suffix: second });
  return normalizeName({ family, given: second });
}

/**
 * One person's (or organisation's) name as written by a page or a person: "Nori, Harsha",
 * "Harsha Nori", "Ludwig van Beethoven", "J. Q. Rivera Jr.", "{World Health Organization}",
 * "World Health Organization". Returns undefined for an empty name.
 */
export function nameFromText(text: string): CslName | undefined {
  const value = clean(text);
  if (value === '') return undefined;
  const wholeBraced = /^\{([^{}]*)\}$/.exec(value);
  if (wholeBraced) return normalizeName({ literal: wholeBraced[1] });
  if (value.includes(',')) {
    const parts = value.split(',').map((part) => part.trim());
    if (parts.every((part) => part !== '') && !isOrganisation(value)) return nameFromSortedParts(parts);
    return normalizeName({ literal: value });
  }
  const words = tokens(value);
  if (words.length <= 1) return normalizeName({ literal: words[0]?.word ?? value });
  if (!words.some((w) => w.braced) && isOrganisation(value)) return { literal: value };
  let end = words.length;
  let suffix = '';
  if (end > 2 && !words[end - 1]!.braced && SUFFIX.test(words[end - 1]!.word)) {
    suffix = words[end - 1]!.word;
    end--;
  }
  const family = words[end - 1]!;
  let start = end - 1;
  while (start > 1 && !words[start - 1]!.braced && LOWER_START.test(words[start - 1]!.word)) start--;
  const particle = words.slice(start, end - 1).map((w) => w.word).join(' ');
  return normalizeName({
    family: family.word,
    given: words.slice(0, start).map((w) => w.word).join(' '),
    ...(particle ? { 'non-dropping-particle': particle } : {}),
    ...(suffix ? { suffix } : {}),
  });
}

/**
 * A byline as lists write it: "Harsha Nori, Yin Tat Lee et al.", "Nori H & Lee Y", "A and B",
 * "J. Q. Rivera, Jr.". Names are split at commas, semicolons, "&" and "and"; a part that is
 * only a suffix belongs to the name before it.
 */
export function namesFromByline(byline: string): AuthorList {
  let text = clean(byline);
  // Only the tail can say "et al.": testing just the tail keeps this linear on hostile input.
  const tailStart = Math.max(0, text.length - 24);
  const tail = ET_AL.exec(text.slice(tailStart));
  const etAl = tail !== null;
  if (tail) text = text.slice(0, tailStart + tail.index).trim();
  // A sentence-final period ("GR-Tech.") is not part of the name; an initial's or a suffix's is.
  const lastWord = text.slice(text.lastIndexOf(' ') + 1);
  if (!SUFFIX.test(lastWord) && !/(?:^|[\s.-])\p{Lu}\.$/u.test(lastWord)) text = text.replace(/\.$/, '').trim();
  if (/^\{[^{}]*\}$/.test(text) || (!text.includes(',') && !/[;&]|\sand\s/.test(text))) {
    const one = nameFromText(text);
    return { names: one ? [one] : [], etAl };
  }
  const parts: string[] = [];
  for (const part of splitOutsideBraces(text)) {
    if (SUFFIX.test(part) && parts.length > 0) parts[parts.length - 1] += ` ${part}`;
    else if (part !== '') parts.push(part);
  }
  const names = parts
    .slice(0, MAX_NAMES)
    .map(nameFromText)
    .filter((name): name is CslName => name !== undefined);
  return { names, etAl };
}

function splitOutsideBraces(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  const words = text.split(/(\{|\}|\s*[,;&]\s*(?:and\s+)?|\s+and\s+)/);
  for (const piece of words) {
    if (piece === '{') depth++;
    else if (piece === '}') depth = Math.max(0, depth - 1);
    if (depth === 0 && piece !== '}' && /^\s*[,;&]\s*(?:and\s+)?$|^\s+and\s+$/.test(piece)) {
      parts.push(current.trim());
      current = '';
    } else current += piece;
  }
  parts.push(current.trim());
  return parts.filter((part) => part !== '');
}

/** The page's `citation_author` values, one person each, in either order. */
export function namesFromPeople(people: readonly string[]): AuthorList {
  const names = people
    .slice(0, MAX_NAMES)
    .map(nameFromText)
    .filter((name): name is CslName => name !== undefined);
  return { names, etAl: false };
}

// ——— writing ———

/** "Harsha Nori", "Ludwig van Beethoven", "J. Q. Rivera Jr.", "World Health Organization". */
export function displayName(name: CslName): string {
  if (name.literal !== undefined) return name.literal;
  return [name.given, name['dropping-particle'], name['non-dropping-particle'], name.family, name.suffix].filter(Boolean).join(' ');
}

/** "Harsha Nori, Yin Tat Lee et al." */
export function formatAuthors(list: AuthorList): string {
  const joined = list.names.map(displayName).join(', ');
  if (!list.etAl) return joined;
  return joined === '' ? 'et al.' : `${joined} et al.`;
}

/** Names a byline shows before "et al.": a consortium paper's hundreds of names would fill the card. */
export const DISPLAYED_NAMES = 10;

/**
 * The byline people see (badge, mark cards, popup rows, library rows), from the structured names,
 * never from a stored display string: "Harsha Nori, Yin Tat Lee et al.", "World Health
 * Organization", "J. Q. Rivera Jr.". At most `max` names, then "et al.".
 */
export function displayAuthors(list: AuthorList, max = DISPLAYED_NAMES): string {
  const cut = list.names.length > max;
  return formatAuthors({ names: cut ? list.names.slice(0, max) : list.names, etAl: list.etAl || cut });
}

/** "van der Berg, Jan", "Beethoven, Ludwig van", "Rivera, J. Q., Jr." (RIS order), "World Health Organization". */
export function sortedName(name: CslName): string {
  if (name.literal !== undefined) return name.literal;
  const family = [name['non-dropping-particle'], name.family].filter(Boolean).join(' ');
  const given = [name.given, name['dropping-particle']].filter(Boolean).join(' ');
  return [family, given, name.suffix].filter((part, index) => index === 0 || Boolean(part)).join(', ');
}

/** The inverse of `sortedName`: a name with no comma is a literal. */
export function nameFromSorted(text: string): CslName | undefined {
  const value = clean(text);
  if (value === '') return undefined;
  if (!value.includes(',')) return normalizeName({ literal: value });
  return nameFromSortedParts(value.split(',').map((part) => part.trim()));
}

/**
 * A name in display order that `nameFromText` reads back as the same name: plain when it
 * already does, else with braces grouping the given and family parts.
 */
export function unambiguousDisplayName(name: CslName): string {
  const plain = displayName(name);
  if (sameName(nameFromText(plain), name)) return plain;
  if (name.literal !== undefined) return `{${name.literal}}`;
  const given = [name.given, name['dropping-particle']].filter(Boolean).join(' ');
  return [given && `{${given}}`, name['non-dropping-particle'], `{${name.family ?? ''}}`, name.suffix].filter(Boolean).join(' ');
}

/** Whether two names are the same name, part by part. */
export function sameName(a: CslName | undefined, b: CslName | undefined): boolean {
  if (!a || !b) return a === b;
  const parts = ['family', 'given', 'suffix', 'non-dropping-particle', 'dropping-particle', 'literal'] as const;
  return parts.every((part) => (a[part] ?? '') === (b[part] ?? ''));
}

/** The surname a citation key, a sort or the first-author rule uses: the family name, else the literal. */
export function surnameOf(name: CslName | undefined): string {
  if (!name) return '';
  return name.family ?? name.literal ?? '';
}

/**
 * The fuller of two author lists of one paper: `other` when `current` was cut short ("Harsha
 * Nori et al.") and `other` names more people, beginning with every one `current` names, in
 * order (surnames folded, lib/fold.ts, and given names' initials where both have one); else
 * `current`. So a list cut short meets a page's, an import's or another device's full one, and
 * a complete list, or one that begins with someone else, is never replaced.
 */
export function fullerAuthorList(current: AuthorList, other: AuthorList): AuthorList {
  if (!current.etAl || current.names.length === 0 || other.names.length <= current.names.length) return current;
  const surname = (name: CslName | undefined) => foldText(surnameOf(name)).trim();
  const initial = (name: CslName | undefined) => foldText(name?.given ?? '').trim().charAt(0);
  const same = (a: CslName, b: CslName | undefined) => surname(a) !== '' && surname(a) === surname(b) && (!initial(a) || !initial(b) || initial(a) === initial(b));
  return current.names.every((name, i) => same(name, other.names[i])) ? other : current;
}

/** The author RIS and CSV write last for a shortened list: neither format has "et al." of its own. */
export const ET_AL_AUTHOR = 'et al.';

/** "Nori, Harsha; Lee, Yin Tat; et al." — the CSV authors cell (Zotero's CSV writes authors this way). */
export function sortedAuthors(list: AuthorList): string {
  return [...list.names.map(sortedName), ...(list.etAl ? [ET_AL_AUTHOR] : [])].join('; ');
}


const NAME_PARTS = ['family', 'given', 'suffix', 'non-dropping-particle', 'dropping-particle', 'literal'] as const;

/**
 * Authors from untrusted structured data (a JSON backup, a message): undefined unless it is
 * `{ names: CslName-like[], etAl: boolean }`; every name is checked part by part and normalized.
 */
export function authorListFromData(value: unknown): AuthorList | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { names, etAl } = value as { names?: unknown; etAl?: unknown };
  if (!Array.isArray(names) || typeof etAl !== 'boolean' || names.length > MAX_NAMES) return undefined;
  const result: CslName[] = [];
  for (const raw of names) {
    if (typeof raw !== 'object' || raw === null) return undefined;
    const name: CslName = {};
    for (const part of NAME_PARTS) {
      const text = (raw as Record<string, unknown>)[part];
      if (text === undefined) continue;
      if (typeof text !== 'string') return undefined;
      name[part] = text;
    }
    const normalized = normalizeName(name);
    if (normalized) result.push(normalized);
  }
  return { names: result, etAl };
}
