/**
 * Catalog figures: parse time of a seed-size list and of a synthetic 10k-line list (median of
 * runs), and the bundled snapshot's size. The lists are rebuilt from the committed snapshot in the
 * seed's markdown shape, so the bench needs nothing outside the repository.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { parseAwesomeList } from '../../lib/catalog/parse';
import type { CatalogEntry, CatalogSnapshot } from '../../lib/types';

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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeParse(markdown: string, runs: number): { ms: number; entries: number } {
  let entries = 0;
  for (let i = 0; i < 3; i++) entries = parseAwesomeList(markdown).entries.length;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    parseAwesomeList(markdown);
    times.push(performance.now() - start);
  }
  return { ms: median(times), entries };
}

export async function run(): Promise<void> {
  const raw = readFileSync(SNAPSHOT_PATH, 'utf8');
  const snapshot = JSON.parse(raw) as CatalogSnapshot;
  const seed = seedShapeMarkdown(snapshot);
  const large = syntheticMarkdown(snapshot, 10_000);
  const seedTime = timeParse(seed, 50);
  const largeTime = timeParse(large, 11);
  const largeLines = large.split('\n').length;
  console.log('## catalog');
  console.log(`parse seed-size list (${seed.split('\n').length} lines, ${seedTime.entries} entries): ${seedTime.ms.toFixed(2)} ms median of 50`);
  console.log(
    `parse synthetic list (${largeLines} lines, ${largeTime.entries} entries): ${largeTime.ms.toFixed(1)} ms median of 11` +
      ` (${(largeLines / largeTime.ms).toFixed(0)} lines/ms; ${(largeTime.ms / largeLines / (seedTime.ms / seed.split('\n').length)).toFixed(2)}× the per-line cost of the seed size)`,
  );
  console.log(`snapshot assets/catalog.json: ${(Buffer.byteLength(raw) / 1024).toFixed(1)} kB, ${(gzipSync(raw).length / 1024).toFixed(1)} kB gzipped, ${snapshot.entries.length} entries`);
}
