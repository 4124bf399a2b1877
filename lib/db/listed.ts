/**
 * Which items of a page that lists papers are listed papers: many items resolved in one pass
 * over the key buckets (buckets.ts), reading only the buckets of keys the lists' key filters may
 * hold (keyFilter.ts). Identifiers, titles and addresses (a listed link that names no
 * identifier, lib/ids/link.ts) are looked up as keys; a reference's text is
 * scanned for runs of words that may be listed titles (lib/listing/titleScan.ts), looked up as
 * keys too. Each item is then matched as the page badge matches a page (lib/match.ts).
 */
import { arxivIdFromDoi } from '../ids/arxiv';
import { listedLinkKeys, paperKeys } from '../ids';
import type { ItemQuery } from '../listing/item';
import { isScannedTitle, titleCandidates } from '../listing/titleScan';
import { identityKeys, matchPaper } from '../match';
import { isNewPaper } from '../popup/newEntries';
import type { PageIdentity, Paper } from '../types';
import { markStatus, type ListedHit } from '../listing/hit';
import { placesInBuckets } from './buckets';
import { bucketsFor, enabledListIds, entriesAt, mergeEntries } from './catalog';
import { keyFilters, keyHash, mayHold, type KeyFilter } from './keyFilter';
import type { LanternDB } from './schema';

const TITLE = 'title:';
const LINK = 'link:';

function identityOf(query: ItemQuery, title?: string): PageIdentity {
  const arxiv = query.arxiv ?? (query.doi ? arxivIdFromDoi(query.doi) : undefined);
  return {
    url: query.url ?? '',
    ...(arxiv && { arxiv }),
    ...(query.doi && { doi: query.doi }),
    ...(query.pmid && { pmid: query.pmid }),
    ...(query.pmcid && { pmcid: query.pmcid }),
    ...(query.repo && { repo: query.repo }),
    ...((title ?? query.title) && { title: title ?? query.title }),
    ...(query.author && { authors: [query.author] }),
  };
}

/**
 * The runs of words in these texts (each text's own) that may be listed titles: those whose
 * hash a list's filter holds. Which of them really are is decided by their keys' buckets, read
 * with every other key of the lookup.
 */
function titlesInTexts(filters: readonly KeyFilter[], texts: readonly (string | undefined)[]): string[][] {
  const lengths = [...new Set(filters.flatMap((filter) => filter.titleLengths))];
  const has = (hash: number) => filters.some((filter) => mayHold(filter, hash));
  return texts.map((text) => (text ? titleCandidates(text, lengths, has).filter(isScannedTitle) : []));
}

export interface LookupOptions {
  /**
   * Called once, before the entries are read, when a list stores one of the queries' keys: the
   * answer will almost surely name a listed paper (only a title whose first author differs is
   * then refused), so what the answer needs (the marks' UI) can be fetched meanwhile.
   */
  onKeyFound?: () => void;
}

/**
 * The listed paper each query names (or null), in the queries' order, with its reading status
 * and "new" flag (`seenAt`: the new-entries clock, lib/refresh/state.ts; awaited only for the
 * flags, so it may still be being read). The lists' key filters (keyFilter.ts) decide which keys
 * are worth reading: one read of the buckets of the keys that may be listed (identifiers, titles,
 * runs of a reference's words that may be titles), one of the chunks they point to, one of the
 * reading list.
 */
export async function lookupListed(
  db: LanternDB,
  queries: readonly ItemQuery[],
  seenAt: number | undefined | PromiseLike<number | undefined>,
  options: LookupOptions = {},
): Promise<(ListedHit | null)[]> {
  if (queries.length === 0) return [];
  const listIds = await enabledListIds(db);
  const filters = await keyFilters(db, listIds);
  const found = titlesInTexts(filters, queries.map((q) => q.text));
  const wanted = new Set<string>();
  const keysOf = queries.map((query, i) => {
    const keys = identityKeys(identityOf(query));
    for (const title of found[i]!) keys.push(`${TITLE}${title}`);
    const listed = keys.filter((key) => {
      const hash = keyHash(key);
      return filters.some((filter) => mayHold(filter, hash));
    });
    for (const key of listed) wanted.add(key);
    return listed;
  });
  if (wanted.size === 0) return queries.map(() => null);
  const buckets = await bucketsFor(db, listIds, wanted);
  const places = placesInBuckets(buckets, (key) => wanted.has(key));
  if (places.length > 0) options.onKeyFound?.();
  const papers = mergeEntries(await entriesAt(db, places));
  const byKey = new Map<string, Paper[]>();
  const byLink = [...wanted].some((key) => key.startsWith(LINK));
  for (const paper of papers) {
    for (const key of byLink ? [...paperKeys(paper.ids, paper.titleKey), ...listedLinkKeys(paper)] : paperKeys(paper.ids, paper.titleKey)) {
      if (!wanted.has(key)) continue;
      const same = byKey.get(key);
      if (same) same.push(paper);
      else byKey.set(key, [paper]);
    }
  }
  const matched = queries.map((query, i) => {
    const candidates = [...new Set(keysOf[i]!.flatMap((key) => byKey.get(key) ?? []))];
    if (candidates.length === 0) return undefined;
    const direct = matchPaper(identityOf(query), candidates)?.paper;
    if (direct) return direct;
    for (const title of found[i]!) {
      // A run whose hash only looked like a title's names no stored key.
      if (!byKey.has(`${TITLE}${title}`)) continue;
      const byTitle = matchPaper(identityOf({ ...query, author: undefined }, title), candidates)?.paper;
      if (byTitle) return byTitle;
    }
    return undefined;
  });
  const ids = [...new Set(matched.flatMap((paper) => (paper ? [paper.id] : [])))];
  const saved = new Map((await db.saved.bulkGet(ids)).flatMap((item) => (item ? [[item.id, item.status] as const] : [])));
  const seen = await seenAt;
  return matched.map((paper) =>
    paper
      ? { id: paper.id, title: paper.title, categories: paper.categories, status: markStatus(saved.get(paper.id)), isNew: isNewPaper(paper, seen) }
      : null,
  );
}
