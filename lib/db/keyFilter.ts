/**
 * A list's key filter: the sorted 32-bit hashes of every key its entries are found by, so that a
 * lookup of many keys (a listing of 2,000 items, a bibliography) reads key buckets only for the
 * keys that may be there. Identifiers ("arxiv:…", "doi:…", "pmid:…", "pmcid:…", "repo:…") are
 * hashed as their bucket is chosen (FNV-1a); titles by the word hash a text scan rolls
 * (lib/listing/titleScan.ts), so a reference's text is tested run by run without reading any
 * title. No key of the list is ever missed; a key not in it passes with odds of about n / 2^32
 * (n keys in the list), which costs one bucket read, never a wrong match.
 *
 * One row per list in the key-value table, written in the transaction that writes the list's
 * buckets (catalog.ts); a list stored before filters existed gets its filter built from its
 * buckets on first use.
 */
import { fnv1a } from './buckets';
import type { EntryKeyBucket } from './layout';
import type { LanternDB } from './schema';
import { runAtOnce, type Sliced } from '../slices';
import { isScannedTitleOf, titleHash, titleWords } from '../listing/titleScan';

const TITLE = 'title:';
const ID = 'id:';

export interface KeyFilter {
  /** Key hashes, ascending, each once. */
  hashes: Uint32Array;
  /** Word counts of the list's titles that a text scan looks for (titleScan.ts), ascending. */
  titleLengths: number[];
}

/** The hash of a key as the filter holds it. */
export function keyHash(key: string): number {
  return key.startsWith(TITLE) ? titleHash(key.slice(TITLE.length)) : fnv1a(key);
}

/** The filter of these keys (a list's bucket keys); entry ids ("id:…") are looked up by id, not filtered. */
export function buildKeyFilter(keys: Iterable<string>): KeyFilter {
  const builder = new KeyFilterBuilder();
  for (const key of keys) builder.add(key);
  return builder.filter();
}

class KeyFilterBuilder {
  private readonly hashes: number[] = [];
  private readonly lengths = new Set<number>();

  add(key: string): void {
    if (key.startsWith(ID)) return;
    if (!key.startsWith(TITLE)) {
      this.hashes.push(fnv1a(key));
      return;
    }
    const title = key.slice(TITLE.length);
    const { hash, words } = titleWords(title);
    this.hashes.push(hash);
    if (isScannedTitleOf(title, words)) this.lengths.add(words);
  }

  filter(): KeyFilter {
    const sorted = Uint32Array.from(this.hashes).sort();
    let size = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[size - 1]) sorted[size++] = sorted[i]!;
    return { hashes: sorted.slice(0, size), titleLengths: [...this.lengths].sort((a, b) => a - b) };
  }
}

/** Whether the filter may hold a key with this hash (binary search). */
export function mayHold(filter: KeyFilter, hash: number): boolean {
  const { hashes } = filter;
  let low = 0;
  let high = hashes.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const value = hashes[mid]!;
    if (value === hash) return true;
    if (value < hash) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

/** The key-value row of a list's filter. */
export function keyFilterKey(listId: string): string {
  return `keyFilter:${listId}`;
}

function isKeyFilter(value: unknown): value is KeyFilter {
  if (typeof value !== 'object' || value === null) return false;
  const filter = value as Partial<KeyFilter>;
  return filter.hashes instanceof Uint32Array && Array.isArray(filter.titleLengths);
}

/** The filter of a list's stored buckets. */
export function keyFilterOfBuckets(buckets: readonly EntryKeyBucket[]): KeyFilter {
  return runAtOnce(keyFilterOfBucketsInSteps(buckets));
}

/** keyFilterOfBuckets as a sliced computation (lib/slices.ts), for a large list written in the background. */
export function* keyFilterOfBucketsInSteps(buckets: readonly EntryKeyBucket[]): Sliced<KeyFilter> {
  const builder = new KeyFilterBuilder();
  for (const bucket of buckets) {
    yield;
    for (const key of bucket.keys) builder.add(key);
  }
  return builder.filter();
}

/**
 * The key filters of these lists, in their order: read from the key-value table, or built from
 * the list's buckets and stored (in one transaction with that read, so a list being rewritten
 * meanwhile is filtered as it is afterwards).
 */
export async function keyFilters(db: LanternDB, listIds: readonly string[]): Promise<KeyFilter[]> {
  const rows = await db.kv.bulkGet(listIds.map(keyFilterKey));
  return Promise.all(
    listIds.map(async (listId, i) => {
      const stored = rows[i]?.value;
      if (isKeyFilter(stored)) return stored;
      return db.transaction('rw', [db.entryKeys, db.kv], async () => {
        const again = (await db.kv.get(keyFilterKey(listId)))?.value;
        if (isKeyFilter(again)) return again;
        const buckets = await db.entryKeys.where(':id').between([listId, -Infinity], [listId, Infinity], true, true).toArray();
        const filter = keyFilterOfBuckets(buckets);
        await db.kv.put({ key: keyFilterKey(listId), value: filter });
        return filter;
      });
    }),
  );
}
