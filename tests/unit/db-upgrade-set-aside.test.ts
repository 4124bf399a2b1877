/**
 * One malformed row never blocks a schema upgrade: each version's example (tests/fixtures/db)
 * plus the malformed rows of tests/fixtures/db-malformed-rows.json opens under the current
 * schema, the good rows are converted as usual, and every malformed row is out of its table and
 * kept aside in db.kv exactly as it was stored, with its table and the version that could not
 * convert it.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { papersByKeys } from '../../lib/db/catalog';
import { layoutListV3 } from '../../lib/db/frozen/layoutV3';
import { entryKeys } from '../../lib/db/layout';
import { LanternDB, SCHEMA_VERSIONS } from '../../lib/db/schema';
import { readSetAside, SET_ASIDE_KEY, setAsideFile, setAsideNotice, type SetAsideRow } from '../../lib/db/setAside';
import type { LaidOutEntry } from '../../lib/types';

const CURRENT = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;
type Row = Record<string, unknown>;

interface VersionExample {
  version: number;
  tables: Record<string, Row[]>;
}
interface MalformedRows {
  list: Row;
  goodEntry: Row;
  entryWithoutIds: Row;
  entryWithNumberAuthors: Row;
  savedWithoutPaper: Row;
  savedWithNumberAuthors: Row;
}

const fixture = <T>(path: string): T => JSON.parse(readFileSync(resolve(__dirname, '../fixtures', path), 'utf8')) as T;
const MALFORMED = fixture<MalformedRows>('db-malformed-rows.json');

/** A v3+ chunk stores an entry without the old `keys` field. */
function withoutKeys(entry: Row): LaidOutEntry {
  const { keys: _keys, ...rest } = entry;
  return rest as unknown as LaidOutEntry;
}

/**
 * The example of `version` with the malformed rows added as that version stored them: list
 * entries as rows (v1, v2) or laid out in chunks (v3, v4; an entry without identifiers cannot be
 * laid out, so it only exists before v3).
 */
function exampleWithMalformedRows(version: number): VersionExample {
  const example = fixture<VersionExample>(`db/v${version}.json`);
  const tables: Record<string, Row[]> = { ...example.tables };
  const add = (table: string, rows: Row[]) => (tables[table] = [...(tables[table] ?? []), ...rows]);
  add('lists', [MALFORMED.list]);
  add('saved', [MALFORMED.savedWithoutPaper, MALFORMED.savedWithNumberAuthors]);
  if (version < 3) add('entries', [MALFORMED.goodEntry, MALFORMED.entryWithoutIds, MALFORMED.entryWithNumberAuthors]);
  else {
    // As v3 and v4 wrote them: every field in every entry.
    const layout = layoutListV3('broken', [MALFORMED.goodEntry, MALFORMED.entryWithNumberAuthors].map(withoutKeys));
    add('entryChunks', layout.chunks as unknown as Row[]);
    add('entryKeys', layout.buckets as unknown as Row[]);
    add('manifests', [layout.manifest as unknown as Row]);
  }
  return { version, tables };
}

/** The rows each starting version must set aside: [table, version that set it aside, row]. */
function expectedSetAside(version: number): [string, number, unknown][] {
  const expected: [string, number, unknown][] = [];
  if (version < 2) expected.push(['saved', 2, MALFORMED.savedWithoutPaper]);
  if (version < 3) expected.push(['entries', 3, MALFORMED.entryWithoutIds]);
  expected.push(['entryChunks', 5, withoutKeys(MALFORMED.entryWithNumberAuthors)]);
  // In the table's order (by id), as v5 found them: v2's upgrade gave a star to what it could convert.
  expected.push(['saved', 5, version < 2 ? { ...MALFORMED.savedWithNumberAuthors, starred: false } : MALFORMED.savedWithNumberAuthors]);
  if (version >= 2) expected.push(['saved', 5, MALFORMED.savedWithoutPaper]);
  return expected;
}

async function createAtVersion(name: string, example: VersionExample): Promise<void> {
  const old = new Dexie(name);
  for (const step of SCHEMA_VERSIONS.filter((s) => s.version <= example.version)) old.version(step.version).stores(step.stores);
  await old.open();
  await old.transaction('rw', old.tables, async () => {
    for (const [table, rows] of Object.entries(example.tables)) await old.table(table).bulkAdd(rows);
  });
  old.close();
}

const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

describe('upgrades set malformed rows aside', () => {
  // The malformed rows are ones the upgrades to v2, v3 and v5 cannot convert.
  for (const version of [1, 2, 3, 4]) {
    it(`opens v${version} with malformed rows under v${CURRENT}: good rows converted, bad rows kept aside as stored`, async () => {
      const name = `set-aside-from-v${version}`;
      const clean = fixture<VersionExample>(`db/v${version}.json`);
      await createAtVersion(name, exampleWithMalformedRows(version));

      const db = new LanternDB(name);
      opened.push(db);
      await db.open();
      expect(db.verno).toBe(CURRENT);

      // The good saved items are all there, converted; the malformed ones are not.
      const saved = await db.saved.toArray();
      expect(saved.map((item) => item.id).sort()).toEqual(clean.tables.saved!.map((row) => row.id as string).sort());
      for (const item of saved) {
        expect(typeof item.starred).toBe('boolean');
        expect(Array.isArray(item.paper.authorList.names)).toBe(true);
      }

      // The list with broken entries keeps its good entry, found by every key; the others are gone.
      expect(await db.lists.get('broken')).toMatchObject({ entryCount: 1 });
      expect(await db.manifests.get('broken')).toMatchObject({ ids: [MALFORMED.goodEntry.id] });
      // Rows of v5 hold every field (LaidOutEntry).
      const good = (await db.entryChunks.where('[listId+chunk]').between(['broken', Dexie.minKey], ['broken', Dexie.maxKey]).toArray()).flatMap((c) => c.entries as LaidOutEntry[]);
      expect(good.map((entry) => entry.id)).toEqual([MALFORMED.goodEntry.id]);
      expect(good[0]!.authorList?.names).toEqual([{ family: 'Singhal', given: 'Karan' }]);
      for (const key of entryKeys(good[0]!)) expect((await papersByKeys(db, [key])).map((p) => p.id), key).toEqual([MALFORMED.goodEntry.id]);
      for (const key of MALFORMED.entryWithNumberAuthors.keys as string[]) expect(await papersByKeys(db, [key]), key).toEqual([]);
      // The seed list of the example is untouched.
      const seed = (await db.entryChunks.where('[listId+chunk]').between(['seed', Dexie.minKey], ['seed', Dexie.maxKey]).toArray()).flatMap((c) => c.entries);
      expect(seed.length).toBe((await db.lists.get('seed'))!.entryCount);

      const aside = readSetAside((await db.kv.get(SET_ASIDE_KEY))?.value);
      expect(aside.map((row) => [row.table, row.version, row.value])).toEqual(expectedSetAside(version));
      for (const row of aside) expect(row.reason).toMatch(/\S/);
    });
  }

  it('leaves nothing aside when every row converts', async () => {
    await createAtVersion('set-aside-none', fixture<VersionExample>('db/v1.json'));
    const db = new LanternDB('set-aside-none');
    opened.push(db);
    await db.open();
    expect(await db.kv.get(SET_ASIDE_KEY)).toBeUndefined();
  });
});

describe('what the user is told', () => {
  const row = (table: string): SetAsideRow => ({ table, version: 5, at: 1, reason: 'TypeError: x', value: { id: 'x' } });

  it('says in plain words what is kept aside, and nothing when nothing is', () => {
    expect(setAsideNotice([])).toBeUndefined();
    expect(setAsideNotice([row('saved')])).toBe('1 saved paper from an older version of Lantern could not be read; it is kept aside.');
    expect(setAsideNotice([row('saved'), row('saved'), row('entries')])).toBe(
      '2 saved papers from an older version of Lantern could not be read; they are kept aside. ' +
        '1 list entry could not be read either: refreshing its list brings it back if the list still has it.',
    );
    expect(setAsideNotice([row('entryChunks'), row('entries')])).toBe(
      '2 list entries from an older version of Lantern could not be read: refreshing their lists brings them back if the lists still have them.',
    );
    expect(setAsideNotice([row('removed')])).toBe(
      '1 recently removed paper from an older version of Lantern is kept aside: it could not be read, or a saved paper (or a later removal) now has its title.',
    );
    expect(setAsideNotice([row('saved'), row('removed'), row('removed')])).toBe(
      '1 saved paper from an older version of Lantern could not be read; it is kept aside. ' +
        '2 recently removed papers from an older version of Lantern are kept aside: they could not be read, or a saved paper (or a later removal) now has their title.',
    );
  });

  it('offers the rows as a JSON file that holds them exactly', () => {
    const rows = [row('saved'), { ...row('entries'), value: { title: 'x', ids: null } }];
    expect(JSON.parse(setAsideFile(rows))).toEqual({ format: 'lantern-set-aside', rows });
  });

  it('reads only well-formed rows from storage', () => {
    expect(readSetAside(undefined)).toEqual([]);
    expect(readSetAside([row('saved'), { table: 'saved' }, null])).toEqual([row('saved')]);
  });
});
