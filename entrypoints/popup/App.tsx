import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { SiteAccessNotice } from '../../components/SiteAccessNotice';
import { CategoryChips } from '../../components/CategoryChips';
import { Filters } from '../../components/Filters';
import { ResultList, optionId } from '../../components/ResultList';
import { SearchBox } from '../../components/SearchBox';
import { ThisTab, type TabPaper } from '../../components/ThisTab';
import { ListedOnTab } from '../../components/ListedOnTab';
import { NotInList } from '../../components/NotInList';
import type { TabListings } from './services';
import { markStatus, type ListedHit } from '../../lib/listing/hit';
import { ListUpdates } from '../../components/ListUpdates';
import { NO_FILTERS, activeFilterCount, type PopupFilters, type SortOrder } from '../../lib/popup/filters';
import { isNewPaper } from '../../lib/popup/newEntries';
import { categoryLeaf } from '../../lib/categories';
import { primaryUrl } from '../../lib/paperDisplay';
import { moveSelection } from '../../lib/popup/selection';
import type { Paper, ReadingStatus } from '../../lib/types';
import { CITATION_NAMES, citation, unsavedItem, type CitationFormat } from '../../lib/formats/citation';
import type { Removal } from '../../components/RemovalNote';
import type { ListChoice, Lookup, PopupCatalog, PopupServices, SearchOutcome, SearchRequest } from './services';
import { plural } from '../../lib/words';

const LIST_ID = 'results';
const RESULT_LIMIT = 50;
const NEWEST_LIMIT = 8;
const EMPTY_SET: ReadonlySet<string> = new Set();

type CatalogState = { status: 'loading' } | { status: 'ready'; catalog: PopupCatalog } | { status: 'error'; message: string };
type LookupState = { text: string; lookup: Lookup | null };

export function App({ services, initialQuery = '' }: { services: PopupServices; initialQuery?: string }) {
  const [catalogState, setCatalogState] = useState<CatalogState>({ status: 'loading' });
  const [query, setQuery] = useState(initialQuery);
  const [filters, setFilters] = useState<PopupFilters>(NO_FILTERS);
  const [sort, setSort] = useState<SortOrder>('relevance');
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [activeIndex, setActiveIndex] = useState(-1);
  const [savedIds, setSavedIds] = useState<ReadonlySet<string>>(EMPTY_SET);
  const [removedIds, setRemovedIds] = useState<ReadonlySet<string>>(EMPTY_SET);
  /** The saved paper whose removal waits for the user's answer (it holds their note or tags). */
  const [askingId, setAskingId] = useState<string | null>(null);
  // null until the reading list has been read, so no category shows a progress of 0 meanwhile.
  const [statuses, setStatuses] = useState<ReadonlyMap<string, ReadingStatus> | null>(null);
  const [seenAt, setSeenAt] = useState<number | undefined>(undefined);
  const [busyIds, setBusyIds] = useState<ReadonlySet<string>>(EMPTY_SET);
  const [tab, setTab] = useState<TabPaper | null>(null);
  const [tabListings, setTabListings] = useState<TabListings | null>(null);
  const [shortcut, setShortcut] = useState<string | null>(null);
  const [lookupState, setLookupState] = useState<LookupState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [carryNotice, setCarryNotice] = useState<string | null>(null);
  const [inZotero, setInZotero] = useState<ReadonlySet<string>>(EMPTY_SET);
  const [sendingIds, setSendingIds] = useState<ReadonlySet<string>>(EMPTY_SET);
  const inputRef = useRef<HTMLInputElement>(null);

  // The catalog and the search it answers are on the way to the first results: layout effects
  // run right after rendering, where plain effects wait for the next frame (~16–30 ms each).
  useLayoutEffect(
    () =>
      services.watchCatalog(
        (catalog) => setCatalogState({ status: 'ready', catalog }),
        (e: unknown) => setCatalogState({ status: 'error', message: e instanceof Error ? e.message : String(e) }),
      ),
    [services],
  );
  useEffect(() => {
    const input = inputRef.current;
    input?.focus();
    input?.setSelectionRange(input.value.length, input.value.length);
    services.loadTab().then(setTab, () => setTab(null));
    services.loadTabListings().then(setTabListings, () => setTabListings(null));
    services.loadShortcut().then(setShortcut, () => setShortcut(null));
  }, [services]);

  // Shown only while no list is there: a failed update of the bundled list keeps the old copy.
  const [seedFailure, setSeedFailure] = useState<string | null>(null);
  useEffect(() => services.watchSeedFailure?.(setSeedFailure), [services]);
  const catalog = catalogState.status === 'ready' ? catalogState.catalog : null;
  const seedFailed = catalogState.status === 'loading' && seedFailure !== null;
  // The reading-list watchers open the database on this page: started beside the first search,
  // they held its reads back. So they start once the first results (or the error) are shown, or
  // at once when the catalog has to be built first and no results are coming soon.
  const [watching, setWatching] = useState(false);
  useEffect(() => {
    let current = true;
    void (services.catalogStored ?? Promise.resolve(false)).then((stored) => current && !stored && setWatching(true), () => current && setWatching(true));
    return () => {
      current = false;
    };
  }, [services]);
  useEffect(() => {
    if (!watching) return;
    const stopSaved = services.watchSaved((ids, byId) => {
      setSavedIds(ids);
      setStatuses(byId);
    });
    const stopSeenAt = services.watchEntriesSeenAt(setSeenAt);
    const stopZotero = services.watchInZotero(setInZotero);
    const stopRemoved = services.watchRemoved(setRemovedIds);
    return () => {
      stopRemoved();
      stopZotero();
      stopSaved();
      stopSeenAt();
    };
  }, [services, watching]);
  // Send is called from the click itself: the permission prompt must start inside the user's gesture.
  const carry = {
    inZotero,
    sending: sendingIds,
    onSend: (paper: Paper) => {
      const reply = services.sendToZotero([paper.id]);
      setSendingIds((s) => new Set([...s, paper.id]));
      void reply.then((outcome) => {
        setSendingIds((s) => new Set([...s].filter((id) => id !== paper.id)));
        setCarryNotice(outcome.message);
      });
    },
    onCopy: (paper: Paper, format: CitationFormat) => {
      void services.copyText(citation(unsavedItem(paper), format), CITATION_NAMES[format]).then(setCarryNotice);
    },
  };

  // A list turned off or removed while the popup is open is no longer a choice to filter by.
  useEffect(() => {
    if (catalog && filters.listId && !catalog.lists.some((l) => l.id === filters.listId)) {
      setFilters((f) => ({ ...f, listId: undefined }));
    }
  }, [catalog, filters.listId]);
  const trimmed = query.trim();

  // A pasted or typed identifier goes straight to its entry (looked up by id, not searched).
  const pendingLookup = useMemo(() => (catalog && trimmed ? catalog.lookup(trimmed) : undefined), [catalog, trimmed]);
  useEffect(() => {
    if (!pendingLookup) return;
    let current = true;
    pendingLookup.then(
      (lookup) => current && setLookupState({ text: trimmed, lookup }),
      (e: unknown) => current && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      current = false;
    };
  }, [pendingLookup, trimmed]);
  const lookup = pendingLookup && lookupState?.text === trimmed ? lookupState.lookup : null;

  const browsing = trimmed === '' && activeFilterCount(filters) === 0;
  const categoryProgress = useMemo(() => (catalog && browsing && statuses ? catalog.progress(statuses) : undefined), [catalog, statuses, browsing]);
  // The saved set arrives just after the catalog: a search that does not filter by it must not
  // start again for it (that second search, with its database read, delayed the first results).
  const savedFilter = filters.savedOnly ? savedIds : EMPTY_SET;
  const request: SearchRequest & { query: string } = useMemo(
    () => ({
      query: trimmed,
      filters,
      // An empty box lists papers newest first whatever the sort says.
      sort: trimmed === '' ? 'date' : sort,
      savedIds: savedFilter,
      limit: browsing ? NEWEST_LIMIT : RESULT_LIMIT,
    }),
    [trimmed, filters, sort, savedFilter, browsing],
  );
  // The last answer stays on screen until the next one arrives: no flicker while typing.
  const [answer, setAnswer] = useState<{ request: SearchRequest; outcome: SearchOutcome } | null>(null);
  useLayoutEffect(() => {
    if (!catalog || pendingLookup) return;
    let current = true;
    const fail = (e: unknown) => current && setError(e instanceof Error ? e.message : String(e));
    catalog.search(request.query, request).then((outcome) => {
      if (!current) return;
      setAnswer({ request, outcome });
      outcome.rest?.then((more) => current && setAnswer({ request, outcome: { ...outcome, papers: [...outcome.papers, ...more], rest: undefined } }), fail);
    }, fail);
    return () => {
      current = false;
    };
  }, [catalog, pendingLookup, request]);
  const outcome = answer?.outcome ?? null;
  const busy = !catalog || (pendingLookup ? !lookup : answer?.request !== request);
  const firstShown = answer !== null || lookup !== null || error !== null || catalogState.status === 'error';
  useEffect(() => {
    if (firstShown) setWatching(true);
  }, [firstShown]);

  const shown: Paper[] = pendingLookup ? (lookup?.kind === 'found' ? [lookup.paper] : []) : (outcome?.papers ?? []);
  const terms = outcome?.terms ?? [];
  const newIds = useMemo(() => new Set(shown.filter((p) => isNewPaper(p, seenAt)).map((p) => p.id)), [shown, seenAt]);

  // A new query or filter starts from the top result.
  useEffect(() => setActiveIndex(-1), [trimmed, filters, sort]);
  const active = activeIndex >= 0 && activeIndex < shown.length ? activeIndex : -1;

  const clear = () => {
    setQuery('');
    setFilters(NO_FILTERS);
    setLookupState(null);
    inputRef.current?.focus();
  };

  const open = (paper: Paper) => {
    const url = primaryUrl(paper);
    if (url) services.openUrl(url);
  };

  /** Saves (`saved`) or unsaves paper `id` through `write`, busy meanwhile, a failure said in plain words. */
  const runSave = async (id: string, saved: boolean, write: (saved: boolean) => Promise<void>) => {
    setBusyIds((s) => new Set(s).add(id));
    try {
      await write(saved);
      setError(null);
    } catch (e) {
      setError(`Could not save: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusyIds((s) => {
        const next = new Set(s);
        next.delete(id);
        return next;
      });
    }
  };

  /** A Save toggle's press: unsaving a paper that holds the user's note or tags asks once first (see `removal`). */
  const toggle = async (id: string, write: (saved: boolean) => Promise<void>) => {
    const saved = !savedIds.has(id);
    if (!saved && askingId !== id && (await services.hasNoteOrTags(id).catch(() => false))) {
      setAskingId(id);
      return;
    }
    setAskingId(null);
    await runSave(id, saved, write);
  };

  /** The line under a paper's Save: the question while asking, or "Removed · Undo" while restorable. */
  const removal = (id: string, write: (saved: boolean) => Promise<void>): Removal | undefined => {
    if (savedIds.has(id)) {
      if (askingId !== id) return undefined;
      return {
        kind: 'asking',
        onRemove: () => {
          setAskingId(null);
          void runSave(id, false, write);
        },
        onKeep: () => setAskingId(null),
      };
    }
    return removedIds.has(id) ? { kind: 'removed', onUndo: () => void runSave(id, true, write) } : undefined;
  };

  const writePaper = (paper: Paper) => (saved: boolean) => services.setSaved(paper, saved);
  const toggleSave = (paper: Paper) => toggle(paper.id, writePaper(paper));

  const tabId = tab?.kind === 'listed' ? tab.paper.id : tab?.paperId;
  const writeTab = (saved: boolean) => (tab ? services.setTabSaved(tab, saved) : Promise.resolve());
  const toggleTabSave = async () => {
    if (tab && tabId) await toggle(tabId, writeTab);
  };

  /** A listed paper's status as the reading list says now (the record's may be older). */
  const withSavedState = (hit: ListedHit): ListedHit => ({ ...hit, status: markStatus(savedIds.has(hit.id) ? (statuses?.get(hit.id) ?? 'to-read') : undefined) });

  const writeListed = (hit: ListedHit) => (saved: boolean) => services.setListedSaved(hit.id, saved);
  const toggleListedSave = (hit: ListedHit) => toggle(hit.id, writeListed(hit));

  const onKeyDown = (e: KeyboardEvent) => {
    const target = shown[active] ?? shown[0];
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActiveIndex(moveSelection(active, e.key === 'ArrowDown' ? 1 : -1, shown.length));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (target) open(target);
    } else if (e.key.toLowerCase() === 's' && (e.ctrlKey || e.metaKey) && !e.altKey) {
      e.preventDefault();
      if (target) void toggleSave(target);
    }
  };

  // Esc anywhere in the popup: first clears, then closes.
  useEffect(() => {
    const onEscape = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      if (query !== '' || activeFilterCount(filters) > 0) clear();
      else services.close();
    };
    document.addEventListener('keydown', onEscape);
    return () => document.removeEventListener('keydown', onEscape);
  });

  const pickCategory = (category: string) => {
    setFilters({ ...filters, category });
    inputRef.current?.focus();
  };

  const filterCount = activeFilterCount(filters);
  const status = statusText();
  function statusText(): string {
    if (catalogState.status === 'loading') return seedFailed ? '' : 'Loading the list…';
    if (catalogState.status === 'error') return '';
    if (pendingLookup) {
      if (!lookup) return 'Looking up…';
      return lookup.kind === 'found' ? `${lookup.label} is in the list` : '';
    }
    if (browsing) return 'Newest papers';
    if (!outcome) return '';
    const { total } = outcome;
    if (total === 'more') return `Over ${plural(shown.length, 'result')}, showing the best ${shown.length}`;
    if (total === 0) return 'No results';
    return total > shown.length ? `${plural(total, 'result')}, showing the first ${shown.length}` : plural(total, 'result');
  }

  return (
    <div class="popup">
      {services.siteAccess && <SiteAccessNotice access={services.siteAccess} />}
      <header class="popup-head">
        <SearchBox
          inputRef={inputRef}
          value={query}
          onInput={setQuery}
          onKeyDown={onKeyDown}
          listId={LIST_ID}
          activeId={active >= 0 ? optionId(LIST_ID, active) : undefined}
          placeholder="Search titles, authors, ids…"
        />
        <button
          type="button"
          class={`filters-toggle${filterCount > 0 ? ' has-filters' : ''}`}
          aria-expanded={filtersOpen}
          aria-controls="filters"
          onClick={() => setFiltersOpen(!filtersOpen)}
        >
          Filters{filterCount > 0 && <span class="filters-count"> {filterCount}</span>}
        </button>
      </header>
      {filtersOpen && catalog && (
        <div id="filters">
          <Filters
            filters={filters}
            sort={sort}
            categories={catalog.categories.map((c) => c.category)}
            years={catalog.years}
            lists={catalog.lists}
            onChange={setFilters}
            onSort={setSort}
          />
        </div>
      )}
      {!filtersOpen && filterCount > 0 && (
        <ActiveFilters filters={filters} lists={catalog?.lists ?? []} onChange={setFilters} />
      )}

      <div class="popup-body">
        {error && (
          <p class="notice is-error" role="alert">
            {error}
          </p>
        )}
        {carryNotice && (
          <p class="notice" role="status" data-carry-notice="">
            {carryNotice}
          </p>
        )}
        {catalogState.status === 'error' && (
          <p class="notice is-error" role="alert">
            Lantern could not read its list: {catalogState.message}
          </p>
        )}
        {seedFailed && (
          <p class="notice is-error" role="alert" data-seed-failure="">
            {seedFailure}
          </p>
        )}
        {tab && trimmed === '' && tabId && (
          <ThisTab
            tab={tab}
            saved={savedIds.has(tabId)}
            status={statuses?.get(tabId)}
            busy={busyIds.has(tabId)}
            onToggleSave={() => void toggleTabSave()}
            onSetStatus={(status) => void services.setStatus(tabId, status)}
            removal={tabId ? removal(tabId, writeTab) : undefined}
            onCategory={pickCategory}
            shortcut={shortcut}
          />
        )}
        {tabListings && trimmed === '' && (
          <ListedOnTab
            listed={tabListings.listed.map(withSavedState)}
            cites={tabListings.cites.map(withSavedState)}
            paperListed={tabListings.paperListed}
            suggestUrl={tabListings.suggestUrl}
            capped={tabListings.capped}
            busyIds={busyIds}
            onToggleSave={(hit) => void toggleListedSave(hit)}
            removal={(hit) => removal(hit.id, writeListed(hit))}
          />
        )}
        {browsing && catalog && <CategoryChips counts={catalog.categories} progress={categoryProgress} listNames={catalog.lists.map((l) => l.name)} onPick={pickCategory} />}
        {lookup?.kind === 'missing' && <NotInList label={lookup.label} url={lookup.url} />}
        <p class={`result-status${browsing && catalog ? ' section-heading' : ''}`} aria-live="polite" role="status">
          {status}
        </p>
        {status === 'No results' && (
          <p class="notice empty-hint">
            Nothing in the list matches “{trimmed}”{filterCount > 0 ? ' with these filters' : ''}.
            {filterCount > 0 && (
              <>
                {' '}
                <button type="button" class="link-button" onClick={() => setFilters(NO_FILTERS)}>
                  Clear filters
                </button>
              </>
            )}
          </p>
        )}
        <ResultList
          id={LIST_ID}
          busy={busy}
          label={browsing ? 'Newest papers' : 'Results'}
          papers={shown}
          activeIndex={active}
          savedIds={savedIds}
          statuses={statuses ?? undefined}
          newIds={newIds}
          busyIds={busyIds}
          terms={terms}
          onOpen={open}
          onToggleSave={(p) => void toggleSave(p)}
          removal={(p) => removal(p.id, writePaper(p))}
          onCategory={pickCategory}
          carry={carry}
        />
      </div>

      <footer class="popup-foot">
        <p class="keys" aria-hidden="true">
          <kbd>↑</kbd>
          <kbd>↓</kbd> move · <kbd>↵</kbd> open · <kbd>{services.modKey}</kbd>+<kbd>S</kbd> save · <kbd>Esc</kbd> clear
        </p>
        <div class="foot-row">
          {catalog ? (
            <span class="count" data-entry-count={catalog.entryCount} title={catalog.listName}>
              {plural(catalog.entryCount, 'paper')} · {catalog.listName}
            </span>
          ) : (
            <span class="count">…</span>
          )}
          <nav class="foot-links" aria-label="Lantern pages">
            {/* "N new entries" and "Update now"; the catalog follows the rebuilt index by itself. */}
            <ListUpdates onUpdated={() => undefined} />
            <a href={services.libraryUrl} target="_blank" rel="noopener">
              Reading list{savedIds.size > 0 ? ` (${savedIds.size})` : ''}
            </a>
            <a class="settings-link" href={services.optionsUrl} target="_blank" rel="noopener" aria-label="Settings" title="Settings">
              <svg aria-hidden="true" width="14" height="14" viewBox="0 0 24 24">
                <circle cx="12" cy="12" r="3" fill="none" stroke="currentColor" stroke-width="2" />
                <path
                  d="M12 2v3M12 19v3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M2 12h3M19 12h3M4.9 19.1L7 17M17 7l2.1-2.1"
                  stroke="currentColor"
                  stroke-width="2"
                  stroke-linecap="round"
                />
              </svg>
            </a>
          </nav>
        </div>
      </footer>
    </div>
  );
}

function ActiveFilters({
  filters,
  lists,
  onChange,
}: {
  filters: PopupFilters;
  lists: readonly ListChoice[];
  onChange: (f: PopupFilters) => void;
}) {
  const years =
    filters.yearFrom !== undefined || filters.yearTo !== undefined
      ? `${filters.yearFrom ?? '…'}–${filters.yearTo ?? '…'}`
      : null;
  return (
    <ul class="active-filters" aria-label="Active filters">
      {filters.category && (
        <FilterPill label={categoryLeaf(filters.category)} onRemove={() => onChange({ ...filters, category: undefined })} />
      )}
      {years && <FilterPill label={years} onRemove={() => onChange({ ...filters, yearFrom: undefined, yearTo: undefined })} />}
      {filters.hasCode && <FilterPill label="Has code" onRemove={() => onChange({ ...filters, hasCode: false })} />}
      {filters.savedOnly && <FilterPill label="Saved" onRemove={() => onChange({ ...filters, savedOnly: false })} />}
      {filters.listId && (
        <FilterPill
          label={lists.find((l) => l.id === filters.listId)?.name ?? filters.listId}
          onRemove={() => onChange({ ...filters, listId: undefined })}
        />
      )}
    </ul>
  );
}

function FilterPill({ label, onRemove }: { label: string; onRemove: () => void }) {
  return (
    <li class="pill">
      {label}
      <button type="button" class="pill-remove" aria-label={`Remove filter ${label}`} onClick={onRemove}>
        ×
      </button>
    </li>
  );
}
