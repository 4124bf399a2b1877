/**
 * A linear first pass over a BibTeX file, before the LaTeX-aware parser sees it.
 *
 * @retorquere/bibtex-parser (./bibtexImport.ts) does the real work (LaTeX to Unicode, names),
 * but its cost is not linear on hostile files: it inserts each entry at the front of an array,
 * scans the file from its start for each syntax error, and converts each field by shifting its
 * LaTeX nodes off an array, so one long field or many tiny entries take minutes. This pass reads
 * the file once, with the same grammar as the parser's own first stage (entries, `@string`
 * macros, `#` concatenation, `%` comments, brace and quote values), and hands back each entry's
 * fields with macros resolved, so the parser can be given small, bounded pieces. After a syntax
 * error it goes on at the next line that starts with "@", so that every entry that cannot be
 * read is named, by line, at once.
 */

export interface ScannedEntry {
  type: string;
  key: string;
  /** Field names lower-cased, values as written (macros resolved, `#` parts joined), in file order. */
  fields: Array<[name: string, value: string]>;
  /** 1-based line of the entry's "@". */
  line: number;
}

export interface BibTeXSyntaxError {
  /** 1-based line of the "@" of the directive that could not be read. */
  line: number;
  /** The entry's citation key, when it was read before the problem. */
  key?: string;
  /** What is wrong, in plain words ("unbalanced braces"). */
  problem: string;
  detail?: string;
}

/** The entries read, and every directive that could not be read, in file order. */
export interface BibTeXScan {
  entries: ScannedEntry[];
  errors: BibTeXSyntaxError[];
}

/** An entry starts at an "@" that begins a line (after blanks): where reading resumes after a syntax error. */
const ENTRY_AT_LINE_START = /\n[ \t]*@/g;

/** Macros every BibTeX style defines (the parser's own list): month names and a few journals. */
const DEFAULT_STRINGS: Readonly<Record<string, string>> = {
  JAN: '01', JANUARY: '01', FEB: '02', FEBRUARY: '02', MAR: '03', MARCH: '03', APR: '04', APRIL: '04',
  MAY: '05', JUN: '06', JUNE: '06', JUL: '07', JULY: '07', AUG: '08', AUGUST: '08', SEP: '09',
  SEPTEMBER: '09', OCT: '10', OCTOBER: '10', NOV: '11', NOVEMBER: '11', DEC: '12', DECEMBER: '12',
  ACMCS: 'ACM Computing Surveys', ACTA: 'Acta Informatica', CACM: 'Communications of the ACM',
  IBMJRD: 'IBM Journal of Research and Development', IBMSJ: 'IBM Systems Journal',
  IEEESE: 'IEEE Transactions on Software Engineering', IEEETC: 'IEEE Transactions on Computers',
  IEEETCAD: 'IEEE Transactions on Computer-Aided Design of Integrated Circuits', IPL: 'Information Processing Letters',
  JACM: 'Journal of the ACM', JCSS: 'Journal of Computer and System Sciences', SCP: 'Science of Computer Programming',
  SICOMP: 'SIAM Journal on Computing', TOCS: 'ACM Transactions on Computer Systems', TODS: 'ACM Transactions on Database Systems',
  TOG: 'ACM Transactions on Graphics', TOMS: 'ACM Transactions on Mathematical Software',
  TOOIS: 'ACM Transactions on Office Information Systems', TOPLAS: 'ACM Transactions on Programming Languages and Systems',
  TCS: 'Theoretical Computer Science',
};

/** Characters of names, keys and bare values, as the parser reads them. */
const NAME = /[+'a-zA-Z0-9&;_:\\./\-\p{L}]*/uy;
/** Citation keys may also hold these. */
const CITATION_KEY = /[+'a-zA-Z0-9&;_:\\./\-\p{L}[\]*"]*/uy;

class SyntaxProblem {
  constructor(
    readonly problem: string,
    readonly detail?: string,
  ) {}
}

/** The text @string abbreviations may add to a file: this much, and this many times the file's length more. */
const MIN_EXPANSION = 1_000_000;
const EXPANSION_PER_CHARACTER = 4;

/**
 * Reads BibTeX text; linear in its length. Text read again after an error (an unclosed value
 * runs over the entries after it) is bounded by the file's length: past that, the rest of the
 * file is reported as one error.
 */
export function scanBibTeX(text: string): BibTeXScan {
  const entries: ScannedEntry[] = [];
  const errors: BibTeXSyntaxError[] = [];
  let readAgain = 0;
  const strings = new Map<string, string>();
  /**
   * Characters that @string abbreviations may add to the file, in all: each use adds its whole
   * text, so "@string{b = a # a}" repeated doubles at every line, and 2 kB could ask for gigabytes.
   */
  let expansionLeft = MIN_EXPANSION + EXPANSION_PER_CHARACTER * text.length;
  let pos = 0;
  let line = 1;
  /** The first line break not yet counted in `line` (-1: none left): lines are counted forward only, once. */
  let nextBreak = text.indexOf('\n');

  const lineAt = (offset: number): number => {
    for (; nextBreak !== -1 && nextBreak < offset; nextBreak = text.indexOf('\n', nextBreak + 1)) line++;
    return line;
  };

  const skipWhitespace = (): void => {
    while (pos < text.length) {
      const char = text[pos];
      if (char === '%') {
        const end = text.indexOf('\n', pos);
        pos = end < 0 ? text.length : end;
      } else if (char === ' ' || char === '\t' || char === '\r' || char === '\n') pos++;
      else return;
    }
  };

  const readName = (pattern: RegExp): string => {
    if (pos >= text.length) throw new SyntaxProblem('the file ends in the middle of an entry');
    pattern.lastIndex = pos;
    const name = pattern.exec(text)![0];
    pos += name.length;
    return name;
  };

  /** The text after `pos`, shortened, for messages. */
  const found = (): string => text.slice(pos, pos + 20);

  const expect = (char: string): void => {
    skipWhitespace();
    if (text[pos] === char) {
      pos++;
      return;
    }
    const next = found();
    const field = /^([A-Za-z][\w-]*)\s*=/.exec(next);
    if (field && (char === '}' || char === ')')) throw new SyntaxProblem(`a comma is missing before the field "${field[1]}"`);
    if (next.startsWith('@') || next === '') {
      throw new SyntaxProblem('unbalanced braces', next === '' ? 'a "{" is never closed' : 'the entry is still open where the next one starts');
    }
    if (char === '}' || char === ')') throw new SyntaxProblem('unbalanced braces', `unexpected "${next.replace(/\s+/g, ' ').trim()}" after a closing brace`);
    throw new SyntaxProblem(`"${char}" was expected but "${next.replace(/\s+/g, ' ').trim()}" was found`);
  };

  const braceValue = (): string => {
    const start = ++pos;
    let depth = 0;
    let math = false;
    for (; pos < text.length; pos++) {
      const char = text[pos];
      if (char === '\\') pos++;
      else if (char === '{') depth++;
      else if (char === '$') math = !math;
      else if (char === '}') {
        if (depth === 0) {
          if (math) throw new SyntaxProblem('a "$" math section is never closed');
          return text.slice(start, pos++);
        }
        depth--;
      }
    }
    throw new SyntaxProblem('unbalanced braces', 'a "{" is never closed');
  };

  const quoteValue = (): string => {
    const start = ++pos;
    let depth = 0;
    for (; pos < text.length; pos++) {
      const char = text[pos];
      if (char === '\\') pos++;
      else if (char === '{') depth++;
      else if (char === '}') depth--;
      else if (char === '"' && depth <= 0) return text.slice(start, pos++);
    }
    throw new SyntaxProblem('a quoted value is never closed');
  };

  const singleValue = (): string => {
    skipWhitespace();
    if (text[pos] === '{') return braceValue();
    if (text[pos] === '"') return quoteValue();
    const bare = readName(NAME);
    if (bare === '') throw new SyntaxProblem(`a value was expected but "${found().replace(/\s+/g, ' ').trim()}" was found`);
    if (/^\d+$/.test(bare)) return bare;
    const resolved = strings.get(bare.toUpperCase()) ?? DEFAULT_STRINGS[bare.toUpperCase()];
    if (resolved === undefined) throw new SyntaxProblem(`the abbreviation "${bare}" is used but never defined with @string`);
    expansionLeft -= resolved.length;
    if (expansionLeft < 0) throw new SyntaxProblem('the @string abbreviations make far more text than a library holds', `at "${bare}"`);
    return resolved;
  };

  const value = (): string => {
    const parts = [singleValue()];
    for (skipWhitespace(); text[pos] === '#'; skipWhitespace()) {
      pos++;
      parts.push(singleValue());
    }
    return parts.join('');
  };

  /** `name = value`; undefined when no name follows (a trailing comma). */
  const field = (name = readName(NAME)): [string, string] | undefined => {
    if (name === '') return undefined;
    skipWhitespace();
    if (text[pos] !== '=') throw new SyntaxProblem(`"=" is missing after "${name}"`);
    pos++;
    return [name, value()];
  };

  const guard = (): string => {
    skipWhitespace();
    const open = text[pos];
    if (open === '{' || open === '(') {
      pos++;
      return open === '{' ? '}' : ')';
    }
    throw new SyntaxProblem(`"{" was expected after the entry type but "${found().replace(/\s+/g, ' ').trim()}" was found`);
  };

  const isAt = (close: string): boolean => {
    skipWhitespace();
    return text[pos] === close;
  };

  /** The citation key of the entry being read, for error messages. */
  let currentKey: string | undefined;

  const entry = (type: string, start: number): void => {
    const close = guard();
    const scanned: ScannedEntry = { type, key: '', fields: [], line: lineAt(start) };
    if (isAt(close)) {
      pos++;
      entries.push(scanned);
      return;
    }
    if (text[pos] !== ',') {
      const key = readName(CITATION_KEY);
      skipWhitespace();
      if (text[pos] === '=') {
        const first = field(key);
        if (first) scanned.fields.push([first[0].toLowerCase(), first[1]]);
      } else {
        scanned.key = key;
        currentKey = key;
      }
    }
    for (skipWhitespace(); text[pos] === ','; skipWhitespace()) {
      pos++;
      if (isAt(close)) break;
      const next = field();
      if (next) scanned.fields.push([next[0].toLowerCase(), next[1]]);
    }
    expect(close);
    entries.push(scanned);
  };

  // The next "@" and "%" at or after `pos` (-1: none), each found again only once `pos` has
  // passed it: every character is searched once, however many comment lines come between entries.
  let nextAt = text.indexOf('@');
  let percent = text.indexOf('%');
  while (pos < text.length) {
    // Between entries everything is a comment up to the next "@", as in BibTeX itself, and a "%"
    // starts a comment to the end of its line, as the parser reads it ("% by jane@example.org").
    if (nextAt !== -1 && nextAt < pos) nextAt = text.indexOf('@', pos);
    const at = nextAt;
    if (at < 0) break;
    if (percent !== -1 && percent < pos) percent = text.indexOf('%', pos);
    if (percent !== -1 && percent < at) {
      const end = text.indexOf('\n', percent);
      pos = end < 0 ? text.length : end;
      continue;
    }
    pos = at + 1;
    currentKey = undefined;
    try {
      const type = readName(NAME).toLowerCase();
      if (type === 'comment') {
        while (text[pos] === ' ' || text[pos] === '\t') pos++;
        if (text[pos] === '{') braceValue();
        else {
          const end = text.indexOf('\n', pos);
          pos = end < 0 ? text.length : end;
        }
      } else if (type === 'preamble') {
        skipWhitespace();
        value();
      } else if (type === 'string') {
        const close = guard();
        const definition = field();
        if (definition) strings.set(definition[0].toUpperCase(), definition[1]);
        expect(close);
      } else {
        entry(type, at);
      }
    } catch (error) {
      if (!(error instanceof SyntaxProblem)) throw error;
      errors.push({ line: lineAt(at), ...(currentKey ? { key: currentKey } : {}), problem: error.problem, ...(error.detail ? { detail: error.detail } : {}) });
      // Every later use of the abbreviations would fail too: one message says it.
      if (expansionLeft < 0) break;
      ENTRY_AT_LINE_START.lastIndex = at;
      const next = ENTRY_AT_LINE_START.exec(text)?.index ?? text.length;
      readAgain += Math.max(0, pos - next);
      if (readAgain > text.length) {
        errors.push({ line: lineAt(Math.min(next + 1, text.length)), problem: 'the rest of the file could not be read after so many errors' });
        break;
      }
      pos = next;
    }
  }
  return { entries, errors };
}

// ——— bounded entries for the parser ———

/** Identifier-like fields: a value longer than this is junk, not an identifier, and is left out. */
const MAX_IDENTIFIER_FIELD = 2048;

/**
 * The fields Lantern reads (everything else, such as abstracts and file paths, is left out before
 * the parser converts it), with the longest value kept: longer text is cut, longer identifiers
 * are left out.
 */
const READ_FIELDS: ReadonlyMap<string, number> = new Map([
  ['title', 1000], ['journal', 1000], ['journaltitle', 1000], ['booktitle', 1000], ['howpublished', 1000], ['publisher', 1000],
  ['author', 20_000], ['editor', 20_000], ['note', 10_000], ['annote', 10_000], ['keywords', 10_000],
  ...['url', 'doi', 'eprint', 'arxivid', 'pmid', 'pmcid', 'archiveprefix', 'eprinttype', 'year', 'date', 'month', 'volume', 'crossref']
    .map((name): [string, number] => [name, MAX_IDENTIFIER_FIELD]),
]);

const IDENTIFIER_FIELDS = new Set(['url', 'doi', 'eprint', 'arxivid', 'pmid', 'pmcid', 'archiveprefix', 'eprinttype', 'year', 'date', 'month', 'volume', 'crossref']);

/** A value's brace depth at its end (-1 when it ever closes more than it opened), open math, and whether it ends in a lone backslash. */
function braceBalance(value: string): { depth: number; math: boolean; escapedEnd: boolean } {
  let depth = 0;
  let math = false;
  let negative = false;
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    if (char === '\\') {
      if (i === value.length - 1) return { depth, math, escapedEnd: true };
      i++;
    } else if (char === '{') depth++;
    else if (char === '}') {
      depth--;
      if (depth < 0) negative = true;
    } else if (char === '$') math = !math;
  }
  return { depth: negative ? -1 : depth, math, escapedEnd: false };
}

/** The value written so the parser reads it back unchanged, or undefined when neither braces nor quotes can hold it. */
function writtenValue(value: string): string | undefined {
  const balance = braceBalance(value);
  if (balance.depth === 0 && !balance.math && !balance.escapedEnd) return `{${value}}`;
  if (!balance.escapedEnd && !/"/.test(value)) return `"${value}"`;
  return undefined;
}

/**
 * `value` cut to at most `max` characters, its braces and math closed again so it still reads
 * as one value. Author lists are cut after the last whole name and end "and others".
 */
function cutValue(name: string, value: string, max: number): string {
  let end = max;
  if (name === 'author' || name === 'editor') {
    const lastAnd = value.lastIndexOf(' and ', max);
    if (lastAnd > 0) end = lastAnd;
  }
  let depth = 0;
  let math = false;
  let i = 0;
  for (; i < end; i++) {
    const char = value[i];
    if (char === '\\') {
      if (i + 1 >= end) break;
      i++;
    } else if (char === '{') depth++;
    else if (char === '}') depth = Math.max(0, depth - 1);
    else if (char === '$') math = !math;
  }
  // A command cut in its name ("\textbacks|lash{}") is left out whole: its half reads as another
  // command. Its backslash must be one that starts a command, not the second of an escaped "\\".
  const command = /\\[a-zA-Z]*$/.exec(value.slice(Math.max(0, i - 64), i));
  if (command && /[a-zA-Z]/.test(value[i] ?? '')) {
    const backslash = i - command[0].length;
    let before = 0;
    while (before < backslash && value[backslash - 1 - before] === '\\') before++;
    if (before % 2 === 0) i = backslash;
  }
  const others = name === 'author' || name === 'editor' ? ' and others' : '';
  return `${value.slice(0, i)}${math ? '$' : ''}${'}'.repeat(depth)}${others}`;
}

export interface BoundedEntry {
  /** The entry as BibTeX text with only the fields Lantern reads, each within its bound. */
  text: string;
  /** Plain-words notes about fields that were cut or left out. */
  warnings: string[];
}

/** An entry's name for warnings: "Entry 'nori2023' (line 12)". */
export function entryName(entry: Pick<ScannedEntry, 'key' | 'line'>): string {
  return `Entry '${entry.key}' (line ${entry.line})`;
}

/**
 * The entry rewritten for the parser (see READ_FIELDS); linear in the entry's size. A field
 * written twice keeps its first value, as the parser would, except keywords, which add up.
 */
export function boundedEntry(entry: ScannedEntry): BoundedEntry {
  const warnings: string[] = [];
  const values = new Map<string, string>();
  for (const [name, value] of entry.fields) {
    if (!READ_FIELDS.has(name)) continue;
    const earlier = values.get(name);
    if (earlier === undefined) values.set(name, value);
    else if (name === 'keywords' && earlier.length <= (READ_FIELDS.get(name) ?? 0)) values.set(name, `${earlier}, ${value}`);
  }
  let fields = '';
  for (let [name, value] of values) {
    const max = READ_FIELDS.get(name)!;
    if (value.length > max) {
      if (IDENTIFIER_FIELDS.has(name)) {
        warnings.push(`${entryName(entry)}: its ${name} is over ${max.toLocaleString('en')} characters, so it is not an identifier Lantern can use; it was left out.`);
        continue;
      }
      value = cutValue(name, value, max);
      warnings.push(`${entryName(entry)}: its ${name} is over ${max.toLocaleString('en')} characters and was cut there.`);
    }
    const written = writtenValue(value);
    if (written === undefined) {
      warnings.push(`${entryName(entry)}: its ${name} could not be read and was left out.`);
      continue;
    }
    fields += `  ${name} = ${written},\n`;
  }
  return { text: `@${entry.type}{${entry.key},\n${fields}}`, warnings };
}
