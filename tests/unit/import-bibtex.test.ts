/** BibTeX import: Zotero- and Paperpile-style files, Lantern's own export, and broken files. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toBibTeX } from '../../lib/formats/bibtex';
import { parseBibTeX, parseBibTeXAsync } from '../../lib/formats/bibtexImport';
import { MAX_IMPORT_BYTES } from '../../lib/formats/importResult';
import { NOTE_SEPARATOR } from '../../lib/notes';
import { cleanVenue, paperUrl } from '../../lib/formats/paperKind';
import type { SavedItem } from '../../lib/types';
import { trickyItems } from '../fixtures/imports/savedItems';

const fixture = (name: string): string => readFileSync(join(process.cwd(), 'tests/fixtures/imports', name), 'utf8');

function importedItems(text: string): SavedItem[] {
  const result = parseBibTeX(text, { now: 1_700_000_000_000 });
  if (!result.ok) throw new Error(`import failed: ${result.error}`);
  return result.items;
}

const byId = (items: SavedItem[], id: string): SavedItem => {
  const item = items.find((candidate) => candidate.id === id);
  expect(item, id).toBeDefined();
  return item!;
};

describe('parseBibTeX on a Zotero-style export', () => {
  const items = importedItems(fixture('zotero.bib'));

  it('reads every entry and identifies papers by arXiv id, else DOI', () => {
    expect(items.map((item) => item.id)).toEqual([
      'arxiv:2311.16452',
      'doi:10.1038/s41586-023-06291-2',
      'doi:10.1038/s41746-023-00896-7',
      'arxiv:2310.14573',
      'doi:10.1101/2023.10.26.23297629',
    ]);
  });

  it('drops case-protection braces and keeps names in reading order', () => {
    const nori = byId(items, 'arxiv:2311.16452');
    expect(nori.paper.title).toBe('Can Generalist Foundation Models Outcompete Special-Purpose Tuning? Case Study in Medicine');
    expect(nori.paper.authors).toBe('Harsha Nori, Yin Tat Lee, Sheng Zhang, Dean Carignan, Richard Edgar, Eric Horvitz');
    expect(nori.paper).toMatchObject({ venue: 'arXiv', year: 2023, month: 11, url: 'http://arxiv.org/abs/2311.16452' });
  });

  it("takes Zotero's arXiv note as an identifier, not as the user's note", () => {
    expect(byId(items, 'arxiv:2311.16452').note).toBe('');
  });

  it('turns keywords into tags and annote into the note', () => {
    expect(byId(items, 'doi:10.1038/s41586-023-06291-2').tags.sort()).toEqual(['Health care', 'LLM', 'Medical research']);
    const tang = byId(items, 'doi:10.1038/s41746-023-00896-7');
    expect(tang.note).toBe('Good baseline for our summarization study; compare with GPT-4 numbers in Table 2.');
    expect(tang.paper.ids).toMatchObject({ pmid: '37620423', pmcid: 'PMC10449915' });
  });

  it('reads conference papers with an arXiv eprint and "others"', () => {
    const liu = byId(items, 'arxiv:2310.14573');
    expect(liu.paper.title).toBe('Exploring the Boundaries of GPT-4 in Radiology');
    expect(liu.paper.authors).toBe('Qianchu Liu, Stephanie Hyland, Shruthi Bannur et al.');
    expect(liu.paper.venue).toBe('Proceedings of the 2023 Conference on Empirical Methods in Natural Language Processing');
    expect(liu.paper.ids.doi).toBe('10.18653/v1/2023.emnlp-main.891');
  });

  it('turns LaTeX accents and escapes into Unicode', () => {
    const muller = byId(items, 'doi:10.1101/2023.10.26.23297629');
    expect(muller.paper.title).toBe('Klinische Anwendung großer Sprachmodelle: Über Chancen & Risiken');
    expect(muller.paper.authors).toBe('Jörg Müller, Łukasz Øster, Jan van der Berg');
    expect(muller.paper.venue).toBe('medRxiv');
  });

  it('marks imported items as unread with no reading-state dates, so a merge never overrides the list', () => {
    for (const item of items) {
      expect(item).toMatchObject({ status: 'to-read', starred: false, statusChangedAt: 0, updatedAt: 0, addedAt: 1_700_000_000_000 });
    }
  });
});

describe('parseBibTeXAsync', () => {
  it('gives the same answers as parseBibTeX', async () => {
    for (const name of ['zotero.bib', 'paperpile.bib', 'unbalanced-braces.bib', 'missing-comma.bib']) {
      expect(await parseBibTeXAsync(fixture(name), { now: 5 })).toEqual(parseBibTeX(fixture(name), { now: 5 }));
    }
  });
});

describe('parseBibTeX on LaTeX markup', () => {
  it('keeps the text of formatting commands, math and URLs, not the markup', () => {
    const [item] = importedItems(
      '@article{x, title = {\\emph{Deep} \\textbf{Med}Net for H$_2$O and $\\alpha$-{GPT}}, note = {see \\url{https://example.org/a_b} \\textit{now}}, author = {Lee, Ann}}',
    );
    expect(item!.paper.title).toBe('Deep MedNet for H₂O and α-GPT');
    expect(item!.note).toBe('see https://example.org/a_b now');
  });

  it('keeps unknown commands as written instead of refusing the file', () => {
    const [item] = importedItems('@misc{x, title = {A \\mycommand{B} Title}}');
    expect(item!.paper.title).toContain('mycommand');
  });
});

describe('parseBibTeX on a Paperpile-style export', () => {
  const items = importedItems(fixture('paperpile.bib'));

  it('reads upper-case types, quoted values, bare numbers, month macros and semicolon keywords', () => {
    const nori = byId(items, 'arxiv:2311.16452');
    expect(nori.paper).toMatchObject({
      title: 'Can generalist foundation models outcompete special-purpose tuning? Case study in medicine',
      venue: 'arXiv',
      year: 2023,
      month: 11,
    });
    expect(nori.tags.sort()).toEqual(['LLM', 'medicine', 'to-read']);
    const singhal = byId(items, 'doi:10.1038/s41586-023-06291-2');
    expect(singhal.paper).toMatchObject({ venue: 'Nature', year: 2023, month: 8 });
    expect(singhal.paper.ids.pmid).toBe('37438534');
    expect(singhal.paper.authors).toBe('Karan Singhal, Shekoofeh Azizi, Tao Tu, S Sara Mahdavi, Jason Wei');
  });

  it('finds the arXiv id in a versioned URL and keeps the note', () => {
    const mcduff = byId(items, 'arxiv:2312.00164');
    expect(mcduff.paper.venue).toBe('arXiv');
    expect(mcduff.note).toBe('Read after the Medprompt paper');
    expect(mcduff.paper.authors).toBe('Daniel McDuff, Mike Schaekermann, Tao Tu et al.');
  });

  it('identifies a paper known only by DOI by its DOI', () => {
    expect(byId(items, 'doi:10.18653/v1/2023.emnlp-main.891').paper.title).toBe('Exploring the boundaries of GPT-4 in radiology');
  });

  it('stores a PubMed id without leading zeros, as every other reader does, so it finds the listed paper', () => {
    const [written, eprint] = importedItems(`@article{a, title = {Large language models encode clinical knowledge}, pmid = {037438534}}
@article{b, title = {Another paper}, eprint = {0012345}, eprinttype = {pubmed}}`);
    expect(written!.paper.ids.pmid).toBe('37438534');
    expect(eprint!.paper.ids.pmid).toBe('12345');
  });
});

describe("parseBibTeX on Lantern's own BibTeX export", () => {
  it('gives back the papers, tags and notes', () => {
    const originals = trickyItems();
    const imported = importedItems(toBibTeX(originals));
    expect(imported).toHaveLength(originals.length);
    for (const original of originals) {
      const item = byId(imported, original.id);
      expect(item.paper.title).toBe(original.paper.title.replace(/\s+/g, ' ').trim());
      expect(item.paper.authorList).toEqual(original.paper.authorList);
      expect(item.paper.venue).toBe(cleanVenue(original.paper.venue) || (original.paper.ids.arxiv ? 'arXiv' : ''));
      expect(item.paper.year).toBe(original.paper.year);
      expect(item.paper.month).toBe(original.paper.month);
      expect(item.paper.url).toBe(paperUrl(original.paper));
      expect(item.paper.ids).toMatchObject({ ...original.paper.ids, repos: expect.any(Array) });
      expect(item.tags.sort()).toEqual([...original.tags].sort());
      expect(item.note).toBe(original.note.replace(/\s+/g, ' ').trim());
    }
  });
});

describe('parseBibTeX on text that looks like markup, and on hostile characters', () => {
  it('keeps the file’s own angle brackets in titles, notes, names and tags: they are text, not the parser’s markup', () => {
    const items = importedItems(
      toBibTeX([
        {
          ...trickyItems()[0]!,
          id: 'title:the span element a study',
          paper: { ...trickyItems()[0]!.paper, id: 'title:the span element a study', title: 'The <span> Element: a Study <b>', titleKey: 'the span element a study b' },
          note: 'if x<a and y>b then <br> <i>',
          tags: ['<i>', 'a<b'],
        },
      ]),
    );
    expect(items.map((item) => [item.paper.title, item.note, item.tags])).toEqual([['The <span> Element: a Study <b>', 'if x<a and y>b then <br> <i>', ['<i>', 'a<b']]]);
    // Written bare, and in math, as other exporters write them; the parser's own markup still goes.
    expect(importedItems('@article{a, title = {x < y and $>$ z \\textit{in italics}}}')[0]!.paper.title).toBe('x < y and > z in italics');
  });

  it('reads a "%" line between entries as a comment, as the parser does, whatever "@" it holds', () => {
    const text = ['% Exported for jane@example.org', '% @article{old, title = {Commented out}}', '@article{a, title = {Kept}} % a note @ the end', '@article{b, title = {Also kept}}'].join('\n');
    expect(importedItems(text).map((item) => item.paper.title)).toEqual(['Kept', 'Also kept']);
  });

  it('cuts a long title at a command’s start, and not at an escaped backslash before letters', () => {
    const result = parseBibTeX(`@article{a, title = {${'x'.repeat(990)}\\\\${'word'.repeat(10)}}}`);
    expect(result.ok && result.items[0]!.paper.title.startsWith('x'.repeat(990))).toBe(true);
    expect(result.ok && result.warnings).toEqual(["Entry 'a' (line 1): its title is over 1,000 characters and was cut there."]);
  });

  it('drops control characters (a NUL stopped the parser) and the bidi overrides that can make a title read as another', () => {
    const items = importedItems('@article{a, title = {Evil \u202etitle\u202c}, note = {x\u0000y}}');
    expect(items.map((item) => [item.paper.title, item.note])).toEqual([['Evil title', 'xy']]);
  });
});

describe('parseBibTeX refuses broken and foreign files with a message naming what and where', () => {
  const refusal = (text: string): string => {
    const result = parseBibTeX(text);
    expect(result.ok).toBe(false);
    return result.ok ? '' : result.error;
  };

  it('unbalanced braces: the line and key of the entry', () => {
    expect(refusal(fixture('unbalanced-braces.bib'))).toMatch(/^Line 7: unbalanced braces in entry 'nori2023generalist'/);
  });

  it('a brace never closed before the end of the file', () => {
    expect(refusal('@misc{a,\n  title = {Hello},\n  author = {Lee, Ann')).toMatch(/^Line 1: unbalanced braces in entry 'a' \(a "\{" is never closed\)/);
  });

  it('a missing comma between fields', () => {
    expect(refusal(fixture('missing-comma.bib'))).toMatch(/^Line 1: a comma is missing before the field "journal" in entry 'singhal2023large'/);
  });

  it('a file with no entries, and a JSON file', () => {
    expect(refusal('Just some notes.\nNo references here.')).toMatch(/No BibTeX entries were found/);
    expect(refusal(fixture('csl-items.json'))).toMatch(/looks like a JSON file/);
  });

  it('@string abbreviations that double at every line (2 kB asking for gigabytes), at the first one past the bound', () => {
    const definitions = Array.from({ length: 40 }, (_, n) => `@string{s${n + 1} = s${n} # s${n}}`);
    const bomb = ['@string{s0 = "xxxxxxxx"}', ...definitions, '@article{a, title = {T}, note = s40}'].join('\n');
    expect(bomb.length).toBeLessThan(2048);
    expect(refusal(bomb)).toBe('Line 17: the @string abbreviations make far more text than a library holds (at "s15"). Nothing was imported; fix the file and try again.');
    // Abbreviations used as libraries use them (a journal's name in every entry) are far from it.
    const entries = Array.from({ length: 2000 }, (_, n) => `@article{k${n}, title = {Paper ${n}}, journal = jpami, month = jan}`);
    expect(parseBibTeX(['@string{jpami = "IEEE Transactions on Pattern Analysis and Machine Intelligence"}', ...entries].join('\n')).ok).toBe(true);
  });

  it('a 50 MB file, before parsing it', () => {
    const huge = '@misc{a, title={x}}\n'.padEnd(50 * 1024 * 1024, ' ');
    expect(huge.length).toBeGreaterThan(MAX_IMPORT_BYTES);
    expect(refusal(huge)).toMatch(/too large to import \(50\.0 MB; the limit is 32\.0 MB\)/);
  });

  it('drops identifiers that are not valid and names them in a warning, keeping the entry', () => {
    const result = parseBibTeX(
      '@article{bad, title = {A Paper}, doi = {not-a-doi\u202e}, pmid = {12ab}, pmcid = {PMCx}}\n@misc{pre, title = {B Paper}, eprint = {no.id}, archiveprefix = {arXiv}}\n@misc{ok, title = {C Paper}, doi = {arXiv:2311.16452}}\n@misc{tex, title = {D Paper}, doi = {10.1016/j.jbi.2020\\_01.001}}',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.items.map((item) => item.paper.ids)).toEqual([{ repos: [] }, { repos: [] }, { arxiv: '2311.16452', repos: [] }, { doi: '10.1016/j.jbi.2020_01.001', repos: [] }]);
    // Quoted as text: a bidi override or a line break in the file does not reach the message.
    expect(result.warnings).toEqual([
      'Entry \'bad\' (line 1): dropped DOI "not-a-doi" and PubMed id "12ab" and PMC id "PMCx", not valid.',
      'Entry \'pre\' (line 2): dropped arXiv id "no.id", not valid.',
    ]);
  });

  it('drops a year a reading list cannot hold (a backup of it would not read back) and says so', () => {
    const result = parseBibTeX('@book{old, title = {Ancient Text}, year = {0999}}\n@book{new, title = {Recent Text}, year = {2024}}');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.items.map((item) => item.paper.year)).toEqual([undefined, 2024]);
    expect(result.warnings).toEqual(['Entry \'old\' (line 1): dropped year "0999", not valid.']);
  });

  it('skips an entry without a title with a warning, and merges two entries of one paper, keeping both notes', () => {
    const result = parseBibTeX(
      '@misc{untitled, author = {Lee, Ann}}\n@misc{a, title = {Same}, keywords = {x}, annote = {first note}}\n@misc{b, title = {Same.}, keywords = {y}, annote = {second note}}',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.items).toHaveLength(1);
    expect(result.items[0]!.tags).toEqual(['x', 'y']);
    expect(result.items[0]!.note).toBe(`first note${NOTE_SEPARATOR}second note`);
    expect(result.warnings).toEqual([
      "Entry 'untitled' (line 1) has no title and was skipped.",
      "Entry 'b' (line 3) is the same paper as an earlier entry; they were imported as one.",
    ]);
  });

  it('keeps entries of one title apart when their identifiers differ, each under an id of its own', () => {
    const items = importedItems(
      [
        '@article{a, title = {Correction}, pmid = {11111111}, annote = {note on A}}',
        '@article{b, title = {Correction}, pmid = {22222222}, annote = {note on B}}',
        '@article{c, title = {Correction}, pmid = {22222222}, keywords = {later}}',
        '@article{d, title = {Correction}, pmid = {33333333}, url = {https://example.org/d}}',
      ].join('\n'),
    );
    expect(items.map((item) => [item.id, item.paper.id, item.paper.ids.pmid, item.note, item.tags])).toEqual([
      ['title:correction', 'title:correction', '11111111', 'note on A', []],
      ['pmid:22222222', 'pmid:22222222', '22222222', 'note on B', ['later']],
      ['pmid:33333333', 'pmid:33333333', '33333333', '', []],
    ]);
  });
});
