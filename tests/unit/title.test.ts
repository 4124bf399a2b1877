import { describe, expect, it } from 'vitest';
import { titleKey, titleWords } from '../../lib/title';

describe('titleKey', () => {
  it.each([
    ['AlpaCare:Instruction-tuned Large Language Models', 'AlpaCare: Instruction-tuned large language models.'],
    ['Evaluating large language models on medical evidence summarization.', 'Evaluating Large Language Models on Medical Evidence Summarization'],
    ['AD-AutoGPT: An Autonomous GPT for Alzheimer\'s Disease', 'AD–AutoGPT: an autonomous GPT for Alzheimer’s disease'],
    ['MedAlpaca--An Open-Source Collection', 'MedAlpaca — An Open‐Source Collection'],
    ['Augmented Language Models: a Survey', '  Augmented   Language\tModels:  a  Survey  '],
    ['Grégoire Mialon’s “Augmented” models', 'Gregoire Mialons "Augmented" models'],
    ['ﬁne-tuning', 'fine tuning'],
  ])('gives %j and %j one key', (first, second) => {
    expect(titleKey(first)).toBe(titleKey(second));
  });

  it('lower-cases, strips diacritics and turns punctuation into single spaces', () => {
    expect(titleKey('  Can GPT-4V(ision) Serve Médical Applications?  ')).toBe('can gpt 4v ision serve medical applications');
  });

  it('drops apostrophes inside words', () => {
    expect(titleKey("GPT-4V's Multimodal Capabilities")).toBe('gpt 4vs multimodal capabilities');
  });

  it('keeps letters of other scripts', () => {
    expect(titleKey('扁鹊 BianQue')).toBe('扁鹊 bianque');
  });

  it('keeps different titles apart', () => {
    expect(titleKey('HuatuoGPT-II')).not.toBe(titleKey('HuatuoGPT'));
  });

  it('is empty for punctuation only', () => {
    expect(titleKey(' — ... ')).toBe('');
  });
});

describe('titleWords', () => {
  it('splits the key into words', () => {
    expect(titleWords('Med-PaLM 2: Towards Expert-Level QA.')).toEqual(['med', 'palm', '2', 'towards', 'expert', 'level', 'qa']);
  });

  it('has no words for an empty title', () => {
    expect(titleWords('')).toEqual([]);
  });
});
