/**
 * "Send to Zotero": the background reads the papers (saved items, or listed papers not saved),
 * sends them to the Zotero desktop app through its local connector server (lib/zotero), and
 * remembers what Zotero confirmed. The host permission for Zotero is optional: pages ask for it
 * from the user's click; here it is only checked.
 */
import { browser } from 'wxt/browser';
import type { LanternDB } from '../../lib/db/schema';
import { paperById } from '../../lib/db/catalog';
import { savedPaperFromPaper } from '../../lib/db/readingList';
import type { Handlers } from '../../lib/messages';
import { ZOTERO_PERMISSION, sendToZotero } from '../../lib/zotero/connector';
import { zoteroItem, type ZoteroSource } from '../../lib/zotero/item';
import { markSentToZotero, readZoteroSent } from '../../lib/zotero/sent';
import { loadZoteroSettings } from '../../lib/zotero/settings';

export const NEEDS_PERMISSION =
  'Lantern needs your permission to reach Zotero on this computer. Use “Send to Zotero” once in the Lantern popup or reading list to give it, then try again. Nothing was sent.';

/** The papers to send, in the order asked; ids neither saved nor listed are left out. */
async function sources(database: LanternDB, ids: readonly string[]): Promise<ZoteroSource[]> {
  const saved = await database.saved.bulkGet([...ids]);
  const out: ZoteroSource[] = [];
  for (const [i, id] of ids.entries()) {
    const item = saved[i];
    if (item) {
      out.push(item);
      continue;
    }
    const listed = await paperById(database, id);
    if (listed) out.push({ id, paper: savedPaperFromPaper(listed) });
  }
  return out;
}

export function zoteroHandlers(
  database: LanternDB,
  deps: { fetch: typeof fetch; hasPermission: () => Promise<boolean>; now: () => number } = {
    fetch: (input, init) => globalThis.fetch(input, init),
    hasPermission: () => browser.permissions.contains({ origins: [ZOTERO_PERMISSION] }),
    now: () => Date.now(),
  },
): Pick<Handlers, 'sendToZotero' | 'getInZotero'> {
  return {
    sendToZotero: async ({ paperIds }) => {
      const ids = [...new Set(paperIds)];
      if (!(await deps.hasPermission())) return { sent: [], notSent: ids, ok: false, message: NEEDS_PERMISSION };
      const [found, settings] = await Promise.all([sources(database, ids), loadZoteroSettings()]);
      if (found.length === 0) return { sent: [], notSent: ids, ok: false, message: 'Lantern knows none of these papers any more. Nothing was sent.' };
      let session = 0;
      const stamp = deps.now().toString(36);
      const outcome = await sendToZotero(
        found.map((source) => zoteroItem(source, { categoryTags: settings.categoryTags })),
        {
          fetch: deps.fetch,
          newSessionId: () => `lantern-${stamp}-${++session}`,
          sessionTags: settings.sessionTag ? [settings.sessionTag] : [],
        },
      );
      await markSentToZotero(database, outcome.sent, deps.now());
      const sent = new Set(outcome.sent);
      return { sent: outcome.sent, notSent: ids.filter((id) => !sent.has(id)), ok: outcome.failure === undefined && sent.size === ids.length, message: outcome.message };
    },
    getInZotero: async ({ paperIds }) => {
      const sent = await readZoteroSent(database);
      return { paperIds: paperIds.filter((id) => Object.hasOwn(sent, id)) };
    },
  };
}
