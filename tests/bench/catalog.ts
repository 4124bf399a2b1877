/**
 * Catalog figures: parse time of a seed-size list, a synthetic 10k-line list and a 100k-entry list
 * (median of runs), beside the parser before the syntax-tree one (the line scanner, read from git
 * history, so no copy of it lives in lib/), and the bundled snapshot's size. The lists are rebuilt
 * from the committed snapshot in the seed's markdown shape, so the bench needs nothing outside the
 * repository but its history. Then the 100k-entry parse in a Chromium page, both parsers bundled
 * as the extension is (vite): the engine the service worker parses in, whose URL parser, regular
 * expressions and garbage collector differ from Node's.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build, type Rollup } from 'vite';
import { parseAwesomeList } from '../../lib/catalog/parse';
import type { CatalogEntry, CatalogSnapshot, ParsedList } from '../../lib/types';
import { writeListMarkdown } from '../fixtures/lists/writeList';
import { chromiumPath } from '../e2e/harness';
import { generateCorpus } from './corpus';

const SNAPSHOT_PATH = join(process.cwd(), 'assets/catalog.json');

function entryLine(entry: CatalogEntry, date = `${entry.year ?? 2023}/${String(entry.month ?? 1).padStart(2, '0')}`): string {
  const links = entry.links.map((link) => `[[${link.label}](${link.url})]`).join(' ');
  return `- [${date}] **${entry.title}** *${entry.authors}. ${entry.venue}.* ${links}`;
}

/** The seed's shape: entries under their first category's headings. */
function seedShapeMarkdown(snapshot: CatalogSnapshot): string {
  const lines = [`# ${snapshot.name}`, ''];
  let category = '';
  for (const entry of snapshot.entries) {
    if (entry.categories[0] !== category) {
      category = entry.categories[0] ?? '';
      lines.push('', `## ${category}`);
    }
    lines.push(entryLine(entry));
  }
  return lines.join('\n');
}

/** About `lineCount` lines: the snapshot's entries repeated with fresh arXiv ids and titles, under many headings. */
function syntheticMarkdown(snapshot: CatalogSnapshot, lineCount: number): string {
  const lines = ['# Synthetic list', ''];
  for (let i = 0; lines.length < lineCount; i++) {
    if (i % 40 === 0) lines.push('', `## Section ${Math.floor(i / 400)}`, `### Topic ${Math.floor(i / 40)}`);
    const base = snapshot.entries[i % snapshot.entries.length]!;
    const arxiv = `${String(15 + (i % 9))}${String(1 + (i % 12)).padStart(2, '0')}.${String(i).padStart(5, '0')}`;
    const links = [{ kind: 'paper' as const, url: `https://arxiv.org/abs/${arxiv}v${1 + (i % 3)}`, label: 'paper' }, ...base.links.filter((link) => link.kind === 'code')];
    lines.push(entryLine({ ...base, title: `${base.title} (${i})`, links }));
  }
  return lines.join('\n');
}

export type Parse = (markdown: string) => ParsedList;

/**
 * The line-scanning parser as it was before the syntax-tree parser replaced it, from git history
 * (`LANTERN_OLD_PARSER_REF`, default: the parent of the commit that replaced it), written next to
 * node_modules' cache with its imports pointed at today's lib/. Undefined without git history.
 */
export async function oldParser(): Promise<{ parse: Parse; ref: string; file: string } | undefined> {
  try {
    const git = (...args: string[]): string => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const ref = process.env.LANTERN_OLD_PARSER_REF ?? `${git('log', '-1', '--format=%H', '-S', 'export function extractLinks', '--', 'lib/catalog/markdown.ts')}^`;
    const dir = join(process.cwd(), 'node_modules/.cache/lantern-old-parser');
    mkdirSync(dir, { recursive: true });
    const lib = join(process.cwd(), 'lib');
    for (const file of ['parse.ts', 'markdown.ts']) {
      writeFileSync(join(dir, file), git('show', `${ref}:lib/catalog/${file}`).replace(/from '\.\.\//g, `from '${lib}/`));
    }
    const file = join(dir, 'parse.ts');
    const module = (await import(file)) as { parseAwesomeList: Parse };
    return { parse: module.parseAwesomeList, ref: git('rev-parse', '--short', ref), file };
  } catch {
    return undefined;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median time of one parse, ms of CPU time (the machine may be shared; wall time would measure the others too). */
function timeParse(parse: Parse, markdown: string, runs: number): { ms: number; entries: number } {
  let entries = 0;
  for (let i = 0; i < Math.min(3, runs); i++) entries = parse(markdown).entries.length;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    parse(markdown);
    times.push(process.cpuUsage(start).user / 1000);
  }
  return { ms: median(times), entries };
}

/** `file` and what it imports as one minified script that sets `globalThis.LanternParser` to its exports. */
async function pageScript(file: string): Promise<string> {
  const built = (await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: true, lib: { entry: file, formats: ['iife'], name: 'LanternParser', fileName: 'parser' } },
  })) as Rollup.RollupOutput[];
  return built[0]!.output[0].code;
}

/**
 * Wall-clock ms of each parse of `markdown` in a fresh Chromium page (the first one cold: no
 * compiled code yet, as when the service worker parses a list it just fetched), and the entry count.
 */
async function pageParseTimes(script: string, markdown: string, runs: number): Promise<{ times: number[]; entries: number }> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
  try {
    const page = await browser.newPage();
    await page.addScriptTag({ content: script });
    return await page.evaluate(
      ([text, count]) => {
        const { parseAwesomeList: parse } = (globalThis as unknown as { LanternParser: { parseAwesomeList: Parse } }).LanternParser;
        const times: number[] = [];
        let entries = 0;
        for (let i = 0; i < count; i++) {
          const start = performance.now();
          entries = parse(text).entries.length;
          times.push(performance.now() - start);
        }
        return { times, entries };
      },
      [markdown, runs] as const,
    );
  } finally {
    await browser.close();
  }
}

/** The 100k-entry parse in Chromium, now and before, in alternated fresh browsers; skipped without Chromium. */
async function chromiumParseFigures(markdown: string, old: Awaited<ReturnType<typeof oldParser>>): Promise<void> {
  const parsers = [{ label: 'now', file: join(process.cwd(), 'lib/catalog/parse.ts') }, ...(old ? [{ label: `before (${old.ref})`, file: old.file }] : [])];
  let scripts: string[];
  try {
    scripts = await Promise.all(parsers.map((parser) => pageScript(parser.file)));
  } catch (e) {
    console.log(`  Chromium: skipped, the parsers could not be bundled (${String(e)})`);
    return;
  }
  const cold = parsers.map((): number[] => []);
  const warm = parsers.map((): number[] => []);
  let entries = parsers.map(() => 0);
  try {
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < parsers.length; i++) {
        const { times, entries: count } = await pageParseTimes(scripts[i]!, markdown, 3);
        cold[i]!.push(times[0]!);
        warm[i]!.push(...times.slice(1));
        entries[i] = count;
      }
    }
  } catch (e) {
    console.log(`  Chromium: skipped (${String(e)})`);
    return;
  }
  console.log('100k-entry list in a Chromium page (wall-clock ms; cold: the first parse of a fresh page, as the service worker parses a fetched list; 2 rounds alternated):');
  parsers.forEach((parser, i) => {
    console.log(`  ${parser.label}: cold ${cold[i]!.map((t) => t.toFixed(0)).join(' / ')} ms, warm median ${median(warm[i]!).toFixed(0)} ms (${entries[i]!.toLocaleString('en')} entries)`);
  });
  if (parsers.length === 2) console.log(`  now/before: cold ${(median(cold[0]!) / median(cold[1]!)).toFixed(2)}×, warm ${(median(warm[0]!) / median(warm[1]!)).toFixed(2)}×`);
}

export async function run(): Promise<void> {
  const raw = readFileSync(SNAPSHOT_PATH, 'utf8');
  const snapshot = JSON.parse(raw) as CatalogSnapshot;
  const basis = snapshot.entries.map((entry) => ({ ...entry, lists: ['seed'] }));
  const hundredThousand = writeListMarkdown('Synthetic 100000', generateCorpus(100_000, { basis }).map(({ lists: _lists, ...entry }) => entry));
  const lists = [
    { label: 'seed-size list', markdown: seedShapeMarkdown(snapshot), runs: 50 },
    { label: 'synthetic 10k-line list', markdown: syntheticMarkdown(snapshot, 10_000), runs: 11 },
    { label: '100k-entry list (as the refresh bench)', markdown: hundredThousand, runs: 3 },
  ];
  const old = await oldParser();
  console.log('## catalog');
  console.log(`parse time, median ms of CPU time: syntax-tree parser (now)${old ? ` vs line scanner (${old.ref})` : ' (line scanner: no git history here)'}`);
  for (const { label, markdown, runs } of lists) {
    const lines = markdown.split('\n').length;
    const now = timeParse(parseAwesomeList, markdown, runs);
    const before = old && timeParse(old.parse, markdown, runs);
    console.log(
      `  ${label} (${lines.toLocaleString('en')} lines, ${(markdown.length / 1e6).toFixed(2)} MB, ${now.entries.toLocaleString('en')} entries): ` +
        `now ${now.ms.toFixed(1)} ms (${(lines / now.ms).toFixed(0)} lines/ms)` +
        (before ? ` | before ${before.ms.toFixed(1)} ms (${before.entries.toLocaleString('en')} entries) | now/before ${(now.ms / before.ms).toFixed(2)}×` : ''),
    );
  }
  await chromiumParseFigures(hundredThousand, old);
  console.log(`snapshot assets/catalog.json: ${(Buffer.byteLength(raw) / 1024).toFixed(1)} kB, ${(gzipSync(raw).length / 1024).toFixed(1)} kB gzipped, ${snapshot.entries.length} entries`);
}
