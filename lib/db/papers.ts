/**
 * The background's domain operations on papers, one function each, shared by its message
 * handlers, the context menu and the keyboard shortcut: which listed paper a page identity is,
 * and saving or unsaving a paper by id.
 */
import type { PageIdentity, PageMatch, Paper, ReadingStatus, SavedPaper, SavedState } from '../types';
import { asListedItem, deepEqual, mergeItems } from '../formats/importItems';
import { paperKeys } from '../ids';
import { recordAutoBackup } from './autoBackups';
import { identityKeys, identityOfPaper, matchPaper, titleCandidatePrefix } from '../match';
import { relatedPapers } from '../related';
import { entriesWithIds, paperById, papersByKeys, papersByTitlePrefix, relatedPool } from './catalog';
import { withPageAuthors } from '../page/pageAuthors';
import { savedPaperFromPage } from '../page/savedPaper';
import { savePaper, savedPaperFromPaper, savedState, unsavePaper } from './readingList';
import type { LanternDB } from './schema';

/** How many related papers an answer carries. */
const RELATED_COUNT = 5;

/** The listed paper an identity names and what tied them (rules in lib/match.ts). */
async function findListed(database: LanternDB, identity: PageIdentity): Promise<ReturnType<typeof matchPaper>> {
  const prefix = titleCandidatePrefix(identity);
  return (
    matchPaper(identity, await papersByKeys(database, identityKeys(identity))) ??
    (prefix ? matchPaper(identity, await papersByTitlePrefix(database, prefix)) : undefined)
  );
}

/**
 * The listed paper each saved or imported paper is, in their order, by the rules a page is
 * recognized by: any shared identifier, else the title with the first author; undefined for a
 * paper in no list. One read of the key buckets for every paper's keys, then one per distinct
 * title prefix for the papers no key found.
 */
export async function listedPapersOf(database: LanternDB, papers: readonly SavedPaper[]): Promise<(Paper | undefined)[]> {
  const identities = papers.map(identityOfPaper);
  const keysOf = identities.map(identityKeys);
  const byKey = new Map<string, Paper[]>();
  for (const candidate of await papersByKeys(database, [...new Set(keysOf.flat())])) {
    for (const key of paperKeys(candidate.ids, candidate.titleKey)) {
      const same = byKey.get(key);
      if (same) same.push(candidate);
      else byKey.set(key, [candidate]);
    }
  }
  const found = identities.map((identity, i) => matchPaper(identity, [...new Set(keysOf[i]!.flatMap((key) => byKey.get(key) ?? []))])?.paper);
  const prefixes = new Map<string, Promise<Paper[]>>();
  return Promise.all(
    identities.map(async (identity, i) => {
      const prefix = found[i] ? undefined : titleCandidatePrefix(identity);
      if (!prefix) return found[i];
      if (!prefixes.has(prefix)) prefixes.set(prefix, papersByTitlePrefix(database, prefix));
      return matchPaper(identity, await prefixes.get(prefix)!)?.paper;
    }),
  );
}

/**
 * The listed paper a page identity names (ids first, then equal or nearly equal titles; rules in
 * lib/match.ts), with its related papers, saved state and list names; null when unlisted.
 */
export async function matchIdentity(database: LanternDB, identity: PageIdentity): Promise<PageMatch | null> {
  const match = await findListed(database, identity);
  if (!match) return null;
  const { paper, via, shared } = match;
  // Independent reads, in parallel: this answer is most of the time to a visible badge.
  const [lists, pool, state] = await Promise.all([
    database.lists.bulkGet(paper.lists),
    relatedPool(database, paper),
    savedState(database, paper.id),
  ]);
  return {
    paper,
    via,
    ...(shared && { sharedWith: shared.map((other) => ({ id: other.id, title: other.title })) }),
    related: relatedPapers(paper, pool, RELATED_COUNT),
    ...state,
    listNames: lists.flatMap((l) => (l ? [l.name] : [])),
  };
}

/**
 * Saves a paper by id: a listed paper from its entry, else the paper `page` identifies (which
 * must name a title). Throws an Error in plain words when there is nothing to save.
 */
export async function saveById(database: LanternDB, paperId: string, page?: PageIdentity, status?: ReadingStatus): Promise<void> {
  const listed = await paperById(database, paperId);
  if (listed) {
    await savePaper(database, withPageAuthors(savedPaperFromPaper(listed), page), Date.now(), status);
    return;
  }
  if (!page) throw new Error('This paper is not in your lists; save it from its page instead.');
  const fromPage = savedPaperFromPage(page);
  if ('error' in fromPage) throw new Error(fromPage.error);
  await savePaper(database, fromPage.paper, Date.now(), status);
}

/** Unsaves a paper by id, recoverably (nothing happens when it was not saved). */
export async function unsaveById(database: LanternDB, paperId: string): Promise<void> {
  await unsavePaper(database, paperId);
}

/**
 * Saves (or restores) or unsaves a paper by id (see saveById) and answers its SavedState after.
 * A save with `status` also sets the reading status, in the same write (lib/db/readingList.ts savePaper).
 */
export async function setSavedById(database: LanternDB, paperId: string, saved: boolean, page?: PageIdentity, status?: ReadingStatus): Promise<SavedState> {
  if (saved) await saveById(database, paperId, page, status);
  else await unsaveById(database, paperId);
  return savedState(database, paperId);
}

/**
 * One record per paper in the reading list, for records written before imports recognized listed
 * papers (and when a list newly holds a saved paper): a saved item that is a listed paper under
 * another id moves to the listed id, and saved items that are one paper (a shared id or
 * identifier, else the title) become one, merged as an import merges them (lib/formats/importItems.ts:
 * status and star from the later change, tags united, both notes kept). One write transaction,
 * with an automatic backup of the reading list first (reason "merge", restorable from the options
 * page), which gives up when the reading list changed meanwhile and throws when the backup cannot
 * be written. `now` (epoch ms) stamps the backup. Returns how many records were merged away.
 */
export async function oneRecordPerPaper(database: LanternDB, now = Date.now()): Promise<number> {
  const saved = await database.saved.toArray();
  if (saved.length < 1) return 0;
  const listedIds = new Set((await entriesWithIds(database, saved.map((item) => item.id))).map((entry) => entry.id));
  const unlisted = saved.filter((item) => !listedIds.has(item.id));
  const listedOf = new Map((await listedPapersOf(database, unlisted.map((item) => item.paper))).map((paper, i) => [unlisted[i]!.id, paper]));
  const resolved = saved.map((item) => {
    const listed = listedOf.get(item.id);
    return listed ? asListedItem(item, listed) : item;
  });
  // Listed records first, so a group keeps the listed id; then the oldest, whose note comes first.
  const ordered = resolved
    .map((item, i) => ({ item, listed: listedIds.has(item.id) || item !== saved[i] }))
    .sort((a, b) => Number(b.listed) - Number(a.listed) || a.item.addedAt - b.item.addedAt)
    .map(({ item }) => item);
  const { writes } = mergeItems([], ordered, ordered.map((item) => item.id));
  const keptIds = new Set(writes.map((item) => item.id));
  const before = new Map(saved.map((item) => [item.id, item]));
  const gone = saved.filter((item) => !keptIds.has(item.id)).map((item) => item.id);
  const changed = writes.filter((item) => !deepEqual(before.get(item.id), item));
  if (gone.length === 0 && changed.length === 0) return 0;
  return database.transaction('rw', [database.saved, database.kv], async () => {
    const current = await database.saved.toArray();
    if (current.length !== saved.length || current.some((item) => !deepEqual(before.get(item.id), item))) return 0;
    // Reversible from the options page; when the backup cannot be written, neither is the merge.
    await recordAutoBackup(database, current, { takenAt: now, reason: 'merge' });
    await database.saved.bulkDelete(gone);
    await database.saved.bulkPut(changed);
    return gone.length;
  });
}
