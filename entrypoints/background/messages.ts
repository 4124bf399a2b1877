/**
 * The background's message handlers. Each concern registers its handlers with
 * `registerHandlers` from its own setup; `setupMessages` listens once and answers every
 * message declared in lib/messages.ts (a unit test checks that none is left without a handler).
 */
import { handleMessages, type Handlers, type MessageType, validators } from '../../lib/messages';
import { db } from '../../lib/db/instance';
import type { LanternDB } from '../../lib/db/schema';
import { entryCount, paperById, papersByKeys, papersByTitlePrefix, relatedPool } from '../../lib/db/catalog';
import { isSaved, savePaper, savedPaperFromPaper, unsavePaper } from '../../lib/db/readingList';
import { savedPaperFromPage } from '../../lib/db/pagePaper';
import { identityKeys, matchPaper, titleCandidatePrefix } from '../../lib/match';
import { relatedPapers } from '../../lib/related';

const registered: Partial<Handlers> = {};

export function registerHandlers(handlers: Partial<Handlers>): void {
  Object.assign(registered, handlers);
}

/** Messages declared in lib/messages.ts that no setup has registered a handler for. */
export function missingHandlers(): MessageType[] {
  return (Object.keys(validators) as MessageType[]).filter((type) => typeof registered[type] !== 'function');
}

export function coreHandlers(database: LanternDB): Pick<Handlers, 'getStatus' | 'matchPage' | 'setSaved'> {
  return {
    getStatus: async () => ({
      entryCount: await entryCount(database),
      savedCount: await database.saved.count(),
      lists: await database.lists.toArray(),
    }),

    matchPage: async (identity) => {
      const prefix = titleCandidatePrefix(identity);
      const match =
        matchPaper(identity, await papersByKeys(database, identityKeys(identity))) ??
        (prefix ? matchPaper(identity, await papersByTitlePrefix(database, prefix)) : undefined);
      if (!match) return null;
      const { paper, via } = match;
      // Independent reads, in parallel: this answer is most of the time to a visible badge.
      const [lists, pool, saved] = await Promise.all([
        database.lists.bulkGet(paper.lists),
        relatedPool(database, paper),
        isSaved(database, paper.id),
      ]);
      return {
        paper,
        via,
        related: relatedPapers(paper, pool, 5),
        saved,
        listNames: lists.flatMap((l) => (l ? [l.name] : [])),
      };
    },

    setSaved: async ({ paperId, saved, page }) => {
      if (!saved) {
        await unsavePaper(database, paperId);
        return { saved: false };
      }
      const listed = await paperById(database, paperId);
      if (listed) {
        await savePaper(database, savedPaperFromPaper(listed));
        return { saved: true };
      }
      if (!page) throw new Error('This paper is not in your lists; save it from its page instead.');
      const fromPage = savedPaperFromPage(page);
      if ('error' in fromPage) throw new Error(fromPage.error);
      await savePaper(database, fromPage.paper);
      return { saved: true };
    },
  };
}

export function setupMessages(database: LanternDB = db): void {
  registerHandlers(coreHandlers(database));
  // Handlers registered later by other setups are found here too: the object is shared.
  handleMessages(registered as Handlers);
}
