/** The popup's view of the list: the stored search index, the papers it points at, and pasted ids. */
import { papersByKeys } from '../../lib/db/catalog';
import type { LanternDB } from '../../lib/db/schema';
import { identityLabel } from '../../lib/ids';
import { identityKeys, matchPaper } from '../../lib/match';
import { highlightTerms } from '../../lib/popup/highlight';
import { liveQuery } from 'dexie';
import { categoryCounts, indexYears, paperCategories, searchPapers, type SearchFilters, type SearchHit, type SearchIndex } from '../../lib/search/engine';
import { parsePastedIdentifier } from '../../lib/search/paste';
import { dexieEntryReader, getSearchIndex, loadStoredSearchIndex, papersForHits, searchIndexState, storedSearchIndexFor, type EntryReader } from '../../lib/search/store';
import type { ListInfo, Paper, StoredEntry } from '../../lib/types';
import type { EarlyRead } from '../../lib/db/earlyRead';
import type { CategoryCount } from '../../components/CategoryChips';
import { progressFromIndex } from '../../lib/progress';
import type { ListChoice, Lookup, PopupCatalog, SearchOutcome, SearchRequest } from './services';

export interface CatalogSource {
  index: SearchIndex;
  listName: string;
  /** The enabled lists, for the list filter. */
  lists: readonly ListChoice[];
  /** The papers of these hits, in hit order (a stored index carries ids only). */
  papersForHits: (hits: readonly SearchHit[]) => Promise<Paper[]>;
  /** Candidate papers carrying any of these identifier keys ("arxiv:…", "doi:…", "title:…"). */
  papersByKeys: (keys: string[]) => Promise<Paper[]>;
}

/** What the popup uses of a list row. */
type ShownList = Pick<ListInfo, 'id' | 'name' | 'enabled'>;

/**
 * The list rows as the popup shows them. The rows come from IndexedDB unchecked (the early read's
 * are `unknown`; Dexie types its rows but does not check them), and one damaged row must not stop
 * the popup: a row without a string id is skipped, one without a string name shows under its id,
 * and only `enabled: true` counts as enabled.
 */
function shownLists(rows: readonly unknown[]): ShownList[] {
  return rows.flatMap((row) => {
    const { id, name, enabled } = (row ?? {}) as { id?: unknown; name?: unknown; enabled?: unknown };
    if (typeof id !== 'string') return [];
    return [{ id, name: typeof name === 'string' ? name : id, enabled: enabled === true }];
  });
}

/** The footer's name for what is searched: the one enabled list, or how many (the count covers them all). */
function listNameOf(lists: readonly ShownList[]): string {
  const enabled = lists.filter((l) => l.enabled);
  if (enabled.length > 1) return `${enabled.length} lists`;
  return enabled[0]?.name ?? 'the list';
}

/** The enabled lists by name (the table's order is by id, which users never see). */
function listChoices(lists: readonly ShownList[]): ListChoice[] {
  return lists
    .filter((l) => l.enabled)
    .map(({ id, name }) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

/** What of the lists the popup shows (footer name, list filter): a change to it re-renders. */
function listsShown(lists: readonly ShownList[]): string {
  return JSON.stringify([listNameOf(lists), listChoices(lists)]);
}

/** How long a popup showing the early read's catalog waits for a first search before following the database anyway. */
const FOLLOW_LATEST_MS = 300;

/**
 * Follows the stored search index: calls back with a catalog as soon as one is loaded, and again
 * whenever the background stores a new index (after a list changes) or the list's name changes.
 * The stored index is taken as it is, without checking it against the lists (that check counts
 * every entry: ~0.5 s at 100k) because the background keeps it fresh; changes are noticed through
 * the small fingerprint row stored beside it. Without a stored index (first run) one is built here.
 * `early` is the index row read before this code loaded (lib/db/earlyRead.ts), used first when valid.
 */
export function watchPopupCatalog(
  db: LanternDB,
  onChange: (catalog: PopupCatalog) => void,
  onError: (error: unknown) => void,
  early: Promise<EarlyRead | undefined> = Promise.resolve(undefined),
): () => void {
  let held: { fingerprint: unknown; index: SearchIndex; lists: readonly ShownList[] } | undefined;
  let subscription: { unsubscribe(): void } | undefined;
  let stopped = false;
  let followTimer: ReturnType<typeof setTimeout> | undefined;
  // Following the database opens Dexie on this page, whose opening reads the schema of every
  // table: begun beside the first search, it held that search's reads back. With the early
  // read's catalog shown, it begins once the first papers are read (or FOLLOW_LATEST_MS later).
  const follow = () => {
    clearTimeout(followTimer);
    if (stopped || subscription) return;
    subscription = liveQuery(() => searchIndexState(db)).subscribe({
      next: ({ fingerprint, lists }) => onIndexState(fingerprint, lists).catch(onError),
      error: onError,
    });
  };
  // The early read's connection answers the papers of hits until it is gone; Dexie after that.
  let earlyRows: EntryReader | undefined;
  const readPapers = async (hits: readonly SearchHit[]): Promise<Paper[]> => {
    const read = earlyRows;
    if (read) {
      try {
        return await papersForHits(hits, read);
      } catch {
        if (earlyRows === read) earlyRows = undefined;
      }
    }
    return papersForHits(hits, dexieEntryReader(db));
  };
  const fetchPapers = (hits: readonly SearchHit[]): Promise<Paper[]> => readPapers(hits).finally(follow);

  const hold = (fingerprint: unknown, index: SearchIndex, lists: readonly ShownList[]) => {
    held = { fingerprint, index, lists };
    onChange(
      createPopupCatalog({
        index,
        listName: listNameOf(lists),
        lists: listChoices(lists),
        papersForHits: fetchPapers,
        papersByKeys: (keys) => papersByKeys(db, keys).finally(follow),
      }),
    );
  };

  const onIndexState = async (fingerprint: unknown, rows: readonly unknown[]) => {
    const lists = shownLists(rows);
    // No list row: the bundled list (which cannot be removed) is still being written, or could not
    // be. The popup says "Loading the list…" or why (lib/seedFailure.ts), never "0 papers".
    if (lists.length === 0) return;
    if (held && held.fingerprint === fingerprint && listsShown(held.lists) === listsShown(lists)) return;
    // The early reader reads only the lists enabled at its read: any change of lists or index
    // (a popup opened while the bundled list was being seeded) outdates it.
    earlyRows = undefined;
    if (held && held.fingerprint === fingerprint) {
      hold(fingerprint, held.index, lists);
      return;
    }
    const stored = await storedSearchIndexFor(db, fingerprint);
    if (!stopped) hold(fingerprint, stored ?? (await getSearchIndex(db)), lists);
  };

  // The early read is a head start only: whatever goes wrong with it, the database is followed
  // below, and that path shows the catalog (or reports the error).
  early
    .then((first) => {
      if (stopped) return false;
      const stored = loadStoredSearchIndex(first?.stored);
      const lists = shownLists(first?.lists ?? []);
      if (!first || !stored || lists.length === 0) return false;
      earlyRows = {
        withIds: (ids) => first.entriesWithIds(ids) as Promise<StoredEntry[]>,
      };
      hold(stored.fingerprint, stored.index, lists);
      return true;
    })
    .catch(() => false)
    .then((shown) => {
      if (shown) followTimer = setTimeout(follow, FOLLOW_LATEST_MS);
      else follow();
    });
  return () => {
    stopped = true;
    clearTimeout(followTimer);
    subscription?.unsubscribe();
  };
}

function searchFilters({ filters, savedIds }: SearchRequest): SearchFilters {
  return {
    ...(filters.category ? { categories: [filters.category] } : {}),
    ...(filters.yearFrom !== undefined ? { yearFrom: filters.yearFrom } : {}),
    ...(filters.yearTo !== undefined ? { yearTo: filters.yearTo } : {}),
    // Unchecked means "any", not "papers without code".
    ...(filters.hasCode ? { hasCode: true } : {}),
    ...(filters.savedOnly ? { savedIds } : {}),
    ...(filters.listId ? { listId: filters.listId } : {}),
  };
}

/** Results that fill the popup before scrolling, with a few to spare. */
const FIRST_SCREEN = 10;

export function createPopupCatalog({ index, listName, lists, papersForHits, papersByKeys }: CatalogSource): PopupCatalog {
  // Computed on first use: a popup opened to type a query never needs them (~20 ms at 100k).
  let categories: CategoryCount[] | undefined;
  let years: number[] | undefined;
  return {
    entryCount: index.size,
    listName,
    lists,
    get categories() {
      return (categories ??= categoryCounts(index).map(({ path, count }) => ({ category: path, count })));
    },
    get years() {
      return (years ??= indexYears(index));
    },
    progress(statuses) {
      return progressFromIndex(paperCategories(index), (id) => statuses.get(id));
    },
    async search(query: string, request: SearchRequest): Promise<SearchOutcome> {
      // One more than shown tells whether there are more.
      const hits = searchPapers(index, query, { filters: searchFilters(request), sort: request.sort, limit: request.limit + 1 });
      const shown = hits.slice(0, request.limit);
      // Each paper read is a database read: the first screenful comes first, the rest after it.
      const first = shown.slice(0, FIRST_SCREEN);
      return {
        papers: await papersForHits(first),
        total: hits.length > request.limit ? 'more' : hits.length,
        terms: highlightTerms(query),
        ...(shown.length > first.length && { rest: papersForHits(shown.slice(FIRST_SCREEN)) }),
      };
    },
    lookup(text: string): Promise<Lookup> | undefined {
      const identity = parsePastedIdentifier(text);
      if (!identity) return undefined;
      const label = identityLabel(identity);
      return papersByKeys(identityKeys(identity)).then((candidates): Lookup => {
        const match = matchPaper(identity, candidates);
        return match ? { kind: 'found', label, paper: match.paper } : { kind: 'missing', label, url: identity.url };
      });
    },
  };
}
