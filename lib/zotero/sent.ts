/**
 * Which papers are in Zotero: remembered per paper id in the key-value table once Zotero
 * confirmed the save (never before), so every view can show "In Zotero".
 */
import type { LanternDB } from '../db/schema';

export const ZOTERO_SENT_KEY = 'zotero-sent';

/** Paper id → epoch ms of the last confirmed send. */
export type ZoteroSent = Record<string, number>;

function asSent(value: unknown): ZoteroSent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const out: ZoteroSent = {};
  for (const [id, at] of Object.entries(value)) if (typeof at === 'number' && Number.isFinite(at)) out[id] = at;
  return out;
}

export async function readZoteroSent(db: LanternDB): Promise<ZoteroSent> {
  return asSent((await db.kv.get(ZOTERO_SENT_KEY))?.value);
}

/** The ids of the papers in Zotero. */
export async function zoteroSentIds(db: LanternDB): Promise<Set<string>> {
  return new Set(Object.keys(await readZoteroSent(db)));
}

/** Remembers these ids as sent at `at` (one transaction: concurrent sends do not lose each other's marks). */
export async function markSentToZotero(db: LanternDB, ids: readonly string[], at = Date.now()): Promise<void> {
  if (ids.length === 0) return;
  await db.transaction('rw', db.kv, async () => {
    const sent = await readZoteroSent(db);
    for (const id of ids) sent[id] = at;
    await db.kv.put({ key: ZOTERO_SENT_KEY, value: sent });
  });
}
