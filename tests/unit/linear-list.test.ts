/**
 * The list parser reads hostile markdown in time linear in its length (see ./linearity.ts: the
 * ratio of an adversarial input's time to a plain list's of the same size, 1 kB to 1 MB). The
 * cases are the known ways a markdown reader goes quadratic: runs of brackets, emphasis markers,
 * link openers, spaces after a heading, long URLs, and the list rules' own steps (tags, titles,
 * authors, nested links, tables, HTML).
 */
import { parseAwesomeList } from '../../lib/catalog/parse';
import { around, linearCases, linesTo, Subject } from './linearCases';

const LIST_HEAD = '# LLMs in Medicine\n\n## Papers\n\n';

function listItem(n: number): string {
  const id = String(10000 + (n % 89999)).padStart(5, '0');
  return `- [2023/05] **A Study of Clinical Language Models ${n}** *Ada Lovelace et al. arXiv.* [[paper](https://arxiv.org/abs/2305.${id})] [[code](https://github.com/lab/model${n})]`;
}

const plainList = (size: number): string => LIST_HEAD + linesTo(listItem, size - LIST_HEAD.length);
/** One list item whose content is `head`, then `unit` repeated, to fill the size. */
const oneItem = (head: string, unit: string, tail = '') => (size: number) => around(`${LIST_HEAD}- ${head}`, unit, tail, size);
/** Lines of `line` to fill the size. */
const manyLines = (line: string) => (size: number) => LIST_HEAD + linesTo(() => line, size - LIST_HEAD.length);

linearCases(new Subject('parseAwesomeList', parseAwesomeList, plainList), {
  'nested brackets never closed': oneItem('', '['),
  'nested brackets closed at the end': (size) => `${LIST_HEAD}- ${'['.repeat(size / 2 - 20)}${']'.repeat(size / 2 - 20)}`,
  'a long run of "[]("': oneItem('', '[]('),
  'a long run of "[a](" after a title': oneItem('**T** ', '[a]('),
  'a long run of "!["': oneItem('', '!['),
  'a heading followed by 100k spaces': (size) => around(`${LIST_HEAD}## Heading`, ' ', 'x', size),
  'a DOI link ending in thousands of "%29"': oneItem('**T** [paper](https://doi.org/10.1234/a', '%29', ')'),
  'a link ending in thousands of ")"': oneItem('**T** [paper](https://doi.org/10.1234/a', ')'),
  'a title then a long run of "*a "': oneItem('**T** ', '*a '),
  'italic authors of one long word': oneItem('**T** *', 'a', '*'),
  'italic authors of many "Ab. "': oneItem('**T** *', 'Ab. ', '*'),
  'punctuation runs around the venue': oneItem('**T** *A et al', '. ,;', 'x*'),
  'a venue tag of many years never closed': oneItem('[NeurIPS', ' 2023'),
  'an unclosed bold title of many "_"': oneItem('**', '_a'),
  'a table row of many "|"': (size) => around(`${LIST_HEAD}| Title | Code |\n|---|---|\n`, '|', '', size),
  'many "<!--"': (size) => around(LIST_HEAD, '<!--', '', size),
  'an entry with many nested code links': (size) => `${LIST_HEAD}- **T** [paper](https://arxiv.org/abs/2305.10000)\n${linesTo((n) => `  - [code](https://github.com/a/b${n})`, size - LIST_HEAD.length - 60)}`,
  'many lines of unclosed brackets': manyLines(`- ${'['.repeat(200)}`),
  'many entries of one title (merged)': manyLines('- [2023/05] **The Same Title** [paper](https://example.org/x)'),
  'many bare URLs': oneItem('A paper title here ', 'https://arxiv.org/abs/2305.10000 '),
  'an HTML table of many cells': (size) => around(`${LIST_HEAD}<table><tr><th>Title</th><th>Paper</th></tr><tr>`, '<td><a href="https://a.org">x</a></td>', '</tr></table>', size),
  'HTML cells spanning many rows': (size) => around(`${LIST_HEAD}<table><tr><th>Title</th></tr>`, '<tr><td rowspan="100">x</td></tr>', '</table>', size),
  'many inline anchors': oneItem('**T** ', '<a href="https://arxiv.org/abs/2305.10000">p</a>'),
  'many reference links': (size) => around(`${LIST_HEAD}- **T** `, '[paper][1] ', '\n\n[1]: https://arxiv.org/abs/2305.10000', size),
  'a doubled parenthesis of many "("': oneItem('**T** [paper](', '(', 'https://a.org'),
  'a name then a long description': oneItem('**Name** ', 'word '),
});
