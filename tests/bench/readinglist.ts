/**
 * Reading-list figures at 10,000 saved papers: saving, filtering, exporting in every
 * format, and importing back. Runs on fake-indexeddb in Node, so database times are only
 * indicative of a browser's IndexedDB; the pure writers and parsers run as they would in a page.
 * The issue names no peer to compare with, so ratios compare Lantern's own alternatives
 * (one transaction per save against one for all, an index against an in-memory filter).
 */
import 'fake-indexeddb/auto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { listSaved, restoreSaved, savePaper, updateSaved } from '../../lib/db/readingList';
import { LanternDB } from '../../lib/db/schema';
import { toBibTeX } from '../../lib/formats/bibtex';
import { parseBibTeX } from '../../lib/formats/bibtexImport';
import { toCSV } from '../../lib/formats/csv';
import { importItems } from '../../lib/formats/importItems';
import { parseJSONBackup, toJSONBackup } from '../../lib/formats/jsonBackup';
import { makeRandom } from './corpus';
import { toMarkdown } from '../../lib/formats/markdown';
import { toRIS } from '../../lib/formats/ris';
import { titleKey } from '../../lib/title';
import type { ReadingStatus, SavedItem, SavedPaper } from '../../lib/types';
import { withAuthorList } from '../fixtures/authors';

const SIZE = Number(process.env.LANTERN_BENCH_READINGLIST_SIZE ?? 10_000);
const STATUSES: ReadingStatus[] = ['to-read', 'reading', 'read'];
const TAGS = ['llm', 'radiology', 'to-cite', 'benchmark', 'clinical notes', 'eval & safety', 'ünïcode', 'rag', 'agents', 'vision'];
const WORDS = ['Large', 'Language', 'Models', 'for', 'Clinical', 'Radiology', 'Report', 'Generation', 'GPT-4', 'Med-PaLM', 'Evaluation', 'of', '50%', 'Safety', '{Braced}', 'Über', 'Diagnosis', 'Agents', 'Retrieval-Augmented', 'EHR', '中文', 'Benchmark'];
const SURNAMES = ['Nori', 'Singhal', 'Müller', 'Chen', 'Wang', 'van der Berg', 'Łukasz', 'Tang', 'Liu', 'McDuff'];
const VENUES = ['arXiv', 'Nature', 'npj Digital Medicine', 'EMNLP 2023 main', 'medRxiv', 'NeurIPS 2023', 'JAMA'];
const CATEGORIES = ['Specialized Medical LLMs', 'Multimodal LLMs in Medicine', 'LLM-Powered Healthcare Agents', 'Evaluation › Strategies'];


function syntheticPaper(index: number, next: () => number): SavedPaper {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const title = `${Array.from({ length: 6 + Math.floor(next() * 8) }, () => pick(WORDS)).join(' ')} ${index}`;
  const arxiv = `2${3 + (index % 2)}${String(1 + (index % 12)).padStart(2, '0')}.${String(index).padStart(5, '0')}`;
  const venue = pick(VENUES);
  const onArxiv = venue === 'arXiv' || index % 3 === 0;
  const url = onArxiv ? `https://arxiv.org/abs/${arxiv}` : `https://doi.org/10.1000/bench.${index}`;
  return withAuthorList({
    id: onArxiv ? `arxiv:${arxiv}` : `doi:10.1000/bench.${index}`,
    title,
    authors: `${pick(['Harsha', 'Karan', 'Jörg', 'Wei', 'Ann'])} ${pick(SURNAMES)}${next() < 0.7 ? ' et al.' : ''}`,
    venue,
    year: 2019 + (index % 6),
    month: 1 + (index % 12),
    categories: [pick(CATEGORIES)],
    links: [
      { kind: 'paper', url, label: 'paper' },
      ...(index % 4 === 0 ? [{ kind: 'code' as const, url: `https://github.com/lab${index % 50}/repo${index}`, label: 'code' }] : []),
    ],
    ids: { ...(onArxiv ? { arxiv } : { doi: `10.1000/bench.${index}` }), repos: index % 4 === 0 ? [`github.com/lab${index % 50}/repo${index}`] : [] },
    titleKey: titleKey(title),
    url,
  });
}

export function syntheticItems(size: number): SavedItem[] {
  const next = makeRandom(7);
  const start = Date.UTC(2024, 0, 1);
  return Array.from({ length: size }, (_, index) => {
    const paper = syntheticPaper(index, next);
    const addedAt = start + index * 60_000;
    return {
      id: paper.id,
      paper,
      status: STATUSES[index % 3]!,
      statusChangedAt: addedAt,
      tags: TAGS.filter(() => next() < 0.2),
      note: next() < 0.3 ? `Read section ${index % 9}, "compare", with notes;\nsecond line ${index}` : '',
      starred: index % 10 === 0,
      addedAt,
      updatedAt: addedAt,
    };
  });
}

async function time<T>(work: () => T | Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
const kb = (text: string): string => `${(Buffer.byteLength(text, 'utf8') / 1024).toFixed(0)} KB`;

function row(label: string, value: string, extra = ''): void {
  console.log(`  ${label.padEnd(44)} ${value.padStart(10)}  ${extra}`);
}

export async function run(): Promise<void> {
  console.log(`\n== reading list == ${SIZE.toLocaleString('en')} saved papers; fake-indexeddb in Node, so database times are indicative only`);
  console.log(`   load average ${loadavg().map((load) => load.toFixed(1)).join(' ')} on ${cpus().length} cores`);
  const items = syntheticItems(SIZE);
  const opened: LanternDB[] = [];
  const openDb = async (): Promise<LanternDB> => {
    const db = new LanternDB(`bench-readinglist-${opened.length}-${Date.now()}`);
    opened.push(db);
    await db.open();
    return db;
  };

  // Saving
  const oneByOne = await openDb();
  const [, perItemMs] = await time(async () => {
    for (const item of items) await savePaper(oneByOne, item.paper, item.addedAt);
  });
  const bulk = await openDb();
  const [, bulkMs] = await time(() => restoreSaved(bulk, items));
  console.log('saving');
  row(`savePaper × ${SIZE} (one transaction each)`, ms(perItemMs), `${((perItemMs * 1000) / SIZE).toFixed(0)} µs per save`);
  row('restoreSaved (one transaction for all)', ms(bulkMs), `one-by-one is ${(perItemMs / bulkMs).toFixed(1)}× slower`);
  const [, updateMs] = await time(async () => {
    for (let k = 0; k < 200; k++) await updateSaved(bulk, items[(k * 7919) % SIZE]!.id, { status: 'read', note: `edited ${k}` });
  });
  row('updateSaved (status + note), per edit', ms(updateMs / 200));

  // Filtering
  console.log('filtering');
  const [all, listMs] = await time(() => listSaved(bulk));
  row('listSaved (all, newest first)', ms(listMs), `${all.length} items`);
  const [reading, statusIndexMs] = await time(() => bulk.saved.where('status').equals('reading').toArray());
  row('status = reading, through the index', ms(statusIndexMs), `${reading.length} items`);
  const [tagged, tagIndexMs] = await time(() => bulk.saved.where('tags').equals('radiology').toArray());
  row('tag = radiology, through the multi-entry index', ms(tagIndexMs), `${tagged.length} items`);
  const [combined, memoryMs] = await time(() =>
    all.filter((item) => item.status === 'reading' && item.tags.includes('radiology') && item.paper.titleKey.includes('clinical')),
  );
  row('status + tag + title words, in memory', ms(memoryMs), `${combined.length} items; index read is ${(statusIndexMs / Math.max(memoryMs, 0.01)).toFixed(0)}× the in-memory filter`);

  // Exporting
  console.log('exporting (whole list; median of 3 runs)');
  const exports: Array<[string, () => string]> = [
    ['BibTeX', () => toBibTeX(all)],
    ['RIS', () => toRIS(all)],
    ['CSV', () => toCSV(all)],
    ['Markdown', () => toMarkdown(all, { title: 'Reading list' })],
    ['JSON backup', () => toJSONBackup(all, { exportedAt: Date.now() })],
  ];
  const outputs = new Map<string, string>();
  for (const [name, write] of exports) {
    const runs = [await time(write), await time(write), await time(write)].sort((a, b) => a[1] - b[1]);
    const [text, writeMs] = runs[1]!;
    outputs.set(name, text);
    row(name, ms(writeMs), `${kb(text)}, ${((writeMs * 1000) / SIZE).toFixed(0)} µs per item`);
  }

  // Importing
  console.log('importing');
  const [backup, parseJsonMs] = await time(() => parseJSONBackup(outputs.get('JSON backup')!));
  row('parseJSONBackup', ms(parseJsonMs), backup.ok ? `${backup.items.length} items` : backup.error);
  const [bib, parseBibMs] = await time(() => parseBibTeX(outputs.get('BibTeX')!));
  row('parseBibTeX (Lantern export)', ms(parseBibMs), bib.ok ? `${bib.items.length} items, ${((parseBibMs * 1000) / SIZE).toFixed(0)} µs per entry` : bib.error);
  if (backup.ok) {
    const empty = await openDb();
    const [added, addMs] = await time(() => importItems(empty, backup.items, { mode: 'merge' }));
    row('importItems into an empty list', ms(addMs), JSON.stringify(added));
    const [again, againMs] = await time(() => importItems(empty, backup.items, { mode: 'merge' }));
    row('importItems again (nothing changes)', ms(againMs), JSON.stringify(again));
  }
  if (bib.ok) {
    const [merged, mergeMs] = await time(() => importItems(bulk, bib.items, { mode: 'merge' }));
    row('importItems of that BibTeX into the full list', ms(mergeMs), JSON.stringify(merged));
  }

  for (const db of opened) await db.delete();
}
