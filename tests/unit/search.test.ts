import { describe, expect, it } from 'vitest';
import {
  allowedTypos,
  buildSearchIndex,
  categoryCounts,
  indexYears,
  loadSearchIndex,
  searchPapers,
  serializeSearchIndex,
  tokenizeForIndex,
  tokenizeQuery,
  type SearchIndex,
} from '../../lib/search/engine';
import { foldText } from '../../lib/fold';
import type { Paper } from '../../lib/types';
import { withAuthorList } from '../fixtures/authors';

function paper(id: string, title: string, over: Partial<Paper> = {}): Paper {
  return withAuthorList({
    id,
    title,
    authors: 'Someone et al.',
    venue: 'arXiv',
    year: 2023,
    month: 6,
    categories: ['Specialized Medical LLMs'],
    links: [{ kind: 'paper', url: `https://arxiv.org/abs/${id}`, label: 'paper' }],
    ids: { repos: [] },
    titleKey: title.toLowerCase(),
    line: 1,
    lists: ['seed'],
    ...over,
  });
}

const PAPERS: Paper[] = [
  paper('meditron', 'MEDITRON-70B: Scaling Medical Pretraining for Large Language Models', { authors: 'Zeming Chen et al.', month: 11 }),
  paper('huatuogpt', 'HuatuoGPT, towards Taming Language Model to Be a Doctor', { authors: 'Hongbo Zhang et al.', month: 5 }),
  paper('huatuo', 'HuaTuo: Tuning LLaMA Model with Chinese Medical Knowledge', { authors: 'Haochun Wang et al.', month: 4 }),
  paper('elixr', 'ELIXR: Towards a general purpose X-ray artificial intelligence system', {
    authors: 'Shawn Xu et al.',
    categories: ['Multimodal LLMs in Medicine'],
    month: 8,
  }),
  paper('xraygpt', 'XrayGPT: Chest Radiographs Summarization using Medical Vision-Language Models', {
    categories: ['Multimodal LLMs in Medicine'],
    links: [{ kind: 'code', url: 'https://github.com/mbzuai-oryx/XRayGPT', label: 'code' }],
  }),
  paper('dawn', 'The Dawn of LMMs: Preliminary Explorations with GPT-4V(ision)', { categories: ['Multimodal LLMs in Medicine › GPT-4V'], month: 9 }),
  paper('gpt4v-study', "A Comprehensive Study of GPT-4V's Multimodal Capabilities in Medical Imaging", {
    categories: ['Multimodal LLMs in Medicine › GPT-4V'],
    month: 10,
  }),
  paper('llava-med', 'LLaVA-Med: Training a Large Language-and-Vision Assistant for Biomedicine in One Day', {
    categories: ['Multimodal LLMs in Medicine'],
  }),
  paper('radiology-gpt', 'Radiology-GPT: A Large Language Model for Radiology', { year: 2022, month: 1 }),
  paper('sunsimiao', 'Sunsimiao: Chinese Medicine LLM', { authors: 'Xin Yan et al.' }),
  paper('medpalm', 'Large language models encode clinical knowledge', { authors: 'Karan Singhal et al.', venue: 'Nature', year: 2022, month: 12 }),
  paper('mialon', 'Augmented Language Models: a Survey', {
    authors: 'Grégoire Mialon et al.',
    categories: ['Valuable Resources › Related Surveys › LLM Techniques'],
    year: 2023,
    month: 2,
  }),
];

const ids = (index: SearchIndex, query: string, options = {}): string[] => searchPapers(index, query, options).map((hit) => hit.id);

describe('tokenization', () => {
  it('folds case and diacritics', () => {
    expect(foldText('Grégoire Müller Zoë')).toBe('gregoire muller zoe');
    expect(tokenizeForIndex('Grégoire Mialon')).toEqual(['gregoire', 'mialon']);
  });

  it('folds letters Unicode does not decompose and compatibility forms, as BibTeX keys do', () => {
    expect(foldText('Straße Łukasz Guðrún Þór Øster')).toBe('strasse lukasz gudrun thor oster');
    // A ligature copied from a PDF title, and a superscript.
    expect(tokenizeQuery('ﬁne-tuning')).toEqual(tokenizeQuery('fine-tuning'));
    expect(foldText('H²')).toBe('h2');
    // Every combining mark, not only the Latin ones: a vector arrow, Vietnamese stacked accents.
    expect(foldText('v\u20D7 Nguyễn Việt')).toBe('v nguyen viet');
  });

  it('makes x-ray, xray and X-ray meet on one term', () => {
    expect(tokenizeForIndex('X-ray')).toContain('xray');
    expect(tokenizeQuery('x-ray')).toEqual(['xray']);
    expect(tokenizeQuery('xray')).toEqual(['xray']);
    expect(tokenizeQuery('X-ray')).toEqual(['xray']);
  });

  it('makes gpt-4v, gpt4v and GPT-4V(ision) meet', () => {
    const indexed = tokenizeForIndex('Explorations with GPT-4V(ision)');
    expect(indexed).toEqual(expect.arrayContaining(['gpt', '4v', 'gpt4v', 'gpt4vision']));
    expect(tokenizeQuery('gpt-4v')).toEqual(['gpt4v']);
    expect(tokenizeQuery('gpt4v')).toEqual(['gpt4v']);
    expect(tokenizeQuery('GPT-4V(ision)')).toEqual(['gpt4v']);
    expect(tokenizeForIndex("GPT-4V's capabilities")).toEqual(expect.arrayContaining(['gpt4v', 'capabilities']));
  });

  it('splits model names at hyphens and camel case, keeping the whole name', () => {
    expect(tokenizeForIndex('LLaVA-Med')).toEqual(expect.arrayContaining(['llava', 'med', 'llavamed']));
    expect(tokenizeForIndex('HuatuoGPT')).toEqual(expect.arrayContaining(['huatuogpt', 'huatuo', 'gpt']));
    expect(tokenizeForIndex('MedAlpaca')).toEqual(expect.arrayContaining(['medalpaca', 'med', 'alpaca']));
  });

  it('indexes a word the same whether or not the rest of its title is ASCII', () => {
    expect(tokenizeForIndex('mRNA and eICU, Radiology GPT')).toEqual(['mrna', 'm', 'rna', 'eicu', 'e', 'icu', 'radiology', 'gpt']);
    expect(tokenizeForIndex('mRNA and eICU, Radiology GPT — Zoë').slice(0, -1)).toEqual(tokenizeForIndex('mRNA and eICU, Radiology GPT'));
  });

  it('drops stop words, except the word still being typed', () => {
    expect(tokenizeForIndex('Models in Medicine')).toEqual(['models', 'medicine']);
    expect(tokenizeQuery('models in medicine')).toEqual(['models', 'medicine']);
    expect(tokenizeQuery('models in')).toEqual(['models', 'in']);
  });

  it('ignores punctuation-only and empty text', () => {
    expect(tokenizeQuery('  -- ()  ')).toEqual([]);
    expect(tokenizeForIndex('')).toEqual([]);
  });
});

describe('searchPapers: ranking', () => {
  const index = buildSearchIndex(PAPERS);

  it('finds prefixes while typing', () => {
    expect(ids(index, 'radi')[0]).toBe('radiology-gpt');
    expect(ids(index, 'medit')[0]).toBe('meditron');
  });

  it('reads a pasted blob as written: no typo matching past a word’s length, no query past its length', () => {
    expect(allowedTypos('m'.repeat(64))).toBe(2);
    expect(allowedTypos('m'.repeat(65))).toBe(0);
    // U+FDFA folds to 18 characters: 10,000 of them once asked for a 32 GB typo matrix.
    expect(() => searchPapers(index, '\uFDFA'.repeat(10_000))).not.toThrow();
    expect(ids(index, `meditron ${'x'.repeat(5_000)}`)[0]).toBe('meditron');
  });

  it('tolerates typos scaled by word length', () => {
    expect(ids(index, 'meditorn')[0]).toBe('meditron');
    expect(ids(index, 'huatou').slice(0, 2).sort()).toEqual(['huatuo', 'huatuogpt']);
    // Three letters allow no typo: "cat" must not reach "chat" or anything else.
    expect(ids(index, 'xyz')).toEqual([]);
  });

  it('matches hyphenated model names in every spelling', () => {
    for (const query of ['x-ray', 'xray', 'X-ray']) expect(ids(index, query)).toEqual(expect.arrayContaining(['elixr', 'xraygpt']));
    for (const query of ['gpt-4v', 'gpt4v', 'GPT-4V(ision)']) expect(ids(index, query).slice(0, 2).sort()).toEqual(['dawn', 'gpt4v-study']);
    expect(ids(index, 'llava')[0]).toBe('llava-med');
  });

  it('narrows with several words', () => {
    expect(ids(index, 'chinese medicine')).toEqual(['sunsimiao']);
    expect(ids(index, 'chinese')).toEqual(expect.arrayContaining(['sunsimiao', 'huatuo']));
  });

  it('falls back to the papers matching most words when none matches all', () => {
    expect(ids(index, 'sunsimiao zzzzzz')[0]).toBe('sunsimiao');
  });

  it('finds author surnames, with or without diacritics', () => {
    expect(ids(index, 'singhal')).toEqual(['medpalm']);
    expect(ids(index, 'gregoire')).toEqual(['mialon']);
    expect(ids(index, 'Grégoire')).toEqual(['mialon']);
  });

  it('weights the title above other fields', () => {
    const titleVsVenue = buildSearchIndex([
      paper('venue-match', 'Clinical knowledge in practice', { venue: 'Nature Medicine' }),
      paper('title-match', 'Nature of medical reasoning', { venue: 'arXiv' }),
    ]);
    expect(ids(titleVsVenue, 'nature')).toEqual(['title-match', 'venue-match']);
  });

  it('finds categories', () => {
    expect(ids(index, 'llm techniques')).toEqual(['mialon']);
  });

  it('returns the papers it was built with, and respects the limit', () => {
    const [hit] = searchPapers(index, 'meditron');
    expect(hit?.paper?.title).toMatch(/^MEDITRON/);
    expect(searchPapers(index, 'medical', { limit: 2 })).toHaveLength(2);
  });
});

describe('a short prefix reaching more postings than its budget (20,000)', () => {
  const group = (prefix: string, count: number, title: string): Paper[] =>
    Array.from({ length: count }, (_, i) => paper(`${prefix}${i}`, title));
  const found = (index: SearchIndex, query: string): Set<string> => {
    const groups = ids(index, query, { limit: index.size }).map((id) => id.replace(/\d+$/, ''));
    return new Set(groups);
  };

  it('takes the most frequent completions first, and the word itself', () => {
    // za … zd reach 5,000 papers each: together the budget. zaa sorts before zb but is rarer.
    const index = buildSearchIndex([...group('common', 5_000, 'za zb zc zd'), ...group('rare', 100, 'zaa'), paper('exact', 'z')]);
    expect(found(index, 'z')).toEqual(new Set(['common', 'exact']));
    expect(found(index, 'za')).toEqual(new Set(['common', 'rare']));
  });

  it('takes many small completions by frequency, then term order', () => {
    // Ten terms of 1,500 papers (15,000), then five of the 1,000-paper terms in term order reach the budget.
    const index = buildSearchIndex([
      ...group('first', 1_000, 'ka kb kc kd ke kf kg kh ki kj'),
      ...group('second', 1_000, 'kk kl km kn ko kp'),
      ...group('frequent', 1_500, 'kq kr ks kt ku kv kw kx ky kz'),
    ]);
    expect(found(index, 'k')).toEqual(new Set(['first', 'frequent']));
    expect(found(index, 'kk')).toEqual(new Set(['second']));
  });
});

describe('searchPapers: filters and sorting', () => {
  const index = buildSearchIndex(PAPERS);

  it('filters by category path, including sub-categories', () => {
    expect(ids(index, 'gpt', { filters: { categories: ['Multimodal LLMs in Medicine › GPT-4V'] } }).sort()).toEqual(['dawn', 'gpt4v-study']);
    expect(ids(index, '', { filters: { categories: ['Multimodal LLMs in Medicine'] }, limit: 50 }).sort()).toEqual(
      ['dawn', 'elixr', 'gpt4v-study', 'llava-med', 'xraygpt'],
    );
  });

  it('filters by year range', () => {
    expect(ids(index, 'large', { filters: { yearFrom: 2022, yearTo: 2022 } }).sort()).toEqual(['medpalm', 'radiology-gpt']);
    expect(ids(index, 'radiology', { filters: { yearFrom: 2023 } })).toEqual([]);
  });

  it('filters by code, saved ids and list', () => {
    expect(ids(index, '', { filters: { hasCode: true } })).toEqual(['xraygpt']);
    expect(ids(index, 'medical', { filters: { savedIds: new Set(['huatuo', 'nope']) } })).toEqual(['huatuo']);
    const twoLists = buildSearchIndex([paper('a', 'Alpha model'), paper('b', 'Alpha beta', { lists: ['other'] })]);
    expect(ids(twoLists, 'alpha', { filters: { listId: 'other' } })).toEqual(['b']);
    expect(ids(twoLists, 'alpha', { filters: { listId: 'missing' } })).toEqual([]);
  });

  it('sorts by date when asked', () => {
    expect(ids(index, 'chinese', { sort: 'date' })).toEqual(['sunsimiao', 'huatuo']);
    expect(ids(index, 'large', { sort: 'date' })[0]).toBe('meditron');
  });

  it('lists the years present, newest first', () => {
    expect(indexYears(index)).toEqual([2023, 2022]);
  });

  it('lists the newest papers for an empty query', () => {
    expect(ids(index, '', { limit: 3 })).toEqual(['meditron', 'gpt4v-study', 'dawn']);
    expect(ids(index, '   ', { limit: 2 })).toEqual(['meditron', 'gpt4v-study']);
  });
});

describe('categoryCounts', () => {
  it('counts papers per full path with its leaf, most first, from papers or from the index', () => {
    const fromPapers = categoryCounts(PAPERS);
    expect(fromPapers[0]).toEqual({ path: 'Specialized Medical LLMs', leaf: 'Specialized Medical LLMs', count: 6 });
    expect(fromPapers).toContainEqual({ path: 'Multimodal LLMs in Medicine › GPT-4V', leaf: 'GPT-4V', count: 2 });
    expect(categoryCounts(buildSearchIndex(PAPERS))).toEqual(fromPapers);
  });

  it('counts a paper once per category even when listed twice under it', () => {
    expect(categoryCounts([paper('a', 'A', { categories: ['X', 'X'] })])).toEqual([{ path: 'X', leaf: 'X', count: 1 }]);
  });
});

describe('serialization', () => {
  it('round-trips through structured clone and answers the same', () => {
    const built = buildSearchIndex(PAPERS);
    const loaded = loadSearchIndex(structuredClone(serializeSearchIndex(built)));
    expect(loaded).toBeDefined();
    for (const query of ['meditorn', 'x-ray', 'chinese medicine', 'singhal', '']) {
      expect(searchPapers(loaded!, query).map((hit) => [hit.id, hit.score])).toEqual(
        searchPapers(built, query).map((hit) => [hit.id, hit.score]),
      );
    }
    expect(searchPapers(loaded!, 'meditron')[0]?.paper).toBeUndefined();
    expect(loadSearchIndex(structuredClone(serializeSearchIndex(built)), PAPERS)?.papers).toBe(PAPERS);
  });

  it('refuses values that are not an index of this version', () => {
    const data = serializeSearchIndex(buildSearchIndex(PAPERS));
    expect(loadSearchIndex(undefined)).toBeUndefined();
    expect(loadSearchIndex({ ...data, version: 0 })).toBeUndefined();
    expect(loadSearchIndex({ ...data, termOffsets: [1, 2, 3] })).toBeUndefined();
    expect(loadSearchIndex(data, PAPERS.slice(1))).toBeUndefined();
  });

  it('handles an empty list', () => {
    const empty = buildSearchIndex([]);
    expect(searchPapers(empty, 'anything')).toEqual([]);
    expect(searchPapers(empty, '')).toEqual([]);
    expect(categoryCounts(empty)).toEqual([]);
  });
});

describe('names written in one word or two', () => {
  const papers = [
    paper('sunsimiao', 'Sunsimiao: Chinese Medicine LLM'),
    paper('huatuogpt', 'HuatuoGPT, towards Taming Language Model to Be a Doctor'),
    paper('huatuo', 'HuaTuo: Tuning LLaMA Model with Chinese Medical Knowledge'),
    paper('sun', 'Sun exposure and skin', { authors: 'Simiao Chen et al.' }),
  ];
  const index = buildSearchIndex(papers);
  const ids = (query: string, sort?: 'date'): string[] => searchPapers(index, query, sort ? { sort } : {}).map((hit) => hit.id);

  it('finds papers that write two typed words as one, after those that write both', () => {
    expect(ids('hua tuo')).toEqual(['huatuo', 'huatuogpt']);
    expect(ids('sun simiao')).toEqual(['sun', 'sunsimiao']);
  });

  it('joins words only when few papers have them all', () => {
    const many = buildSearchIndex([...papers, ...Array.from({ length: 5 }, (_, i) => paper(`hua${i}`, `Hua Tuo ${i}`))]);
    expect(searchPapers(many, 'hua tuo').map((hit) => hit.id)).not.toContain('huatuogpt');
  });

  it('keeps date order whole (no joined words appended)', () => {
    expect(ids('hua tuo', 'date')).toEqual(['huatuo']);
  });
});

describe('search by model names no title writes (lib/search/modelNames.ts)', () => {
  const papers = [
    paper('arxiv:2305.09617', 'Towards Expert-Level Medical Question Answering with Large Language Models', { ids: { arxiv: '2305.09617', repos: [] } }),
    paper('doi:10.1038/s41746-022-00742-2', 'A large language model for electronic health records', { ids: { doi: '10.1038/s41746-022-00742-2', repos: [] } }),
    paper('survey', 'GatorTron and beyond: a survey of clinical language models'),
    paper('halt', 'Med-HALT: Medical Domain Hallucination Test for Large Language Models'),
  ];
  const index = buildSearchIndex(papers);
  const ids = (query: string) => searchPapers(index, query).map((hit) => hit.id);

  it('finds a paper by a model name its title does not write, above a near spelling in a title', () => {
    expect(ids('Med-PaLM 2')[0]).toBe('arxiv:2305.09617');
    expect(ids('medpalm')[0]).toBe('arxiv:2305.09617');
  });

  it('ranks a paper whose title writes the name above the paper the table names', () => {
    expect(ids('gatortron')).toEqual(['survey', 'doi:10.1038/s41746-022-00742-2']);
  });
});
