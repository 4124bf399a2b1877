/**
 * Rows a schema upgrade could not convert. One malformed row (a saved paper without its paper, a
 * list entry whose identifiers are not an object) must not make an upgrade fail: a failed upgrade
 * leaves the database closed, and every later start fails on the same row. Instead the upgrade
 * takes the row out of its table, keeps it here exactly as it was stored, and the options page
 * says so in plain words and offers it as a JSON file.
 *
 * Kept in db.kv under one key (no table of its own: a new table would need a schema version).
 */
import type { Transaction } from 'dexie';
import type { LanternDB } from './schema';
import { plural } from '../words';

/** db.kv key of the rows set aside (SetAsideRow[], oldest first). */
export const SET_ASIDE_KEY = 'upgrade-set-aside';

export interface SetAsideRow {
  /** The table the row was in ("saved", "entries", "entryChunks"). */
  table: string;
  /** The schema version whose upgrade could not convert it. */
  version: number;
  /** Epoch ms of the upgrade. */
  at: number;
  /** Why, as the conversion failed (for a developer reading the file). */
  reason: string;
  /** The row exactly as it was stored (a list entry: the entry alone, from its chunk). */
  value: unknown;
}

function isSetAsideRow(value: unknown): value is SetAsideRow {
  if (typeof value !== 'object' || value === null) return false;
  const row = value as Partial<SetAsideRow>;
  return typeof row.table === 'string' && typeof row.version === 'number' && typeof row.at === 'number' && typeof row.reason === 'string' && 'value' in row;
}

/** The rows as stored, with anything unreadable left out. */
export function readSetAside(value: unknown): SetAsideRow[] {
  return Array.isArray(value) ? value.filter(isSetAsideRow) : [];
}

/** The rows set aside in `db`, oldest first. */
export async function setAsideRows(db: LanternDB): Promise<SetAsideRow[]> {
  return readSetAside((await db.kv.get(SET_ASIDE_KEY))?.value);
}

/** Why a conversion failed, in one line. */
export function failureReason(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Adds rows to the kept-aside ones, inside an upgrade transaction (`tx`, which must include the
 * kv table: it exists from schema v2 on).
 */
export async function keepAside(tx: Transaction, rows: readonly SetAsideRow[]): Promise<void> {
  if (rows.length === 0) return;
  const kv = tx.table('kv');
  const kept = readSetAside((await kv.get(SET_ASIDE_KEY))?.value);
  await kv.put({ key: SET_ASIDE_KEY, value: [...kept, ...rows] });
}

/**
 * What to tell the user, or undefined when nothing is set aside: "1 saved paper from an older
 * version of Lantern could not be read; it is kept aside." List entries are named apart: a
 * refresh of their list brings them back when the list still has them; so are recently removed
 * papers (schema v8 keeps one aside when a saved paper, or a later removal, now has its title).
 */
export function setAsideNotice(rows: readonly SetAsideRow[]): string | undefined {
  const removed = rows.filter((row) => row.table === 'removed').length;
  const others = noticeOfSavedAndEntries(rows.filter((row) => row.table !== 'removed'));
  if (removed === 0) return others;
  const one = removed === 1;
  const text =
    `${plural(removed, 'recently removed paper')} from an older version of Lantern ${one ? 'is' : 'are'} kept aside: ` +
    `${one ? 'it' : 'they'} could not be read, or a saved paper (or a later removal) now has ${one ? 'its' : 'their'} title.`;
  return others ? `${others} ${text}` : text;
}

function noticeOfSavedAndEntries(rows: readonly SetAsideRow[]): string | undefined {
  if (rows.length === 0) return undefined;
  const saved = rows.filter((row) => row.table === 'saved').length;
  const entries = rows.length - saved;
  const one = entries === 1;
  const refresh = one ? 'refreshing its list brings it back if the list still has it' : 'refreshing their lists brings them back if the lists still have them';
  if (saved === 0) return `${plural(entries, 'list entry', 'list entries')} from an older version of Lantern could not be read: ${refresh}.`;
  const papers = `${plural(saved, 'saved paper')} from an older version of Lantern could not be read; ${saved === 1 ? 'it is' : 'they are'} kept aside.`;
  return entries === 0 ? papers : `${papers} ${plural(entries, 'list entry', 'list entries')} could not be read either: ${refresh}.`;
}

/** The rows as a JSON file's text, for the user to keep or to send with a bug report. */
export function setAsideFile(rows: readonly SetAsideRow[]): string {
  return JSON.stringify({ format: 'lantern-set-aside', rows }, null, 1) + '\n';
}
