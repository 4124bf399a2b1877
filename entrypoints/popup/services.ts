/**
 * What the popup needs from the rest of Lantern, as one interface: the App renders from it, the
 * entrypoint wires it to the database, the search index and the background, and unit tests
 * wire it to an in-memory list.
 */
import type { CategoryCount } from '../../components/CategoryChips';
import type { SiteAccess } from '../../lib/siteAccess';
import type { TabPaper } from '../../components/ThisTab';
import type { ListedHit } from '../../lib/listing/hit';
import type { ListChoice, PopupFilters, SortOrder } from '../../lib/popup/filters';

export type { ListChoice };
import type { Paper, ReadingStatus } from '../../lib/types';
import type { ZoteroReply } from '../../lib/zotero/request';
import type { CategoryProgress } from '../../lib/progress';

export interface SearchOutcome {
  /** The papers to show, best first (at most the limit asked for). */
  papers: Paper[];
  /** How many papers matched, when known exactly; otherwise more than `papers.length`. */
  total: number | 'more';
  /** The terms to mark in titles and authors. */
  terms: string[];
  /** The papers after `papers`, still being read: the first screenful is shown without waiting for them. */
  rest?: Promise<Paper[]>;
}

export interface SearchRequest {
  filters: PopupFilters;
  sort: SortOrder;
  savedIds: ReadonlySet<string>;
  limit: number;
}

/** What a pasted identifier led to: the entry, or a plain "not in the list" with the identifier's own page (`url`, http(s)). */
export type Lookup = { kind: 'found'; label: string; paper: Paper } | { kind: 'missing'; label: string; url: string };

export interface PopupCatalog {
  entryCount: number;
  /** The list's name for the footer ("LLMs in Medicine"). */
  listName: string;
  /** The enabled lists, for the list filter. */
  lists: readonly ListChoice[];
  readonly categories: CategoryCount[];
  readonly years: number[];
  /** Per category path: how many of its papers are saved, being read and read (statuses of saved papers by id). */
  progress(statuses: ReadonlyMap<string, ReadingStatus>): ReadonlyMap<string, CategoryProgress>;
  /** Ranked results for a query; an empty query lists matching papers newest first. */
  search(query: string, request: SearchRequest): Promise<SearchOutcome>;
  /** Undefined when the text is not an identifier (arXiv id, DOI, paper URL). */
  lookup(text: string): Promise<Lookup> | undefined;
}

export interface TabListings {
  listed: ListedHit[];
  cites: ListedHit[];
  /** Whether the tab's own paper is listed; undefined when the tab shows no paper of its own. */
  paperListed?: boolean;
  suggestUrl?: string;
  /** The page has more listed papers or marks than Lantern keeps or draws. */
  capped?: boolean;
}

export interface PopupServices {
  /** The paper sites' permissions, for the notice that asks for them (components/SiteAccessNotice); absent in tests of other parts. */
  siteAccess?: SiteAccess;
  /** Calls back with the catalog as soon as it is loaded and whenever it changes; returns the unsubscribe. */
  watchCatalog(onChange: (catalog: PopupCatalog) => void, onError: (error: unknown) => void): () => void;
  /**
   * Resolves true when the catalog comes from the stored search index, ready at once; false when
   * one must be built first. Absent: as false.
   */
  catalogStored?: Promise<boolean>;
  /** Calls back with why the bundled list could not be stored (null when it was), now and on every change; returns the unsubscribe. Absent: never. */
  watchSeedFailure?(onChange: (sentence: string | null) => void): () => void;
  /**
   * Calls back with the time up to which the user has seen new entries (undefined before the
   * clock starts), now and whenever it moves; returns the unsubscribe.
   */
  watchEntriesSeenAt(onChange: (seenAt: number | undefined) => void): () => void;
  /** Calls back with the saved paper ids (and their reading status) now and on every change; returns the unsubscribe. */
  watchSaved(onChange: (ids: ReadonlySet<string>, statuses: ReadonlyMap<string, ReadingStatus>) => void): () => void;
  setSaved(paper: Paper, saved: boolean): Promise<void>;
  /**
   * Calls back with the ids of papers removed and still restorable (lib/db/readingList.ts), now
   * and on every change; returns the unsubscribe. Saving one again restores it exactly (Undo).
   */
  watchRemoved(onChange: (ids: ReadonlySet<string>) => void): () => void;
  /** Whether a saved paper holds the user's note or tags: unsaving it asks first. */
  hasNoteOrTags(paperId: string): Promise<boolean>;
  /** Calls back with the ids of papers Zotero has confirmed, now and on every change; returns the unsubscribe. */
  watchInZotero(onChange: (ids: ReadonlySet<string>) => void): () => void;
  /** "Send to Zotero": call from the click (it may ask for the permission to reach Zotero). */
  sendToZotero(paperIds: readonly string[]): Promise<ZoteroReply>;
  /** Puts text on the clipboard; resolves to a sentence saying whether it did. */
  copyText(text: string, what: string): Promise<string>;
  /** The paper the active tab shows, listed or identified from its metadata. */
  loadTab(): Promise<TabPaper | null>;
  setTabSaved(tab: TabPaper, saved: boolean): Promise<void>;
  /** Sets a saved paper's reading status. */
  setStatus(paperId: string, status: ReadingStatus): Promise<void>;
  /** The listed papers the active tab lists or cites (empty when none), and "Suggest it to the list". */
  loadTabListings(): Promise<TabListings>;
  /** Saves or unsaves a listed paper by its id. */
  setListedSaved(paperId: string, saved: boolean): Promise<void>;
  /** The keyboard shortcut that saves the current page, as the browser shows it, if set. */
  loadShortcut(): Promise<string | null>;
  openUrl(url: string): void;
  close(): void;
  libraryUrl: string;
  optionsUrl: string;
  /** "⌘" on macOS, "Ctrl" elsewhere, for the save key hint. */
  modKey: string;
}
