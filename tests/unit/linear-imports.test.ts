/**
 * Imports (BibTeX, JSON backups) run in time linear in the file: see ./linear.test.ts and
 * ./linearity.ts for how that is measured.
 */
import { parseBibTeX } from '../../lib/formats/bibtexImport';
import { parseJSONBackup } from '../../lib/formats/jsonBackup';
import { around, linearCases, repeatTo, Subject } from './linearCases';

const ABSTRACT = 'Large language models show promise in clinical settings, and their evaluation matters. ';

function bibEntry(n: number, fields = ''): string {
  return `@article{key${n},\n  title = {A Study of Clinical Language Models ${n}},\n  author = {Lovelace, Ada and Turing, Alan},\n  journal = {Nature Medicine},\n  year = {2023},\n  doi = {10.1038/s41591-023-${n}},\n${fields}}\n`;
}

/** BibTeX entries (closed: the last entry is never cut) of about `size` characters. */
function bibTo(size: number, entry: (n: number) => string): string {
  let text = '';
  for (let n = 0; text.length < size; n++) text += entry(n);
  return text;
}

/** One entry whose `field` holds `unit` repeated to fill the size. */
function bibField(field: string, unit: string, size: number, head = ''): string {
  const start = `@article{key,\n  title = {T},\n  ${field} = {${head}`;
  return `${around(start, unit, '', size - 4)}}\n}\n`;
}

// The BibTeX parser converts LaTeX at a few microseconds a character, so 1 MB takes seconds
// even when plain: the unit test climbs to 100 kB, and `npm run bench` measures 1 MB.
const BIBTEX_OPTIONS = { sizes: [1_000, 10_000, 100_000], samples: 1 };

linearCases(new Subject('parseBibTeX', (text) => parseBibTeX(text, { now: 0 }), (size) => bibTo(size, (n) => bibEntry(n, `  abstract = {${ABSTRACT}},\n`))), {
  'a DOI ending in thousands of ")"': (size) => bibField('doi', ')', size, '10.1234/a'),
  'a DOI ending in thousands of "%29"': (size) => bibField('doi', '%29', size, '10.1234/a'),
  'a title of many unclosed "<i" tags': (size) => bibField('journal', '<i ', size),
  'an arXiv note of many "arxiv: a"': (size) => bibField('note', 'arxiv: a', size),
  'many untitled entries (a warning each)': (size) => bibTo(size, (n) => `@article{k${n}, year = {2023}}\n`),
  'many repeated entries (a warning each)': (size) => bibTo(size, () => bibEntry(1)),
  'a long author list': (size) => bibField('author', 'Lovelace, Ada and ', size),
  'many keywords': (size) => bibField('keywords', 'k, ', size),
  'a note of many ": "': (size) => bibField('note', ': ', size),
  'a title of many "\\em "': (size) => bibField('title', '\\em a ', size),
  'a title of nested braces': (size) => `@article{key,\n  title = {${'{'.repeat(size / 2 - 20)}${'}'.repeat(size / 2 - 20)}}\n}\n`,
  'many tiny entries': (size) => bibTo(size, (n) => `@a{k${n},title={t}}`),
  'many @string abbreviations, each used': (size) => bibTo(size, (n) => `@string{s${n} = {Journal ${n}}}\n@a{k${n}, title = {T}, journal = s${n}}\n`),
  'an abbreviation used many times': (size) => `@string{j = {Journal}}\n${bibTo(size - 25, (n) => `@a{k${n}, title = j # j # j}\n`)}`,
  'one entry with many fields': (size) => around('@article{k,\n  title = {T},\n', '  title = {T},\n', '}\n', size),
  'many "%" comment lines in an entry': (size) => around('@article{k,\n  title = {T},\n', '% comment\n', '}\n', size),
  'a syntax error after many entries': (size) => `${bibTo(size - 10, (n) => bibEntry(n))}@a{k, t}`,
  'many broken entries (each named)': (size) => bibTo(size, (n) => `@a{k${n}, title = {T} year = {2023}}\n`),
  'many entries whose values never close (each read again to the end)': (size) => bibTo(size, (n) => `@a{k${n}, title = {T\n`),
  'many "@" between entries': (size) => around('@article{k, title = {T}}\n', 'x@y ', '', size),
  'many "%" comment lines holding "@" between entries': (size) => around('', '% by a@b.org\n', '@article{k, title = {T}}\n', size),
  'one "%" line of many "@"': (size) => around('%', '@a{', '\n@article{k, title = {T}}\n', size),
  'many "%" comment lines, then one entry': (size) => around('', '%\n', '@article{k, title = {T}}\n', size),
  'a long citation key': (size) => around('@article{', 'k', ', title = {T}}\n', size),
}, BIBTEX_OPTIONS);


function backupItem(n: number, note: string): string {
  return JSON.stringify({
    id: `doi:10.1/${n}`,
    paper: {
      id: `doi:10.1/${n}`, title: `Paper ${n}`, authors: 'A. Author', venue: 'Venue', categories: [], links: [],
      ids: { doi: `10.1/${n}`, repos: [] }, titleKey: `paper ${n}`,
    },
    status: 'to-read', statusChangedAt: 1, tags: ['t'], note, starred: false, addedAt: 1, updatedAt: 1,
  });
}

const BACKUP_HEAD = '{"format":"lantern-backup","version":1,"exportedAt":"2024-01-01T00:00:00.000Z","items":[';

function backupTo(size: number, item: (n: number) => string): string {
  const head = BACKUP_HEAD;
  const items: string[] = [];
  let length = head.length;
  for (let n = 0; length < size; n++) {
    const next = item(n);
    items.push(next);
    length += next.length + 1;
  }
  return `${head}${items.join(',')}]}`;
}

linearCases(new Subject('parseJSONBackup', parseJSONBackup, (size) => backupTo(size, (n) => backupItem(n, ABSTRACT))), {
  'one item with a huge note': (size) => `${BACKUP_HEAD}${backupItem(0, repeatTo('x', size - 400))}]}`,
  'many copies of one item (a warning each)': (size) => backupTo(size, () => backupItem(1, 'n')),
  'many unreadable items (a warning each)': (size) => backupTo(size, (n) => `{"id":"${n}"}`),
  'deeply nested arrays': (size) => `${BACKUP_HEAD}${'['.repeat(size / 2 - 50)}${']'.repeat(size / 2 - 50)}]}`,
  'a syntax error after many lines': (size) => `${repeatTo('\n', size - 2)}{x`,
});
