import { describe, expect, it } from 'vitest';
import { leftPapers, listProgress, overallProgress, progressFromIndex, progressLines, type CategoryProgress } from '../../lib/progress';
import { progressViews, type ListInOrder } from '../../lib/progress/data';
import { buildSearchIndex, paperCategories } from '../../lib/search/engine';
import type { Paper, ReadingStatus, SavedItem } from '../../lib/types';

const entries = [
  { id: 'a', categories: ['Surveys'] },
  { id: 'b', categories: ['Models', 'Models › Vision'] },
  { id: 'c', categories: ['Models'] },
  { id: 'd', categories: ['Surveys'] },
  { id: 'e', categories: [] },
];
const statuses = new Map<string, ReadingStatus>([
  ['a', 'read'],
  ['b', 'reading'],
  ['c', 'read'],
  ['x', 'read'],
]);
const statusOf = (id: string) => statuses.get(id);

describe('listProgress', () => {
  it('counts read, reading and saved per category in the order categories first appear', () => {
    expect(listProgress(entries, statusOf)).toEqual([
      { category: 'Surveys', total: 2, saved: 1, reading: 0, read: 1, nextUnread: 'd' },
      { category: 'Models', total: 2, saved: 2, reading: 1, read: 1, nextUnread: 'b' },
      { category: 'Models › Vision', total: 1, saved: 1, reading: 1, read: 0, nextUnread: 'b' },
      { category: '', total: 1, saved: 0, reading: 0, read: 0, nextUnread: 'e' },
    ]);
  });

  it('has no next unread once every paper of a category is read, and counts a repeated category once per paper', () => {
    const all = new Map<string, ReadingStatus>([['a', 'read'], ['d', 'read']]);
    const [surveys] = listProgress([{ id: 'a', categories: ['Surveys', 'Surveys'] }, entries[3]!], (id) => all.get(id));
    expect(surveys).toEqual({ category: 'Surveys', total: 2, saved: 2, reading: 0, read: 2 });
  });

  it('counts only papers in the list: a saved paper that left it is not counted', () => {
    const overall = overallProgress(entries, statusOf);
    expect(overall).toMatchObject({ total: 5, saved: 3, read: 2, reading: 1, nextUnread: 'b' });
  });
});

describe('progressLines', () => {
  const at = (category: string): CategoryProgress => ({ category, total: 1, saved: 0, reading: 0, read: 0 });
  const shown = (categories: string[]) =>
    progressLines(categories.map(at)).map((line) => `${'  '.repeat(line.depth)}${line.kind === 'heading' ? `[${line.category}]` : line.progress.category}`);

  it('heads a category whose parent files no paper itself, so it is never indented under the line above it', () => {
    // The bundled list's shape: "Strategies" follows "GPT-4V", but is under "Evaluation", which files no paper.
    expect(
      shown([
        '',
        'Multimodal LLMs in Medicine',
        'Multimodal LLMs in Medicine › GPT-4V',
        'Evaluation › Strategies',
        'Valuable Resources › Related Surveys › LLM Techniques',
        'Valuable Resources › Related Surveys › LLMs in Medicine',
      ]),
    ).toEqual([
      '',
      'Multimodal LLMs in Medicine',
      '  Multimodal LLMs in Medicine › GPT-4V',
      '[Evaluation]',
      '  Evaluation › Strategies',
      '[Valuable Resources]',
      '  [Valuable Resources › Related Surveys]',
      '    Valuable Resources › Related Surveys › LLM Techniques',
      '    Valuable Resources › Related Surveys › LLMs in Medicine',
    ]);
  });
});

describe('progressFromIndex', () => {
  it('gives the same figures per category path from a search index', () => {
    const papers = entries.map(
      (e): Paper => ({ id: e.id, title: `Paper ${e.id}`, authors: '', authorList: { names: [], etAl: false }, venue: '', categories: e.categories, links: [], ids: { repos: [] }, titleKey: e.id, line: 1, lists: ['seed'] }),
    );
    const byPath = progressFromIndex(paperCategories(buildSearchIndex(papers)), statusOf);
    expect(byPath.get('Models')).toMatchObject({ total: 2, saved: 2, reading: 1, read: 1 });
    expect(byPath.get('Surveys')).toMatchObject({ total: 2, saved: 1, read: 1 });
    expect(byPath.get('Models › Vision')).toMatchObject({ total: 1, reading: 1 });
  });
});

describe('leftPapers and progressViews', () => {
  const item = (id: string, status: ReadingStatus, categories: string[]): SavedItem => ({
    id,
    paper: { id, title: `Title ${id}`, authors: '', authorList: { names: [], etAl: false }, venue: '', categories, links: [], ids: { repos: [] }, titleKey: id },
    status,
    statusChangedAt: 1,
    tags: [],
    note: '',
    starred: false,
    addedAt: 1,
    updatedAt: 1,
  });

  it('groups saved papers no list holds by their saved category', () => {
    expect(leftPapers([{ id: 'x', categories: ['Old'] }, { id: 'a', categories: [] }, { id: 'y', categories: [] }], (id) => id === 'a')).toEqual([
      { category: 'Old', papers: [{ id: 'x', categories: ['Old'] }] },
      { category: '', papers: [{ id: 'y', categories: [] }] },
    ]);
  });

  it('builds per-list views with the next unread paper’s title and links, and the papers that left apart', () => {
    const lists: ListInOrder[] = [
      {
        list: { id: 'seed', name: 'LLMs in Medicine' },
        entries: entries.map((e) => ({ ...e, title: `Title ${e.id}`, links: [{ kind: 'paper', url: `https://arxiv.org/abs/${e.id}`, label: 'paper' }] })),
      },
    ];
    const views = progressViews(lists, [item('a', 'read', ['Surveys']), item('b', 'reading', ['Models']), item('x', 'read', ['Gone'])]);
    expect(views.lists[0]!.categories.map((c) => [c.category, c.read, c.total])).toEqual([
      ['Surveys', 1, 2],
      ['Models', 0, 2],
      ['Models › Vision', 0, 1],
      ['', 0, 1],
    ]);
    expect(views.lists[0]!.papers.get('d')?.title).toBe('Title d');
    expect(views.left).toEqual([{ category: 'Gone', papers: [{ id: 'x', title: 'Title x' }] }]);
  });
});
