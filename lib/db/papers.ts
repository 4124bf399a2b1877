/**
 * The background's domain operations on papers, one function each, shared by its message
 * handlers, the context menu and the keyboard shortcut: which listed paper a page identity is,
 * and saving or unsaving a paper by id.
 */
import type { PageIdentity, PageMatch, SavedState } from '../types';
import { identityKeys, matchPaper, titleCandidatePrefix } from '../match';
import { relatedPapers } from '../related';
import { paperById, papersByKeys, papersByTitlePrefix, relatedPool } from './catalog';
import { savedPaperFromPage } from './pagePaper';
import { savePaper, savedPaperFromPaper, savedState, unsavePaper } from './readingList';
import type { LanternDB } from './schema';

/** How many related papers an answer carries. */
const RELATED_COUNT = 5;

/**
 * The listed paper a page identity names (ids first, then equal or nearly equal titles; rules in
 * lib/match.ts), with its related papers, saved state and list names; null when unlisted.
 */
export async function matchIdentity(database: LanternDB, identity: PageIdentity): Promise<PageMatch | null> {
  const prefix = titleCandidatePrefix(identity);
  const match =
    matchPaper(identity, await papersByKeys(database, identityKeys(identity))) ??
    (prefix ? matchPaper(identity, await papersByTitlePrefix(database, prefix)) : undefined);
  if (!match) return null;
  const { paper, via } = match;
  // Independent reads, in parallel: this answer is most of the time to a visible badge.
  const [lists, pool, state] = await Promise.all([
    database.lists.bulkGet(paper.lists),
    relatedPool(database, paper),
    savedState(database, paper.id),
  ]);
  return {
    paper,
    via,
    related: relatedPapers(paper, pool, RELATED_COUNT),
    ...state,
    listNames: lists.flatMap((l) => (l ? [l.name] : [])),
  };
}

/**
 * Saves a paper by id: a listed paper from its entry, else the paper `page` identifies (which
 * must name a title). Throws an Error in plain words when there is nothing to save.
 */
export async function saveById(database: LanternDB, paperId: string, page?: PageIdentity): Promise<void> {
  const listed = await paperById(database, paperId);
  if (listed) {
    await savePaper(database, savedPaperFromPaper(listed));
    return;
  }
  if (!page) throw new Error('This paper is not in your lists; save it from its page instead.');
  const fromPage = savedPaperFromPage(page);
  if ('error' in fromPage) throw new Error(fromPage.error);
  await savePaper(database, fromPage.paper);
}

/** Unsaves a paper by id, recoverably (nothing happens when it was not saved). */
export async function unsaveById(database: LanternDB, paperId: string): Promise<void> {
  await unsavePaper(database, paperId);
}

/** Saves (or restores) or unsaves a paper by id (see saveById) and answers its SavedState after. */
export async function setSavedById(database: LanternDB, paperId: string, saved: boolean, page?: PageIdentity): Promise<SavedState> {
  if (saved) await saveById(database, paperId, page);
  else await unsaveById(database, paperId);
  return savedState(database, paperId);
}
