/**
 * Parser linearity figures: for each parser, the hostile inputs at 1 MB, as a ratio to a
 * plain input of the same size (CPU time, see tests/unit/linearity.ts), and how the time grew
 * from 100 kB to 1 MB (10× is linear). The unit tests hold the limits; this prints the figures.
 */
import { parseAwesomeList } from '../../lib/catalog/parse';
import { parseBibTeX } from '../../lib/formats/bibtexImport';
import { parseJSONBackup } from '../../lib/formats/jsonBackup';
import { doiFromUrl, normalizeDoi } from '../../lib/ids';
import { tokenizeForIndex } from '../../lib/search/tokenize';
import { titleKey } from '../../lib/title';
import { around, linesTo, measureLinearity, repeatTo, Subject } from '../unit/linearity';

const LIST_HEAD = '# LLMs in Medicine\n\n## Papers\n\n';
const listItem = (n: number): string =>
  `- [2023/05] **A Study of Clinical Language Models ${n}** *Ada Lovelace et al. arXiv.* [[paper](https://arxiv.org/abs/2305.${String(10000 + (n % 89999))})] [[code](https://github.com/lab/model${n})]`;
const bibEntry = (n: number): string =>
  `@article{key${n},\n  title = {A Study of Clinical Language Models ${n}},\n  author = {Lovelace, Ada and Turing, Alan},\n  journal = {Nature Medicine},\n  year = {2023},\n  doi = {10.1038/s41591-023-${n}},\n}\n`;
const bibTo = (size: number, entry: (n: number) => string): string => {
  let text = '';
  for (let n = 0; text.length < size; n++) text += entry(n);
  return text;
};
const TITLE = 'Large Language Models Encode Clinical Knowledge ';
const BACKUP_ITEM = JSON.stringify({
  id: 'doi:10.1/1',
  paper: { id: 'doi:10.1/1', title: 'Paper', authors: 'A. Author', venue: 'Venue', categories: [], links: [], ids: { doi: '10.1/1', repos: [] }, titleKey: 'paper' },
  status: 'to-read', statusChangedAt: 1, tags: ['t'], note: 'Large language models show promise in clinical settings.', starred: false, addedAt: 1, updatedAt: 1,
});

interface Row {
  subject: Subject;
  cases: Record<string, (size: number) => string>;
}

const rows: Row[] = [
  {
    subject: new Subject('parseAwesomeList', parseAwesomeList, (size) => LIST_HEAD + linesTo(listItem, size - LIST_HEAD.length)),
    cases: {
      'nested brackets': (size) => `${LIST_HEAD}- ${'['.repeat(size / 2 - 20)}${']'.repeat(size / 2 - 20)}`,
      'run of "[]("': (size) => around(`${LIST_HEAD}- `, '[](', '', size),
      'heading + spaces': (size) => around(`${LIST_HEAD}## Heading`, ' ', 'x', size),
      'DOI link + "%29"s': (size) => around(`${LIST_HEAD}- **T** [paper](https://doi.org/10.1234/a`, '%29', ')', size),
    },
  },
  {
    subject: new Subject('normalizeDoi', normalizeDoi, (size) => around('10.1234/', 'S0140-6736(23)00216-7.abc_def;ghi/', '', size)),
    cases: { 'DOI + ")"s': (size) => around('10.1234/a', ')', '', size), 'DOI + "."s + letter': (size) => around('10.1234/', '.', 'a', size) },
  },
  {
    subject: new Subject('doiFromUrl', doiFromUrl, (size) => around('https://doi.org/10.1234/', 'abc-def', '', size)),
    cases: { 'link + "/full"s': (size) => around('https://doi.org/10.1234/a', '/full', '/x', size) },
  },
  {
    subject: new Subject('parseBibTeX', (text) => parseBibTeX(text, { now: 0 }), (size) => bibTo(size, bibEntry)),
    cases: {
      'DOI + ")"s': (size) => `${around('@article{k,\n  title = {T},\n  doi = {10.1234/a', ')', '', size - 4)}}\n}\n`,
      'note of ": "s': (size) => `${around('@article{k,\n  title = {T},\n  note = {', ': ', '', size - 4)}}\n}\n`,
      'tiny entries': (size) => bibTo(size, (n) => `@a{k${n},title={t}}`),
    },
  },
  {
    subject: new Subject('parseJSONBackup', parseJSONBackup, (size) => `{"format":"lantern-backup","version":1,"exportedAt":"2024-01-01T00:00:00.000Z","items":[${Array.from({ length: Math.floor(size / BACKUP_ITEM.length) }, () => BACKUP_ITEM).join(',')}]}`),
    cases: { 'unreadable items': (size) => `{"format":"lantern-backup","version":1,"exportedAt":"2024-01-01T00:00:00.000Z","items":[${Array.from({ length: Math.floor((size - 100) / 11) }, () => '{"id":"1"}').join(',')}]}` },
  },
  { subject: new Subject('titleKey', titleKey, (size) => repeatTo(TITLE, size)), cases: { 'decomposed accents': (size) => repeatTo('e\u0301 ', size) } },
  { subject: new Subject('tokenizeForIndex', tokenizeForIndex, (size) => repeatTo(TITLE, size)), cases: { 'one hyphenated group': (size) => repeatTo('a-', size) } },
];

export async function run(): Promise<void> {
  console.log('## linear (parsers on hostile input: adversarial ÷ plain CPU time at 1 MB; growth 100 kB → 1 MB, 10× is linear)');
  for (const { subject, cases } of rows) {
    for (const [name, make] of Object.entries(cases)) {
      const result = measureLinearity(subject, make, { sizes: [100_000, 1_000_000], maxRatio: Infinity, maxGrowth: Infinity });
      const last = result.points.at(-1)!;
      console.log(
        `${subject.name}, ${name}: ${last.ratio.toFixed(2)}× plain at 1 MB (plain ${last.plainMs.toFixed(1)} ms, adversarial ${last.adversarialMs.toFixed(1)} ms); ` +
          `growth ${((result.adversarialGrowth ?? NaN) * 10).toFixed(1)}× (plain ${((result.plainGrowth ?? NaN) * 10).toFixed(1)}×)`,
      );
    }
  }
}
