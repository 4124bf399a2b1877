import { describe, expect, it } from 'vitest';
import { COMMON_ABBREVIATIONS, abbreviationTable, abbreviationTerms, abbreviationsDefinedIn } from '../../lib/search/abbreviations';
import { buildSearchIndex, searchPapers } from '../../lib/search/engine';
import type { Paper } from '../../lib/types';

describe('abbreviationsDefinedIn', () => {
  it.each([
    ['Traditional Chinese Medicine (TCM) LLM', ['TCM', 'Traditional Chinese Medicine']],
    ['TCM (Traditional Chinese Medicine) models', ['TCM', 'Traditional Chinese Medicine']],
    ['(TCM) Traditional Chinese Medicine', ['TCM', 'Traditional Chinese Medicine']],
    ['A survey of retrieval-augmented generation (RAG)', ['RAG', 'retrieval-augmented generation']],
    ['Chain-of-Thought (CoT) prompting', ['CoT', 'Chain-of-Thought']],
    ['Low-Rank Adaptation (LoRA) of LLMs', ['LoRA', 'Low-Rank Adaptation']],
    ['CPLLM: Clinical Prediction with Large Language Models', ['CPLLM', 'Clinical Prediction with Large Language Models']],
    ['ShenNong-TCM: A Traditional Chinese Medicine Large Language Model', ['TCM', 'Traditional Chinese Medicine']],
    ['BioMedGPT: Open Multimodal Generative Pre-trained Transformer for BioMedicine', ['GPT', 'Generative Pre-trained Transformer']],
  ])('%j defines %j', (text, pair) => {
    expect(abbreviationsDefinedIn(text)).toContainEqual(pair);
  });

  it.each([
    'Large language models (LLMs) encode clinical knowledge', // "LLMs" is spelled by "Large language models"…
  ])('%j: a plural short form is read too', (text) => {
    expect(abbreviationsDefinedIn(text)).toEqual([['LLMs', 'Large language models']]);
  });

  it.each([
    'Medical images (MRI) for everyone', // initials do not spell it
    'Evaluating models (2023) on tasks', // not a short form
    'Learning for Mental health (LM)', // the long form must end right before the parenthesis
    'and diagnosis (AD)', // a stop word never spells a letter
    'KaloLM: learning for medicine', // two letters from a model name: chance
    'KaloGPT: generalist parameter-efficient for tumor', // a model name's spelling must be in capitals
    'An overview (of LLMs)',
  ])('%j defines nothing', (text) => {
    expect(abbreviationsDefinedIn(text)).toEqual([]);
  });
});

describe('abbreviationTerms', () => {
  const table = abbreviationTable(COMMON_ABBREVIATIONS);

  it('adds the long form of a short form, and the short form of a long form', () => {
    expect(abbreviationTerms('Mining EHRs', table)).toEqual(['electronic', 'health', 'records']);
    expect(abbreviationTerms('Visual Question Answering', table)).toEqual(['vqa', 'qa']);
    expect(abbreviationTerms('Large Language Models for X', table)).toEqual(['llm']);
  });

  it('reads a run of capitals made of known short forms', () => {
    expect(abbreviationTerms('TCMLLM', table)).toEqual(['traditional', 'chinese', 'medicines', 'large', 'language', 'models']);
    expect(abbreviationTerms('TCMXYZ', table)).toEqual([]);
  });

  it('leaves model-name suffixes alone', () => {
    expect(abbreviationTerms('HuatuoGPT and MedLLM', abbreviationTable([...COMMON_ABBREVIATIONS, ['GPT', 'Generative Pre-trained Transformer']]))).toEqual([]);
  });

  it('keeps a bounded number of long forms per short form', () => {
    const many = Array.from({ length: 50 }, (_, i) => ['AB', `Alpha${i} Beta${i}`] as const);
    // Four long forms of two terms each.
    expect(abbreviationTable(many).longTerms.get('ab')).toHaveLength(8);
  });
});

function paper(id: string, title: string, categories: string[] = []): Paper {
  return {
    id,
    title,
    authors: '',
    authorList: { names: [], etAl: false },
    venue: '',
    categories,
    links: [],
    ids: { repos: [] },
    titleKey: title.toLowerCase(),
    line: 1,
    lists: ['l'],
  };
}

describe('search with abbreviations learned from the list', () => {
  const papers = [
    paper('a', 'Zorbl: a model of the sea', ['Quantum Widget Tuning (QWT)']),
    paper('b', 'QWT at scale'),
    paper('c', 'Quantum widget tuning, revisited'),
    paper('d', 'Something else entirely'),
  ];
  const index = buildSearchIndex(papers);

  it('finds the short form through a heading that defines it, and the reverse, literal hits first', () => {
    // b writes QWT in its title, a in its category; c spells it out, which the heading taught.
    expect(searchPapers(index, 'qwt').map((hit) => hit.id)).toEqual(['b', 'a', 'c']);
    expect(searchPapers(index, 'quantum widget tuning').map((hit) => hit.id)).toEqual(['c', 'a', 'b']);
  });

  it('finds nothing more without abbreviations', () => {
    const literal = buildSearchIndex(papers, { abbreviations: false });
    expect(searchPapers(literal, 'qwt').map((hit) => hit.id)).toEqual(['b', 'a']);
    expect(searchPapers(literal, 'quantum widget tuning').map((hit) => hit.id)).toEqual(['c', 'a']);
  });
});
