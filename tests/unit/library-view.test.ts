/** The library page's pure view: search over saved papers, filters, sorting and the texts it says. */
import { describe, expect, it } from 'vitest';
import {
  NOT_IN_ANY_LIST,
  activeLibraryFilterCount,
  buildLibraryIndex,
  categoriesInUse,
  keepPresent,
  libraryView,
  removedMessage,
  searchLibrary,
  tagsInUse,
  type LibraryFilters,
  type LibraryRow,
  type LibrarySort,
} from '../../lib/library/view';
import { guessImportFormat, importMessage } from '../../lib/formats/importFile';
import { savedItem } from '../fixtures/imports/savedItems';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 25, 12);

const ROWS: LibraryRow[] = [
  {
    item: savedItem(
      {
        id: 'arxiv:2311.16079',
        title: 'MEDITRON-70B: Scaling Medical Pretraining for Large Language Models',
        authors: 'Zeming Chen et al.',
        venue: 'arXiv',
        year: 2023,
        month: 11,
        categories: ['Specialized Medical LLMs'],
      },
      { status: 'read', tags: ['pretraining', 'Open weights'], addedAt: NOW - 40 * DAY, updatedAt: NOW - 2 * DAY, statusChangedAt: NOW - 2 * DAY },
    ),
    lists: ['seed'],
  },
  {
    item: savedItem(
      {
        id: 'doi:10.1038/s41586-023-06291-2',
        title: 'Large language models encode clinical knowledge',
        authors: 'Karan Singhal et al.',
        venue: 'Nature',
        year: 2023,
        month: 7,
        categories: ['Evaluation › Benchmarks'],
      },
      { status: 'reading', tags: ['open weights'], note: 'MultiMedQA benchmark; compare with Medprompt', starred: true, addedAt: NOW - 3 * DAY, updatedAt: NOW - 3 * DAY },
    ),
    lists: ['seed', 'other'],
  },
  {
    item: savedItem(
      { id: 'url:https://example.org/left', title: 'A Paper That Left the List', authors: 'Ada Lovelace', year: 2021, categories: ['Evaluation'] },
      { addedAt: NOW - 400 * DAY, updatedAt: NOW - 1 * DAY },
    ),
    lists: [],
  },
];

const index = buildLibraryIndex(ROWS);
const ids = (rows: readonly LibraryRow[]) => rows.map((r) => r.item.id);
const view = (query: string, filters: LibraryFilters = {}, sort: LibrarySort = 'relevance') =>
  ids(libraryView(ROWS, { ranked: searchLibrary(index, ROWS, query), filters, sort, now: NOW }));

describe('searchLibrary', () => {
  it('finds papers by title, author and model name with the popup engine, typos included', () => {
    expect(view('meditron')).toEqual(['arxiv:2311.16079']);
    expect(view('singhal')).toEqual(['doi:10.1038/s41586-023-06291-2']);
    expect(view('clinical knowlege')).toEqual(['doi:10.1038/s41586-023-06291-2']);
  });

  it('finds papers by their tags and notes too, after the paper-data hits', () => {
    expect(view('multimedqa')).toEqual(['doi:10.1038/s41586-023-06291-2']);
    expect(view('pretraining')).toEqual(['arxiv:2311.16079']);
    expect(view('open weights').sort()).toEqual(['arxiv:2311.16079', 'doi:10.1038/s41586-023-06291-2']);
  });

  it('matches everything for an empty query and nothing for an unknown word', () => {
    expect(searchLibrary(index, ROWS, '  ')).toBeUndefined();
    expect(view('')).toHaveLength(3);
    expect(view('zzzqqq')).toEqual([]);
  });
});

describe('libraryView filters', () => {
  it('filters by status, tag (any case), starred and category (sub-categories included)', () => {
    expect(view('', { status: 'read' })).toEqual(['arxiv:2311.16079']);
    expect(view('', { tag: 'OPEN WEIGHTS' }).sort()).toEqual(['arxiv:2311.16079', 'doi:10.1038/s41586-023-06291-2']);
    expect(view('', { starredOnly: true })).toEqual(['doi:10.1038/s41586-023-06291-2']);
    expect(view('', { category: 'Evaluation' }).sort()).toEqual(['doi:10.1038/s41586-023-06291-2', 'url:https://example.org/left']);
    expect(view('', { category: 'Evaluation › Benchmarks' })).toEqual(['doi:10.1038/s41586-023-06291-2']);
  });

  it('filters by list, including papers no longer in any list', () => {
    expect(view('', { list: 'other' })).toEqual(['doi:10.1038/s41586-023-06291-2']);
    expect(view('', { list: NOT_IN_ANY_LIST })).toEqual(['url:https://example.org/left']);
  });

  it('filters by when the paper was saved', () => {
    expect(view('', { savedWithin: 'week' })).toEqual(['doi:10.1038/s41586-023-06291-2']);
    expect(view('', { savedWithin: 'month' })).toEqual(['doi:10.1038/s41586-023-06291-2']);
    expect(view('', { savedWithin: 'year' }).sort()).toEqual(['arxiv:2311.16079', 'doi:10.1038/s41586-023-06291-2']);
  });

  it('combines the query with filters, and counts active filters', () => {
    expect(view('open weights', { status: 'read' })).toEqual(['arxiv:2311.16079']);
    expect(activeLibraryFilterCount({})).toBe(0);
    expect(activeLibraryFilterCount({ status: 'read', tag: 'x', starredOnly: false })).toBe(2);
  });
});

describe('libraryView sorting', () => {
  it('sorts by added, updated, title and year; relevance without a query means added', () => {
    expect(view('', {}, 'added')).toEqual(['doi:10.1038/s41586-023-06291-2', 'arxiv:2311.16079', 'url:https://example.org/left']);
    expect(view('', {}, 'relevance')).toEqual(view('', {}, 'added'));
    expect(view('', {}, 'updated')).toEqual(['url:https://example.org/left', 'arxiv:2311.16079', 'doi:10.1038/s41586-023-06291-2']);
    expect(view('', {}, 'title')).toEqual(['url:https://example.org/left', 'doi:10.1038/s41586-023-06291-2', 'arxiv:2311.16079']);
    expect(view('', {}, 'year')).toEqual(['arxiv:2311.16079', 'doi:10.1038/s41586-023-06291-2', 'url:https://example.org/left']);
  });
});

describe('texts and helpers', () => {
  it('says what an import did in plain words', () => {
    expect(importMessage({ added: 12, updated: 0, unchanged: 3, merged: 0 })).toBe('Imported 12 papers, 3 papers already there.');
    expect(importMessage({ added: 1, updated: 2, unchanged: 0, merged: 0 })).toBe('Imported 1 paper, updated 2 papers already saved.');
    expect(importMessage({ added: 0, updated: 1, unchanged: 1, merged: 0 })).toBe('Updated 1 paper already saved, 1 paper already there.');
    expect(importMessage({ added: 0, updated: 0, unchanged: 2, merged: 0 })).toBe('Nothing new: 2 papers already there.');
    expect(importMessage({ added: 0, updated: 0, unchanged: 0, merged: 0 })).toBe('The file holds no papers: nothing was imported.');
    expect(importMessage({ added: 2, updated: 1, unchanged: 0, merged: 3 })).toBe(
      'Imported 2 papers, updated 1 paper already saved, 3 merged with the same paper in your lists or reading list.',
    );
    expect(removedMessage(1)).toBe('Removed 1 paper');
    expect(removedMessage(1200)).toBe('Removed 1,200 papers');
  });

  it('guesses the import format from the text when the name does not say', () => {
    expect(guessImportFormat('\uFEFF  {"format":"lantern-backup"}')).toBe('json');
    expect(guessImportFormat('\n@article{a, title={x}}')).toBe('bibtex');
    expect(guessImportFormat('% Zotero export\n@misc{b}')).toBe('bibtex');
    expect(guessImportFormat('TY  - JOUR')).toBeUndefined();
  });

  it('lists tags by use (any case counts as one) and categories alphabetically', () => {
    expect(tagsInUse(ROWS.map((r) => r.item))).toEqual(['Open weights', 'pretraining']);
    expect(categoriesInUse(ROWS.map((r) => r.item))).toEqual(['Evaluation', 'Evaluation › Benchmarks', 'Specialized Medical LLMs']);
  });

  it('drops ids from the selection once their items are gone', () => {
    expect([...keepPresent(new Set(['arxiv:2311.16079', 'gone']), ROWS)]).toEqual(['arxiv:2311.16079']);
  });
});
