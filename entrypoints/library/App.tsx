import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { liveQuery } from 'dexie';
import { setAsideNotice, setAsideRows, type SetAsideRow } from '../../lib/db/setAside';
import { LibraryTable } from '../../components/library/LibraryTable';
import { clearNoteDraft, keepNoteDraft, writeNoteDrafts } from '../../lib/library/noteDrafts';
import { ProgressView } from '../../components/library/ProgressView';
import { loadListsInOrder, progressViews, type ListInOrder } from '../../lib/progress/data';
import { BulkBar, LibraryFilterBar, TransferBar } from '../../components/library/LibraryControls';
import {
  hasNoteOrTags,
  listRemoved,
  purgeRemoved,
  removeSaved,
  restoreRemoved,
  restoreSaved,
  toStorageError,
  updateManySaved,
  updateSaved,
  type SavedPatch,
} from '../../lib/db/readingList';
import { exportItems, type ExportFormat } from '../../lib/formats/exportFile';
import { importChosenFile, importFile } from '../../lib/formats/importFile';
import { libraryRows, loadListMembership, loadSavedItems, type ListMembership } from '../../lib/library/data';
import {
  activeLibraryFilterCount,
  buildLibraryIndex,
  categoriesInUse,
  formatDay,
  keepPresent,
  libraryView,
  removedMessage,
  searchLibrary,
  tagsInUse,
  type LibraryFilters,
  type LibrarySort,
} from '../../lib/library/view';
import type { ReadingStatus, RemovedItem, SavedItem } from '../../lib/types';
import { plural } from '../../lib/words';
import type { LibraryServices } from './services';
import { CITATION_NAMES, citation, copyToClipboard, type CitationFormat } from '../../lib/formats/citation';
import { zoteroSentIds } from '../../lib/zotero/sent';

const PAGE_SIZE = 100;
const UNDO_MS = 10_000;
const TAGS_ID = 'library-tags';

type Notice = { kind: 'info' | 'error'; text: string; details?: string[] };
type Undo = { items: SavedItem[]; text: string };
/** Papers about to be removed that carry the user's notes or tags: asked once before. */
type Confirm = { items: SavedItem[]; withWork: number };

export function App({ services }: { services: LibraryServices }) {
  const { db } = services;
  const [items, setItems] = useState<SavedItem[] | null>(null);
  const [membership, setMembership] = useState<ListMembership | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<LibraryFilters>({});
  const [sort, setSort] = useState<LibrarySort>('added');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [limit, setLimit] = useState(PAGE_SIZE);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [undo, setUndo] = useState<Undo | null>(null);
  const [confirming, setConfirming] = useState<Confirm | null>(null);
  const [removed, setRemoved] = useState<RemovedItem[]>([]);
  const [importing, setImporting] = useState(false);
  const [shortcut, setShortcut] = useState<string | null>(null);
  const [progressOpen, setProgressOpen] = useState(false);
  const [inZotero, setInZotero] = useState<ReadonlySet<string>>(new Set());
  const [sending, setSending] = useState<ReadonlySet<string>>(new Set());
  const [listsInOrder, setListsInOrder] = useState<ListInOrder[] | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  const [setAside, setSetAside] = useState<SetAsideRow[]>([]);

  useEffect(() => {
    void services.requestPersistence();
    // Notes a library page closed while saving them (lib/library/noteDrafts.ts).
    if (services.drafts) writeNoteDrafts(db, services.drafts, services.now()).catch(fail);
    services.loadShortcut().then(setShortcut, () => setShortcut(null));
    const onError = (e: unknown) => setLoadError(toStorageError(e).message);
    const saved = liveQuery(() => loadSavedItems(db)).subscribe({
      next: (next) => {
        setItems(next);
        setLoadError(null);
      },
      error: onError,
    });
    const listed = liveQuery(() => loadListMembership(db)).subscribe({ next: setMembership, error: onError });
    const zotero = liveQuery(() => zoteroSentIds(db)).subscribe({
      next: setInZotero,
      error: onError,
    });
    // Removed papers are kept 30 days; older ones go now, the rest are listed under "Recently removed".
    purgeRemoved(db, services.now()).catch(() => undefined);
    // Rows an upgrade from an older version could not read: said here, offered as a file in the settings.
    setAsideRows(db).then(setSetAside, () => undefined);
    const recent = liveQuery(() => listRemoved(db, services.now())).subscribe({ next: setRemoved, error: onError });
    return () => {
      saved.unsubscribe();
      listed.unsubscribe();
      zotero.unsubscribe();
      recent.unsubscribe();
    };
  }, [db, services]);

  useEffect(() => {
    if (!undo) return;
    // The control that removed them is gone with them: Undo is where the focus can go.
    undoRef.current?.focus();
    const timer = setTimeout(() => setUndo(null), UNDO_MS);
    return () => clearTimeout(timer);
  }, [undo]);

  // The lists' entries are read only while the progress view is open, and again when a list changes.
  useEffect(() => {
    if (!progressOpen) return;
    let live = true;
    loadListsInOrder(db).then(
      (lists) => live && setListsInOrder(lists),
      (e: unknown) => live && setLoadError(toStorageError(e).message),
    );
    return () => {
      live = false;
    };
  }, [db, progressOpen, membership]);
  const progress = useMemo(() => (listsInOrder && items ? progressViews(listsInOrder, items) : null), [listsInOrder, items]);

  const rows = useMemo(() => libraryRows(items ?? [], membership), [items, membership]);
  const loaded = items !== null;
  // The index holds paper data only, which edits (status, tags, note) do not change.
  const paperSignature = rows.map((r) => `${r.item.id}\u0001${r.item.paper.title}\u0001${r.lists.join(',')}`).join('\u0002');
  const index = useMemo(() => buildLibraryIndex(rows), [paperSignature]);
  const ranked = useMemo(() => searchLibrary(index, rows, query), [index, rows, query]);
  const now = services.now();
  const effectiveSort: LibrarySort = sort === 'relevance' && !ranked ? 'added' : sort;
  const shown = useMemo(() => libraryView(rows, { ranked, filters, sort: effectiveSort, now }), [rows, ranked, filters, effectiveSort]);
  const tags = useMemo(() => tagsInUse(rows.map((r) => r.item)), [rows]);
  const categories = useMemo(() => categoriesInUse(rows.map((r) => r.item)), [rows]);
  const lists = membership?.lists ?? [];
  const listNames = useMemo(() => new Map(lists.map((l) => [l.id, l.name])), [lists]);

  // A query starts in best-match order; clearing it goes back to the order chosen before.
  const sortBeforeQuery = useRef<LibrarySort | null>(null);
  useEffect(() => {
    const hasQuery = query.trim() !== '';
    if (hasQuery && sortBeforeQuery.current === null) {
      sortBeforeQuery.current = sort;
      setSort('relevance');
    } else if (!hasQuery && sortBeforeQuery.current !== null) {
      if (sort === 'relevance') setSort(sortBeforeQuery.current);
      sortBeforeQuery.current = null;
    }
  }, [query]);

  useEffect(() => setLimit(PAGE_SIZE), [query, filters, sort]);

  // "/" jumps to the search box from anywhere but a text field; Esc in it clears it.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = target?.closest('input, textarea, select, [contenteditable]') != null;
      if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        searchRef.current?.focus();
      } else if (e.key === 'Escape' && target === searchRef.current && query !== '') {
        e.preventDefault();
        setQuery('');
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [query]);
  // Removed papers leave the selection.
  useEffect(() => {
    setSelected((s) => (s.size === 0 ? s : keepPresent(s, rows)));
  }, [rows]);

  const selectedItems = rows.filter((r) => selected.has(r.item.id)).map((r) => r.item);
  const selectedMatching = shown.filter((r) => selected.has(r.item.id)).length;

  const fail = (e: unknown) => setNotice({ kind: 'error', text: toStorageError(e).message });

  const { drafts } = services;
  const patch = (id: string, change: SavedPatch): Promise<boolean> =>
    updateSaved(db, id, change, services.now()).then(
      () => {
        if (drafts && change.note !== undefined) clearNoteDraft(drafts, id, change.note);
        return true;
      },
      (e: unknown) => {
        fail(e);
        return false;
      },
    );
  const keepDraft = drafts && ((id: string, note: string, base: string) => keepNoteDraft(drafts, id, note, base));

  const patchSelected = async (change: (item: SavedItem) => SavedPatch) => {
    const items = selectedItems;
    try {
      await updateManySaved(db, items.map((item) => ({ id: item.id, patch: change(item) })), services.now());
    } catch (e) {
      fail(e);
    }
  };

  const remove = async (items: SavedItem[], confirmed = false) => {
    if (items.length === 0) return;
    const withWork = items.filter(hasNoteOrTags).length;
    if (withWork > 0 && !confirmed) {
      setConfirming({ items, withWork });
      return;
    }
    setConfirming(null);
    try {
      const gone = await removeSaved(
        db,
        items.map((item) => item.id),
        services.now(),
      );
      setUndo({ items: gone, text: removedMessage(gone.length) });
    } catch (e) {
      fail(e);
    }
  };

  const restore = async (ids: string[]) => {
    try {
      await restoreRemoved(db, ids);
    } catch (e) {
      fail(e);
    }
  };

  const undoRemoval = async () => {
    if (!undo) return;
    try {
      await restoreSaved(db, undo.items);
      setUndo(null);
    } catch (e) {
      fail(e);
    }
  };

  // Called from the click itself: the permission prompt must start inside the user's gesture.
  const sendToZotero = (items: readonly SavedItem[]) => {
    if (items.length === 0) return;
    const ids = items.map((item) => item.id);
    const reply = services.sendToZotero(ids);
    setSending((s) => new Set([...s, ...ids]));
    void reply.then((outcome) => {
      setSending((s) => new Set([...s].filter((id) => !ids.includes(id))));
      setNotice({ kind: outcome.ok ? 'info' : 'error', text: outcome.message });
    });
  };

  const copyCitation = (item: SavedItem, format: CitationFormat) => {
    void copyToClipboard(citation(item, format), CITATION_NAMES[format], services.clipboard).then((text) => setNotice({ kind: 'info', text }));
  };

  const exportAs = (format: ExportFormat) => {
    const items = selectedItems.length > 0 ? selectedItems : rows.map((r) => r.item);
    const file = exportItems(items, format, { now: services.now(), ...(services.appVersion ? { appVersion: services.appVersion } : {}) });
    services.download(file.fileName, file.text, file.mediaType);
  };

  const importChosen = async (file: File) => {
    setImporting(true);
    try {
      const { error, text, warnings } = await importChosenFile(file, (fileText, format, fileName) => importFile(db, fileText, format, fileName));
      setNotice({ kind: error ? 'error' : 'info', text, details: warnings });
    } finally {
      setImporting(false);
    }
  };

  const select = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const selectAll = (on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      for (const row of shown) {
        if (on) next.add(row.item.id);
        else next.delete(row.item.id);
      }
      return next;
    });

  const filterCount = activeLibraryFilterCount(filters);
  const narrowed = query.trim() !== '' || filterCount > 0;
  const clearAll = () => {
    setQuery('');
    setFilters({});
    searchRef.current?.focus();
  };

  return (
    <div class="library">
      <header class="library-head">
        <h1>
          <img src="/icon-32.png" alt="" width="24" height="24" />
          Reading list
        </h1>
        {loaded && (
          <p class="library-count" role="status" data-saved-count={rows.length}>
            {rows.length === 0
              ? 'Nothing saved yet'
              : narrowed
                ? `${plural(shown.length, 'paper')} of ${rows.length.toLocaleString('en')}`
                : plural(rows.length, 'saved paper')}
          </p>
        )}
      </header>

      {loadError && (
        <p class="notice is-error" role="alert">
          {loadError}
        </p>
      )}
      {setAside.length > 0 && (
        <p class="notice is-error" role="status" data-set-aside>
          {setAsideNotice(setAside)} <a href="options.html#data-heading">Lantern settings › Data</a> offers {setAside.length === 1 ? 'it' : 'them'} as a
          file.
        </p>
      )}
      {notice && (
        <div class={`notice${notice.kind === 'error' ? ' is-error' : ''}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-notice={notice.kind}>
          <p>{notice.text}</p>
          {notice.details && notice.details.length > 0 && (
            <details>
              <summary>{plural(notice.details.length, 'note')} on the file</summary>
              <ul>
                {notice.details.map((d, i) => (
                  <li key={i}>{d}</li>
                ))}
              </ul>
            </details>
          )}
          <button type="button" class="link-button notice-close" aria-label="Dismiss message" onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      )}

      {loaded && rows.length === 0 && (
        <section class="empty" aria-labelledby="empty-title">
          <h2 id="empty-title">Your reading list is empty</h2>
          <p>Save papers as you come across them, and they will wait for you here:</p>
          <ul>
            <li>
              On a paper’s page, press <strong>Save</strong> on the Lantern card.
            </li>
            <li>
              In the Lantern popup, press the bookmark beside a result, or <kbd>Ctrl</kbd>+<kbd>S</kbd>.
            </li>
            <li>
              Right-click a page or a link to a paper and choose <strong>Save to Lantern</strong>.
            </li>
            {shortcut && (
              <li>
                Press <kbd>{shortcut}</kbd> on a paper’s page.
              </li>
            )}
          </ul>
          <p>Moving from another tool? Import a BibTeX file from Zotero or Paperpile, or a Lantern backup.</p>
        </section>
      )}

      {loaded && (
        <TransferBar
          scope={{ selected: selectedItems.length > 0, count: selectedItems.length > 0 ? selectedItems.length : rows.length }}
          onExport={exportAs}
          onImport={(file) => void importChosen(file)}
          importing={importing}
        />
      )}

      {loaded && (
        <details class="progress-details" data-view="progress" open={progressOpen} onToggle={(e) => setProgressOpen(e.currentTarget.open)}>
          <summary>Progress through the list</summary>
          {progress ? <ProgressView lists={progress.lists} left={progress.left} /> : progressOpen && <p class="progress-loading">Counting…</p>}
        </details>
      )}

      {rows.length > 0 && (
        <>
          <LibraryFilterBar
            inputRef={searchRef}
            query={query}
            filters={filters}
            sort={effectiveSort}
            tags={tags}
            categories={categories}
            lists={lists}
            onQuery={setQuery}
            onFilters={setFilters}
            onSort={setSort}
          />
          {selected.size > 0 && (
            <BulkBar
              count={selected.size}
              tagSuggestionsId={TAGS_ID}
              onStatus={(status: ReadingStatus) => void patchSelected(() => ({ status }))}
              onAddTag={(tag) => void patchSelected((item) => ({ tags: [...item.tags, tag] }))}
              onRemoveTag={(tag) => void patchSelected((item) => ({ tags: item.tags.filter((t) => t.toLowerCase() !== tag.toLowerCase()) }))}
              onRemove={() => void remove(selectedItems)}
              onClear={() => setSelected(new Set())}
              onSendToZotero={() => sendToZotero(selectedItems)}
              sendingToZotero={selectedItems.some((item) => sending.has(item.id))}
            />
          )}
          <datalist id={TAGS_ID}>
            {tags.map((t) => (
              <option value={t} key={t} />
            ))}
          </datalist>
          {shown.length === 0 ? (
            <p class="notice empty-hint">
              No saved paper matches{query.trim() ? ` “${query.trim()}”` : ''}
              {filterCount > 0 ? ' with these filters' : ''}.{' '}
              <button type="button" class="link-button" onClick={clearAll}>
                Show all
              </button>
            </p>
          ) : (
            <LibraryTable
              rows={shown.slice(0, limit)}
              total={shown.length}
              selected={selected}
              selectedMatching={selectedMatching}
              listNames={listNames}
              tagSuggestionsId={TAGS_ID}
              onSelect={select}
              onSelectAll={selectAll}
              onPatch={patch}
              onNoteDraft={keepDraft}
              onRemove={(items) => void remove(items)}
              inZotero={inZotero}
              sending={sending}
              onSendToZotero={(item) => sendToZotero([item])}
              onCopyCitation={copyCitation}
            />
          )}
          {shown.length > limit && (
            <p class="more">
              <button type="button" onClick={() => setLimit(limit + PAGE_SIZE)}>
                Show {Math.min(PAGE_SIZE, shown.length - limit)} more of {plural(shown.length - limit, 'paper')}
              </button>
            </p>
          )}
        </>
      )}

      {removed.length > 0 && (
        <section class="recently-removed" aria-labelledby="recently-removed-heading" data-recently-removed="">
          <h2 id="recently-removed-heading">Recently removed</h2>
          <p class="hint">Kept for 30 days with their notes and tags, then deleted.</p>
          <ul>
            {removed.map((row) => (
              <li key={row.id} data-paper-id={row.id}>
                <span class="removed-title">{row.item.paper.title}</span>
                <span class="removed-at"> · removed {formatDay(row.removedAt)} · </span>
                <button type="button" class="link-button" aria-label={`Restore ${row.item.paper.title}`} onClick={() => void restore([row.id])}>
                  Restore
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      {confirming && (
        <div class="toast" role="alertdialog" aria-label="Remove papers with notes or tags?" data-confirm-remove="">
          <span>
            {confirming.items.length === 1
              ? 'This paper has your notes or tags. Remove it from your reading list?'
              : confirming.withWork === confirming.items.length
                ? `These ${confirming.items.length} papers have your notes or tags. Remove them?`
                : `${plural(confirming.withWork, 'paper')} of ${confirming.items.length} ${confirming.withWork === 1 ? 'has' : 'have'} your notes or tags. Remove them?`}{' '}
          </span>
          <button type="button" class="link-button" onClick={() => void remove(confirming.items, true)}>
            Remove
          </button>
          <span aria-hidden="true"> · </span>
          <button type="button" class="link-button" onClick={() => setConfirming(null)}>
            Keep
          </button>
        </div>
      )}

      {undo && (
        <div class="toast" role="status" data-undo="">
          <span>{undo.text}</span>
          <span aria-hidden="true"> · </span>
          <button ref={undoRef} type="button" class="link-button" onClick={() => void undoRemoval()}>
            Undo
          </button>
        </div>
      )}
    </div>
  );
}
