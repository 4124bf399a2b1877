import { describe, expect, it } from 'vitest';
import { foldText } from '../../lib/fold';
import { currentTitleId, titleKey, titleWords, withoutFinalPeriod } from '../../lib/title';

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

describe('titleKey folds letters as foldText does', () => {
  it.each([
    ['Straße', 'strasse'],
    ['STRASSE', 'strasse'],
    ['Æther and Cæsar', 'aether and caesar'],
    ['Œuvre', 'oeuvre'],
    ['Łukasz Kaiser’s Ødegaard', 'lukasz kaisers odegaard'],
    ['Đorđe, Þór, Ðe', 'dorde thor de'],
    ['Dıyarbakır', 'diyarbakir'],
    ['ẞ', 'ss'],
    ['ﬁne-tuning ﬂows ﬀ', 'fine tuning flows ff'],
    ['Ǣ ǽ', 'ae ae'],
  ])('%j → %j', (title, key) => {
    expect(titleKey(title)).toBe(key);
  });

  it('gives "ß" and "ss", "æ" and "ae", "ł" and "l" one key', () => {
    expect(titleKey('Die Straße')).toBe(titleKey('Die Strasse'));
    expect(titleKey('Encyclopædia')).toBe(titleKey('Encyclopaedia'));
    expect(titleKey('Łódź')).toBe(titleKey('Lodz'));
  });

  it('equals foldText of every letter and digit of the BMP and beyond (apostrophe letters aside, which it drops)', () => {
    const apostrophes = new Set(['ʼ', 'ŉ']);
    let checked = 0;
    for (let cp = 0x20; cp <= 0x2ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (!/^[\p{L}\p{N}]$/u.test(ch) || apostrophes.has(ch)) continue;
      const folded = foldText(ch);
      // A letter whose compatibility form holds a space or a sign ("㎏", "¼") is spaced by titleKey.
      if (!/^[\p{L}\p{N}]*$/u.test(folded)) continue;
      if (titleKey(ch) !== folded) expect(`${ch} (U+${cp.toString(16)}) → ${titleKey(ch)}`).toBe(`${ch} (U+${cp.toString(16)}) → ${folded}`);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(100_000);
    expect(titleKey('Grüße aus Łódź')).toBe(foldText('Grüße aus Łódź'));
  });

  it('gives a key back unchanged', () => {
    for (const title of ['Straße', 'Cæsar’s Œuvre — “Ødegaard”', '扁鹊 BianQue', 'ﬁne-tuning', 'Dıyarbakır 2']) {
      expect(titleKey(titleKey(title))).toBe(titleKey(title));
    }
  });
});

describe('currentTitleId', () => {
  it('gives a "title:" id of an earlier key today\'s key, the id of the same title', () => {
    expect(currentTitleId('title:die straße')).toBe('title:die strasse');
    expect(currentTitleId('title:encyclopædia of łódź')).toBe(`title:${titleKey('Encyclopædia of Łódź')}`);
    expect(currentTitleId('title:die strasse')).toBe('title:die strasse');
  });

  it('leaves every other id alone', () => {
    for (const id of ['arxiv:2311.16452', 'doi:10.1000/straße', 'url:https://example.org/Straße', 'pmid:1']) expect(currentTitleId(id)).toBe(id);
  });

  it('leaves a "title:" id whose key folds to nothing as it is, so two such ids never become one', () => {
    expect(currentTitleId('title:???')).toBe('title:???');
    expect(currentTitleId('title:!!!')).toBe('title:!!!');
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

describe('withoutFinalPeriod', () => {
  it.each([
    ['Med-HALT: Medical Domain Hallucination Test for Large Language Models.', 'Med-HALT: Medical Domain Hallucination Test for Large Language Models'],
    ['Instruction Tuning for Large Language Models: A Survey. ', 'Instruction Tuning for Large Language Models: A Survey. '],
    ['A survey of large language models .', 'A survey of large language models'],
    ['Are Large Language Models Ready for Healthcare?', 'Are Large Language Models Ready for Healthcare?'],
    ['Health equity in the U.S.', 'Health equity in the U.S.'],
    ['Trustworthy A.I.', 'Trustworthy A.I.'],
    ['Doctors, nurses, etc.', 'Doctors, nurses, etc.'],
    ['Made by Acme Inc.', 'Made by Acme Inc.'],
    ['And then there were none...', 'And then there were none...'],
    ['Vitamin D.', 'Vitamin D.'],
    ['GPT-3.5.', 'GPT-3.5'],
    ['.', ''],
  ])('%j → %j', (title, expected) => {
    expect(withoutFinalPeriod(title)).toBe(expected);
  });

  it('keeps the title key', () => {
    const title = 'Evaluating large language models on medical evidence summarization.';
    expect(titleKey(withoutFinalPeriod(title))).toBe(titleKey(title));
  });
});
