/**
 * BibTeX export, checked by parsing the output back with a real BibTeX parser
 * (@retorquere/bibtex-parser, Zotero Better BibTeX's) rather than by comparing strings.
 */
import { describe, expect, it } from 'vitest';
import { parse, type Entry } from '@retorquere/bibtex-parser';
import { baseCitationKey, citationKeys, escapeLatex, toBibTeX } from '../../lib/formats/bibtex';
import { unescapeLatexText } from '../../lib/formats/bibtexImport';
import { authorsFromBibtexCreators } from '../fixtures/readBack';
import { savedItem, trickyItems } from '../fixtures/imports/savedItems';

function parseBack(bibtex: string): Entry[] {
  const library = parse(bibtex, { english: false });
  expect(library.errors).toEqual([]);
  return library.entries;
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

describe('citation keys', () => {
  it('are first author surname + year + first significant title word', () => {
    const [nori] = trickyItems();
    expect(baseCitationKey(nori!.paper)).toBe('nori2023generalist');
  });

  it('fold accents and drop scripts without ASCII letters', () => {
    const item = trickyItems().find((candidate) => candidate.id === 'arxiv:2308.03549')!;
    expect(baseCitationKey(item.paper)).toBe('muller2023zhongjing');
    const chinese = savedItem({ id: 'title:x', title: '中文 Model', authors: '王小明', year: 2024 });
    expect(baseCitationKey(chinese.paper)).toBe('anon2024model');
  });

  it('work without authors or year', () => {
    const item = savedItem({ id: 'title:healgpt', title: 'HealGPT', authors: 'GR-Tech.' });
    expect(baseCitationKey(item.paper)).toBe('grtechhealgpt');
  });

  it('disambiguate collisions with a, b, c whatever the export order', () => {
    const items = trickyItems();
    const forward = citationKeys(items);
    const backward = citationKeys([...items].reverse());
    expect([...forward.entries()].sort()).toEqual([...backward.entries()].sort());
    const noriKeys = ['arxiv:2311.16452', 'title:can generalist models write discharge summaries'].map((id) => forward.get(id));
    expect(noriKeys.sort()).toEqual(['nori2023generalist', 'nori2023generalista']);
    expect(new Set(forward.values()).size).toBe(items.length);
  });

  it('go past z without colliding', () => {
    const many = Array.from({ length: 30 }, (_, index) =>
      savedItem({ id: `title:same ${String(index).padStart(2, '0')}`, title: 'Same Title', authors: 'Ann Lee', year: 2020 }),
    );
    const keys = [...citationKeys(many).values()];
    expect(new Set(keys).size).toBe(30);
    expect(keys).toContain('lee2020same');
    expect(keys).toContain('lee2020samez');
    expect(keys).toContain('lee2020sameaa');
  });
});

describe('escapeLatex', () => {
  it('escapes every LaTeX special so braces stay balanced', () => {
    const escaped = escapeLatex('a & b % c $ d # e _ f { g } h ~ i ^ j \\ k < l > m | n');
    expect(escaped).toBe(
      'a \\& b \\% c \\$ d \\# e \\_ f \\textbraceleft{} g \\textbraceright{} h \\textasciitilde{} i \\textasciicircum{} j \\textbackslash{} k \\textless{} l \\textgreater{} m \\textbar{} n',
    );
    const depth = [...escaped].reduce((level, char) => level + (char === '{' ? 1 : char === '}' ? -1 : 0), 0);
    expect(depth).toBe(0);
  });

  it('keeps non-ASCII text as UTF-8', () => {
    expect(escapeLatex('Über Straße 中文')).toBe('Über Straße 中文');
  });
});

describe('toBibTeX parsed back by a real BibTeX parser', () => {
  const items = trickyItems();
  const bibtex = toBibTeX(items);
  const entries = parseBack(bibtex);
  const keys = citationKeys(items);
  const entryOf = (id: string): Entry => {
    const entry = entries.find((candidate) => candidate.key === keys.get(id));
    expect(entry, id).toBeDefined();
    return entry!;
  };

  it('writes one entry per item with unique keys', () => {
    expect(entries).toHaveLength(items.length);
    expect(new Set(entries.map((entry) => entry.key)).size).toBe(items.length);
  });

  it('keeps every title intact, tricky characters included', () => {
    for (const item of items) expect(entryOf(item.id).fields.title).toBe(collapse(item.paper.title));
  });

  it('keeps authors as structured names, with "others" for et al.', () => {
    for (const item of items) expect(authorsFromBibtexCreators(entryOf(item.id).fields.author), item.id).toEqual(item.paper.authorList);
    const singhal = entryOf('doi:10.1038/s41586-023-06291-2').fields.author!;
    expect(singhal[0]).toEqual({ lastName: 'Singhal', firstName: 'Karan' });
    const vanDerBerg = entryOf('doi:10.1101/2023.10.26.23297629').fields.author!;
    expect(vanDerBerg[0]).toMatchObject({ lastName: 'Berg', firstName: 'Jan', prefix: 'van der' });
  });

  it('uses @misc with eprint and archivePrefix for arXiv papers, primaryClass when the id carries it', () => {
    const nori = entryOf('arxiv:2311.16452');
    expect(nori.type).toBe('misc');
    expect(nori.fields).toMatchObject({ eprint: '2311.16452', archiveprefix: 'arXiv', year: '2023', month: '11' });
    expect(nori.fields.primaryclass).toBeUndefined();
    const old = entryOf('arxiv:hep-th/9901001');
    expect(old.fields).toMatchObject({ eprint: 'hep-th/9901001', archiveprefix: 'arXiv', primaryclass: 'hep-th' });
  });

  it('uses @article with journal for journal papers and @inproceedings with booktitle for conferences', () => {
    const nature = entryOf('doi:10.1038/s41586-023-06291-2');
    expect(nature.type).toBe('article');
    expect(nature.fields).toMatchObject({ journal: 'Nature', doi: '10.1038/s41586-023-06291-2', url: 'https://www.nature.com/articles/s41586-023-06291-2' });
    const emnlp = entryOf('arxiv:2310.14573');
    expect(emnlp.type).toBe('inproceedings');
    expect(emnlp.fields.booktitle).toBe('EMNLP 2023 main');
    expect(emnlp.fields.eprint).toBe('2310.14573');
    expect(entryOf('title:can generalist models write discharge summaries').type).toBe('inproceedings');
    expect(entryOf('doi:10.1101/2023.10.26.23297629')).toMatchObject({ type: 'misc', fields: { howpublished: 'medRxiv' } });
    expect(entryOf('title:healgpt').type).toBe('misc');
  });

  it('writes the note and the tags as keywords', () => {
    for (const item of items) {
      const entry = entryOf(item.id);
      if (item.note) expect(entry.fields.note).toBe(collapse(item.note));
      else expect(entry.fields.note).toBeUndefined();
      expect((entry.fields.keywords ?? []).map(unescapeLatexText).sort()).toEqual([...item.tags].sort());
    }
  });

  it('writes PubMed identifiers', () => {
    expect(entryOf('title:evaluating large language models on medical evidence summarization').fields).toMatchObject({
      pmid: '37620423',
      pmcid: 'PMC10449915',
      journal: 'npj Digital Medicine',
    });
  });

  it('protects acronyms from lower-casing styles but leaves ordinary words free', () => {
    expect(bibtex).toContain('{GPT-4}');
    expect(bibtex).toContain('Exploring the Boundaries of {GPT-4} in Radiology');
  });
});
