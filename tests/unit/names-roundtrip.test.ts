/**
 * A reading list of 200 varied papers (organisations, particles, suffixes, non-Latin names, DOIs
 * with parentheses) exported in every format and read back by independent readers: the authors
 * and identifiers come back identical.
 */
import { describe, expect, it } from 'vitest';
import { parse as parseBib } from '@retorquere/bibtex-parser';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-ris';
import { parse as parseCsv } from 'csv-parse/sync';
import { parseAwesomeList } from '../../lib/catalog/parse';
import { savedPaperFromPage } from '../../lib/page/savedPaper';
import { toBibTeX } from '../../lib/formats/bibtex';
import { parseBibTeX } from '../../lib/formats/bibtexImport';
import { toCSV } from '../../lib/formats/csv';
import { parseJSONBackup, toJSONBackup } from '../../lib/formats/jsonBackup';
import { toMarkdown } from '../../lib/formats/markdown';
import { toRIS } from '../../lib/formats/ris';
import { formatAuthors, namesFromByline, nameFromText } from '../../lib/names';
import type { AuthorList, CslName, SavedItem } from '../../lib/types';
import { savedItem } from '../fixtures/imports/savedItems';
import { authorsFromBibtexCreators, authorsFromCsl, authorsFromSorted } from '../fixtures/readBack';

const PEOPLE: CslName[] = [
  { literal: 'World Health Organization' },
  { literal: 'Writer Engineering team' },
  { literal: 'Google DeepMind' },
  { literal: 'The Cancer Genome Atlas Research Network' },
  { literal: 'GR-Tech' },
  { literal: 'Plato' },
  { family: 'Nori', given: 'Harsha' },
  { family: 'Lee', given: 'Yin Tat' },
  { family: 'Berg', given: 'Jan', 'non-dropping-particle': 'van der' },
  { family: 'Gogh', given: 'Vincent', 'non-dropping-particle': 'van' },
  { family: 'Beethoven', given: 'Ludwig', 'dropping-particle': 'van' },
  { family: 'Cruz', given: 'María', 'non-dropping-particle': 'de la' },
  { family: 'Rivera', given: 'J. Q.', suffix: 'Jr.' },
  { family: 'King', given: 'Martin Luther', suffix: 'III' },
  { family: 'Hemingway', given: 'Ernest', suffix: 'Sr.' },
  { family: 'García Márquez', given: 'Gabriel' },
  { family: 'Sartre', given: 'Jean-Paul' },
  { family: 'Tolkien', given: 'J. R. R.' },
  { family: "O'Brien", given: 'Siobhán' },
  { family: 'McDonald', given: 'Daniel' },
  { family: 'LeCun', given: 'Yann' },
  { family: 'Ødegård', given: 'Zoë' },
  { family: 'Müller', given: 'Jörg' },
  { family: '王', given: '小明' },
  { family: '山田', given: '太郎' },
  { family: 'Иванов', given: 'Дмитрий' },
  { family: 'Παπαδόπουλος', given: 'Γιώργος' },
  { family: 'علي', given: 'محمد' },
  { family: 'Nguyễn', given: 'Thị Minh' },
  { family: 'Thirunavukarasu', given: 'Arun James' },
];

const DOIS = [
  '10.1016/s0140-6736(23)01234-5',
  '10.1002/(sici)1097-0258(19980815/30)17:15/16<1661::aid-sim968>3.0.co;2-2',
  '10.1038/s41586-023-06291-2',
  '10.1101/2023.10.26.23297629',
  '10.1001/jama.2023.8288',
  '10.18653/v1/2023.emnlp-main.891',
];

/** A small deterministic generator, so a failure names the same item every run. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function readingList(): SavedItem[] {
  const next = generator(12);
  const items: SavedItem[] = [];
  for (let i = 0; i < 200; i++) {
    const count = 1 + Math.floor(next() * 4);
    const names = Array.from({ length: count }, (_, k) => PEOPLE[(i * 7 + k * 11 + Math.floor(next() * 3)) % PEOPLE.length]!);
    const authorList: AuthorList = { names, etAl: next() < 0.3 };
    const doi = i % 3 === 0 ? `${DOIS[i % DOIS.length]!}${i}` : undefined;
    const arxiv = i % 3 === 1 ? `23${String(1 + (i % 12)).padStart(2, '0')}.${String(10000 + i)}` : undefined;
    const title = `Paper ${i}: Large (language) models & "clinical" notes — ${names[0]!.family ?? names[0]!.literal}`;
    const url = doi ? `https://doi.org/${doi}` : arxiv ? `https://arxiv.org/abs/${arxiv}` : `https://example.org/papers/${i}`;
    items.push(
      savedItem(
        {
          id: doi ? `doi:${doi}` : arxiv ? `arxiv:${arxiv}` : `url:${url}`,
          title,
          authors: formatAuthors(authorList),
          authorList,
          venue: i % 2 ? 'Nature Medicine' : 'arXiv',
          year: 2000 + (i % 25),
          ids: { repos: [], ...(doi ? { doi } : {}), ...(arxiv ? { arxiv } : {}) },
          links: [{ kind: 'paper', url, label: 'paper' }],
          url,
        },
        { tags: [`t${i % 5}`], note: i % 4 ? '' : `note ${i}` },
      ),
    );
  }
  return items;
}

describe('a 200-paper reading list read back from every export', () => {
  const items = readingList();

  it('JSON backup: identical items', () => {
    const result = parseJSONBackup(toJSONBackup(items, { exportedAt: 1 }));
    expect(result.ok && result.items).toEqual(items);
  });

  it('BibTeX through @retorquere/bibtex-parser and through Lantern’s import: identical authors and identifiers', () => {
    const bibtex = toBibTeX(items);
    const library = parseBib(bibtex, { english: false });
    expect(library.errors).toEqual([]);
    expect(library.entries).toHaveLength(items.length);
    library.entries.forEach((entry, index) => {
      const item = items[index]!;
      expect(authorsFromBibtexCreators(entry.fields.author), item.id).toEqual(item.paper.authorList);
      expect(entry.fields.doi?.toLowerCase(), item.id).toBe(item.paper.ids.doi);
      expect(entry.fields.eprint, item.id).toBe(item.paper.ids.arxiv);
    });
    const imported = parseBibTeX(bibtex);
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    expect(imported.items.map((item) => [item.paper.authorList, item.paper.ids.doi, item.paper.ids.arxiv])).toEqual(
      items.map((item) => [item.paper.authorList, item.paper.ids.doi, item.paper.ids.arxiv]),
    );
  }, 60_000);

  it('RIS through citation.js: identical authors and DOIs', () => {
    const records = new Cite(toRIS(items), { forceType: '@ris/file' }).data as { author?: CslName[]; DOI?: string }[];
    expect(records).toHaveLength(items.length);
    records.forEach((record, index) => {
      const item = items[index]!;
      expect(authorsFromCsl(record.author), item.id).toEqual(item.paper.authorList);
      expect(record.DOI?.toLowerCase(), item.id).toBe(item.paper.ids.doi);
    });
  });

  it('CSV through csv-parse: identical authors and identifiers', () => {
    const rows = parseCsv(toCSV(items), { bom: true, columns: true, relax_quotes: false }) as Record<string, string>[];
    rows.forEach((row, index) => {
      const item = items[index]!;
      expect(authorsFromSorted([row.authors!.replace(/^'(?=[=+\-@])/, '')]), item.id).toEqual(item.paper.authorList);
      expect(row.doi || undefined, item.id).toBe(item.paper.ids.doi);
      expect(row.arxiv || undefined, item.id).toBe(item.paper.ids.arxiv);
    });
  });

  it('Markdown through Lantern’s list parser: identical authors and identifiers', () => {
    const list = parseAwesomeList(toMarkdown(items, { title: 'Reading list' }));
    expect(list.warnings).toEqual([]);
    expect(list.entries).toHaveLength(items.length);
    list.entries.forEach((entry, index) => {
      const item = items[index]!;
      expect(entry.authorList, item.id).toEqual(item.paper.authorList);
      expect(entry.ids.doi, item.id).toBe(item.paper.ids.doi);
      expect(entry.ids.arxiv, item.id).toBe(item.paper.ids.arxiv);
    });
  });
});

describe('names from every source', () => {
  it('reads the issue’s names the same from BibTeX, page metadata and lists', () => {
    const bib = parseBibTeX('@article{a, title={T}, author={{World Health Organization} and Rivera, Jr., J. Q. and others}}');
    expect(bib.ok && bib.items[0]!.paper.authorList).toEqual({
      names: [{ literal: 'World Health Organization' }, { family: 'Rivera', given: 'J. Q.', suffix: 'Jr.' }],
      etAl: true,
    });
    const doubleBraced = parseBibTeX('@article{a, title={T}, author={{{World Health Organization}}}}');
    expect(doubleBraced.ok && doubleBraced.items[0]!.paper.authorList.names).toEqual([{ literal: 'World Health Organization' }]);
    expect(['Nori, Harsha', 'Lee, Yin Tat'].map(nameFromText)).toEqual([
      { family: 'Nori', given: 'Harsha' },
      { family: 'Lee', given: 'Yin Tat' },
    ]);
    expect(['Harsha Nori', 'Yin Tat Lee'].map(nameFromText)).toEqual(['Nori, Harsha', 'Lee, Yin Tat'].map(nameFromText));
    expect(namesFromByline('Writer Engineering team')).toEqual({ names: [{ literal: 'Writer Engineering team' }], etAl: false });
    expect(namesFromByline('Harsha Nori et al.')).toEqual({ names: [{ family: 'Nori', given: 'Harsha' }], etAl: true });
  });

  it('keeps a saved page’s citation_author names ("Nori, Harsha") as people in BibTeX', () => {
    const saved = savedPaperFromPage({ url: 'https://example.org/p', title: 'T', authors: ['Nori, Harsha', 'Lee, Yin Tat'] });
    if (!('paper' in saved)) throw new Error(saved.error);
    expect(saved.paper.authors).toBe('Harsha Nori, Yin Tat Lee');
    const bibtex = toBibTeX([savedItem(saved.paper)]);
    expect(bibtex).toContain('author = {Nori, Harsha and Lee, Yin Tat}');
  });

  it('writes the issue’s names as BibTeX and RIS name those people', () => {
    const item = savedItem({
      id: 'title:t',
      title: 'T',
      authors: '',
      authorList: {
        names: [{ literal: 'World Health Organization' }, { family: 'Rivera', given: 'J. Q.', suffix: 'Jr.' }, { family: 'Nori', given: 'Harsha' }, { family: 'Lee', given: 'Yin Tat' }],
        etAl: false,
      },
    });
    expect(toBibTeX([item])).toContain('author = {{World Health Organization} and Rivera, Jr., J. Q. and Nori, Harsha and Lee, Yin Tat}');
    expect(toRIS([item])).toContain('AU  - World Health Organization\r\nAU  - Rivera, J. Q., Jr.\r\nAU  - Nori, Harsha\r\nAU  - Lee, Yin Tat\r\n');
  });
});
