/**
 * Fuzzing the parsers with random and mutated inputs (fixed seed, bounded count): the seed lists,
 * BibTeX files, backups and URLs are mutated by inserting, deleting, repeating and swapping
 * pieces and markdown/BibTeX/URL tokens. Every parser must not throw, must give well-formed
 * output (only http(s) links, valid identifiers), and must stay linear: the slowest mutated input
 * is compared with a plain input of its size (a ratio, see ./linearity.ts), never a wall clock.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAwesomeList } from '../../lib/catalog/parse';
import { parseBibTeX } from '../../lib/formats/bibtexImport';
import { parseJSONBackup } from '../../lib/formats/jsonBackup';
import { doiFromUrl, arxivIdFromUrl, normalizeArxivId, normalizeDoi, idsFromUrls } from '../../lib/ids';
import { parsePastedIdentifier } from '../../lib/search/paste';
import { tokenizeForIndex, tokenizeQuery } from '../../lib/search/tokenize';
import { titleKey } from '../../lib/title';
import type { PaperIds } from '../../lib/types';
import { makeRandom } from '../bench/corpus';
import { repeatTo } from './linearity';


const TOKENS = [
  '[', ']', '(', ')', '![', '](', '[](', '**', '__', '*', '_', '`', '<', '>', '<!--', '-->', '|', '\\', '#', '## ', '- ', '\n', '\r\n', ' ',
  '\t', '%29', '%', ')', '.', ',', ':', ';', '"', "'", '{', '}', '@', '@article{', '=', '#', '$', '\\em ', 'and ', 'others',
  'https://', 'http://', 'javascript:', 'data:', '10.', '/', 'doi.org/', 'arxiv.org/abs/', '2311.16452', 'v2', 'PMC', '2023', '/full',
  'é', '\u0301', '\u200b', '\u202e', '🔔', '\u0000', 'GPT-4V(ision)', 'aB',
];

function mutate(text: string, next: () => number, steps: number): string {
  let result = text;
  for (let step = 0; step < steps; step++) {
    const at = Math.floor(next() * (result.length + 1));
    const choice = next();
    if (choice < 0.35) {
      const token = TOKENS[Math.floor(next() * TOKENS.length)]!;
      result = result.slice(0, at) + token.repeat(1 + Math.floor(next() * next() * 200)) + result.slice(at);
    } else if (choice < 0.55) {
      result = result.slice(0, at) + result.slice(at + Math.floor(next() * 50));
    } else if (choice < 0.75) {
      const length = Math.floor(next() * 40);
      result = result.slice(0, at) + result.slice(at, at + length).repeat(1 + Math.floor(next() * 30)) + result.slice(at);
    } else if (choice < 0.9) {
      const from = Math.floor(next() * result.length);
      result = result.slice(0, at) + result.slice(from, from + Math.floor(next() * 80)) + result.slice(at);
    } else {
      result = result.slice(0, at) + String.fromCharCode(Math.floor(next() * 0x3000)) + result.slice(at);
    }
  }
  return result;
}

function randomText(next: () => number, length: number): string {
  let text = '';
  while (text.length < length) {
    text += next() < 0.7 ? TOKENS[Math.floor(next() * TOKENS.length)]! : String.fromCharCode(32 + Math.floor(next() * 95));
  }
  return text;
}

const root = join(process.cwd(), 'tests/fixtures');
const fixtures = (dir: string, extension: string): string[] =>
  readdirSync(join(root, dir)).filter((name) => name.endsWith(extension)).map((name) => readFileSync(join(root, dir, name), 'utf8'));

const LISTS = fixtures('lists', '.md');
const BIBTEX = fixtures('imports', '.bib');
const BACKUP = JSON.stringify({
  format: 'lantern-backup', version: 1, exportedAt: '2024-01-01T00:00:00.000Z',
  items: [{
    id: 'arxiv:2311.16452',
    paper: { id: 'arxiv:2311.16452', title: 'Medprompt', authors: 'Harsha Nori et al.', venue: 'arXiv', categories: ['A › B'], links: [{ kind: 'paper', url: 'https://arxiv.org/abs/2311.16452', label: 'paper' }], ids: { arxiv: '2311.16452', doi: '10.48550/arxiv.2311.16452', repos: [] }, titleKey: 'medprompt' },
    status: 'reading', statusChangedAt: 1, tags: ['a'], note: 'n', starred: false, addedAt: 1, updatedAt: 1,
  }],
});
const URLS = [
  'https://arxiv.org/abs/2311.16452v2', 'https://doi.org/10.1016/S0140-6736(23)00216-7', 'https://www.nature.com/articles/s41586-023-06291-2',
  'https://pubmed.ncbi.nlm.nih.gov/37492832/', 'https://pmc.ncbi.nlm.nih.gov/articles/PMC10364849/', 'https://github.com/epfLLM/meditron',
  'https://www.medrxiv.org/content/10.1101/2023.10.26.23297629v3.full', 'https://onlinelibrary.wiley.com/doi/full/10.1002/abc.123',
];

/** Long enough a run that work quadratic in it stands out against a plain input of its size. */
const LONG_RUN = 16_000;

/**
 * Every input of one parser: mutations of its seeds, random text, and for every token one seed
 * with a long run of that token at a random place (random mutations rarely make a run that long).
 */
function inputs(seeds: readonly string[], seed: number, count: number, steps: number, longRun = LONG_RUN): string[] {
  const next = makeRandom(seed);
  const made: string[] = [];
  for (let n = 0; n < count; n++) {
    made.push(next() < 0.85 ? mutate(seeds[n % seeds.length]!, next, 1 + Math.floor(next() * steps)) : randomText(next, Math.floor(next() * 3000)));
  }
  TOKENS.forEach((token, n) => {
    const text = seeds[n % seeds.length]!;
    const at = Math.floor(next() * (text.length + 1));
    made.push(text.slice(0, at) + token.repeat(Math.ceil(longRun / token.length)) + text.slice(at));
  });
  return made;
}

const DOI = /^10\.\d{4,9}\/\S+$/;
const ARXIV = /^(?:\d{4}\.\d{4,5}|[a-z-]+\/\d{7})$/;

function expectValidIds(ids: Partial<PaperIds>, where: string): void {
  if (ids.doi !== undefined) expect(ids.doi, where).toMatch(DOI);
  if (ids.arxiv !== undefined) expect(ids.arxiv, where).toMatch(ARXIV);
  if (ids.pmid !== undefined) expect(ids.pmid, where).toMatch(/^[1-9]\d{0,8}$/);
  if (ids.pmcid !== undefined) expect(ids.pmcid, where).toMatch(/^PMC\d{1,9}$/);
}

function expectHttp(url: string, where: string): void {
  expect(new URL(url).protocol, where).toMatch(/^https?:$/);
}

/** CPU milliseconds of one call (see linearity.ts for why CPU time). */
function cpuMs(run: () => unknown): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * `unit` repeated whole until at least `size` characters: a plain input that stays readable
 * (a BibTeX entry or a JSON backup cut in the middle would be refused after a few characters,
 * and every input would look slow next to it).
 */
function wholeRepeats(unit: string, size: number): string {
  return unit.repeat(Math.max(1, Math.ceil(size / unit.length)));
}

/**
 * The slowest input's time per character must stay within `maxRatio` of a plain input's
 * (`plain(size)`), after timing it again to rule out a busy moment.
 */
function expectNoPathologicalInput(run: (text: string) => unknown, fuzzed: readonly string[], plainOf: (size: number) => string, maxRatio = 30): void {
  const times = fuzzed.map((text) => ({ text, ms: cpuMs(() => run(text)) }));
  const slowest = times.sort((a, b) => b.ms / Math.max(b.text.length, 1) - a.ms / Math.max(a.text.length, 1)).slice(0, 3);
  for (const { text } of slowest) {
    const plain = plainOf(text.length);
    const plainMs = Math.max(0.05, Math.min(cpuMs(() => run(plain)), cpuMs(() => run(plain))));
    const fuzzedMs = Math.min(cpuMs(() => run(text)), cpuMs(() => run(text)), cpuMs(() => run(text)));
    // Per character: the plain input may be longer than the fuzzed one (whole repeats).
    const ratio = fuzzedMs / Math.max(text.length, 1) / (plainMs / plain.length);
    expect(ratio, `${JSON.stringify(text.slice(0, 120))}… (${text.length} characters): ${fuzzedMs.toFixed(2)} ms vs plain ${plainMs.toFixed(2)} ms for ${plain.length}`).toBeLessThan(maxRatio);
  }
}

describe('fuzzed parsers (fixed seed)', () => {
  it('list parser: never throws, keeps only http(s) links and valid ids, no pathological input', () => {
    const fuzzed = inputs(LISTS, 1, 300, 40);
    for (const text of fuzzed) {
      const list = parseAwesomeList(text);
      for (const entry of list.entries) {
        expect(entry.title.trim(), 'title').not.toBe('');
        for (const link of entry.links) expectHttp(link.url, entry.title);
        expectValidIds(entry.ids, entry.title);
      }
      for (const warning of list.warnings) expect(warning.line).toBeGreaterThan(0);
    }
    expectNoPathologicalInput(parseAwesomeList, fuzzed, (size) => repeatTo(LISTS.join('\n'), Math.max(size, 1)));
  }, 120_000);

  it('BibTeX import: never throws, answers items with valid ids or one plain error, no pathological input', () => {
    // Shorter runs: the BibTeX parser costs far more per character than the others.
    const fuzzed = inputs(BIBTEX, 2, 60, 20, 4_000);
    for (const text of fuzzed) {
      const result = parseBibTeX(text, { now: 0 });
      if (!result.ok) {
        expect(result.error).toMatch(/\S/);
        continue;
      }
      for (const item of result.items) {
        expect(item.paper.title.trim()).not.toBe('');
        for (const link of item.paper.links) expectHttp(link.url, item.id);
        if (item.paper.url !== undefined) expectHttp(item.paper.url, item.id);
        expectValidIds(item.paper.ids, item.id);
      }
    }
    // The plain input is the seeds that import (a file with a syntax error is refused at once).
    const readable = BIBTEX.filter((text) => parseBibTeX(text, { now: 0 }).ok).join('\n');
    expect(parseBibTeX(wholeRepeats(readable, 10_000), { now: 0 }).ok).toBe(true);
    expectNoPathologicalInput((text) => parseBibTeX(text, { now: 0 }), fuzzed, (size) => wholeRepeats(readable, size));
  }, 120_000);

  it('JSON backups: never throw, keep only http(s) links and valid ids, no pathological input', () => {
    const fuzzed = inputs([BACKUP], 3, 300, 10);
    for (const text of fuzzed) {
      const result = parseJSONBackup(text);
      if (!result.ok) continue;
      for (const item of result.items) {
        for (const link of item.paper.links) expectHttp(link.url, item.id);
        expectValidIds(item.paper.ids, item.id);
      }
    }
    const plainBackup = (size: number): string => {
      const backup = JSON.parse(BACKUP) as { items: unknown[] };
      const item = JSON.stringify(backup.items[0]);
      return JSON.stringify({ ...backup, items: [] }).replace('[]', `[${Array.from({ length: Math.max(1, Math.ceil(size / item.length)) }, () => item).join(',')}]`);
    };
    expect(parseJSONBackup(plainBackup(10_000)).ok).toBe(true);
    expectNoPathologicalInput(parseJSONBackup, fuzzed, plainBackup);
  }, 120_000);

  it('identifiers, titles, search and paste: never throw, give valid ids, no pathological input', () => {
    const fuzzed = inputs(URLS, 4, 600, 8);
    const all = (text: string): void => {
      normalizeDoi(text);
      normalizeArxivId(text);
      doiFromUrl(text);
      arxivIdFromUrl(text);
      titleKey(text);
      tokenizeForIndex(text);
      tokenizeQuery(text);
      parsePastedIdentifier(text);
    };
    for (const text of fuzzed) {
      all(text);
      expectValidIds(idsFromUrls([text]), text);
      const pasted = parsePastedIdentifier(text);
      if (pasted) {
        expectHttp(pasted.url, text);
        expectValidIds(pasted, text);
      }
      const doi = normalizeDoi(text);
      if (doi !== undefined) expect(normalizeDoi(doi), text).toBe(doi);
    }
    expectNoPathologicalInput(all, fuzzed, (size) => repeatTo(URLS.join(' '), Math.max(size, 1)));
  }, 120_000);
});
