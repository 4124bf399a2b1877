/**
 * Every message between content scripts, extension pages and the background, with its reply
 * and who may send it. Senders call `sendMessage`; the background answers every message with
 * one handler object passed to `handleMessages`, which checks the sender and validates each
 * request before the handler sees it, and answers errors as data (never by throwing into the
 * caller).
 *
 * To add a message: its request and reply in `Protocol`, its validator in `validators`, and
 * one line in `allowedSenders`.
 */
import { browser } from 'wxt/browser';
import { isHttpUrl } from './ids/url';
import type { PageIdentity, PageMatch, ListInfo, ReadingStatus, SavedState } from './types';
import type { AddListOutcome, RefreshOutcome, RefreshSchedule, RefreshStates } from './refresh';
import type { ItemQuery } from './listing/item';
import type { ListedHit, MarkStatus } from './listing/hit';
import { isRecord } from './isRecord';
import { isReadingStatus } from './readingStatus';

export interface Protocol {
  /** How many entries the local copy holds, and the lists it follows. */
  getStatus: { req: Record<string, never>; res: { entryCount: number; savedCount: number; lists: ListInfo[] } };
  /** The content script asks whether its page is a listed paper. */
  matchPage: { req: PageIdentity; res: PageMatch | null };
  /**
   * Save or unsave a paper (listed, or identified from a page for unlisted papers); with `status`,
   * a save also sets its reading status (saved already or not). From a content script only the
   * paper the background matched for that tab, and `page` is ignored.
   */
  setSaved: { req: { paperId: string; saved: boolean; page?: PageIdentity; status?: ReadingStatus }; res: SavedState };
  /** The popup's "This tab": what the background knows of a tab's paper (see entrypoints/background/toolbar.ts). */
  getTabPaper: { req: { tabId: number }; res: { identity: PageIdentity | null; match: PageMatch | null } };
  /** The content script of a listed page asks for the badge's UI bundle (lib/badgeUi.ts). */
  loadBadgeUi: { req: Record<string, never>; res: { loaded: boolean } };
  /** "Update now": refreshes these lists (default: every enabled list) from their sources (lib/refresh). */
  /** `acceptShrink`: apply copies that drop most entries (the user asked, after seeing them refused). */
  refreshLists: { req: { listIds?: string[]; acceptShrink?: boolean }; res: RefreshOutcome[] };
  /** Follows a new list by URL; the options page has already asked for its host permission. */
  addList: { req: { url: string }; res: AddListOutcome };
  /** Stops following a list (saved papers stay). */
  removeList: { req: { listId: string }; res: { removed: boolean } };
  setListEnabled: { req: { listId: string; enabled: boolean }; res: { enabled: boolean } };
  /** Lists, their last refresh, the schedule and the count of new entries, for the popup and options page. */
  getRefreshState: {
    req: Record<string, never>;
    res: { lists: ListInfo[]; states: RefreshStates; schedule: RefreshSchedule; nextCheckAt?: number; newEntries: number };
  };
  setRefreshSchedule: { req: RefreshSchedule; res: RefreshSchedule };
  /** "Dismiss" on "12 new entries": what arrived until now is no longer new. */
  markEntriesSeen: { req: Record<string, never>; res: { seenAt: number } };
  /**
   * A page wrote the reading list itself (lib/db/pageDb.ts): the background tells the tabs. Dexie's
   * own change notice does not wake a stopped service worker; a message does.
   */
  readingListChanged: { req: Record<string, never>; res: Record<string, never> };
  /**
   * A page that lists papers asks which of its items are listed: one message per page and per
   * batch of added nodes (at most MAX_LOOKUP_ITEMS items), never one per item. `first` starts
   * the tab's record over (a new page); `read` says what the items are (a reference list's hits
   * are what the page's paper cites). The answer is aligned with `items`; `off`: the reader
   * turned this kind of mark off (options page), every hit is null and the page stops asking.
   */
  lookupListed: { req: ListedLookup; res: { hits: (ListedHit | null)[]; off?: true } };
  /** The page's marks reached MARK_CAP and more were left unmarked: "This tab" says so. Only about the sender's own page. */
  marksCapped: { req: Record<string, never>; res: Record<string, never> };
  /** A mark's card: the entry as the page badge shows it; only for papers this tab was told are on it. */
  getListedPaper: { req: { paperId: string }; res: PageMatch | null };
  /** Save or unsave from a mark's card, and with `status` set the reading status (as setSaved); only for papers this tab was told are on it. */
  saveListed: { req: { paperId: string; saved: boolean; status?: ReadingStatus }; res: { status: MarkStatus } };
  /** The content script of a known listing asks for the listing readers (lib/listingReader.ts). */
  loadListingReader: { req: Record<string, never>; res: { loaded: boolean } };
  /** The popup's "This tab" on a page that lists papers: the listed papers on it and those its paper cites. */
  getTabListed: { req: { tabId: number }; res: TabListed };
  /**
   * Sends papers (saved, or listed) to the Zotero desktop app (lib/zotero). `sent` holds only
   * what Zotero confirmed; `message` says in plain words what happened.
   */
  sendToZotero: { req: { paperIds: string[] }; res: { sent: string[]; notSent: string[]; ok: boolean; message: string } };
  /** Which of these papers Lantern has sent to Zotero (the badge's "In Zotero"). */
  getInZotero: { req: { paperIds: string[] }; res: { paperIds: string[] } };
}

/** How the items of a lookup were read from the page. */
export type ListedRead = 'listing' | 'references' | 'links';

export interface ListedLookup {
  items: ItemQuery[];
  read: ListedRead;
  first: boolean;
  /**
   * The page has no mark UI yet: when something is listed, the background injects it
   * (lib/badgeUi.ts) while it reads the entries, and answers once it is there, which saves the
   * page a round trip.
   */
  ui?: boolean;
}

/** What the background keeps of a tab's listed papers (see entrypoints/background/listings.ts). */
export interface TabListed {
  url: string;
  /** Listed papers on the page (listing items and links), each once, in page order. */
  listed: ListedHit[];
  /** Listed papers the page's reference list cites, each once. */
  cites: ListedHit[];
  /** True when the page had more listed papers or marks than Lantern keeps or draws (the rest are left unmarked). */
  capped: boolean;
}

/** Items per lookup message: an arXiv listing shows up to 2,000. */
export const MAX_LOOKUP_ITEMS = 2000;
/** Characters of a reference's normalized text a lookup accepts (lib/listing/references.ts cuts it there). */
const MAX_LOOKUP_TEXT = 2000;

export type MessageType = keyof Protocol;
export type Request<K extends MessageType> = Protocol[K]['req'];
export type Response<K extends MessageType> = Protocol[K]['res'];
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

interface Envelope {
  lantern: 1;
  type: string;
  data: unknown;
}

// --- request validators: the background trusts nothing it receives ---

const MAX_STRING = 4096;

export function isShortString(v: unknown, max = MAX_STRING): v is string {
  return typeof v === 'string' && v.length <= max;
}

function isOptional<T>(v: unknown, guard: (x: unknown) => x is T): boolean {
  return v === undefined || guard(v);
}

export function isPageIdentity(v: unknown): v is PageIdentity {
  if (!isRecord(v) || !isShortString(v.url, 8192)) return false;
  for (const k of ['arxiv', 'doi', 'pmid', 'pmcid', 'repo', 'title', 'venue'] as const) {
    if (!isOptional(v[k], (x): x is string => isShortString(x))) return false;
  }
  if (v.year !== undefined && !(typeof v.year === 'number' && Number.isInteger(v.year))) return false;
  if (v.authors !== undefined) {
    if (!Array.isArray(v.authors) || v.authors.length > 200) return false;
    if (!v.authors.every((a) => isShortString(a, 512))) return false;
  }
  return true;
}

const QUERY_FIELDS = new Set(['arxiv', 'doi', 'pmid', 'pmcid', 'repo', 'title', 'author', 'text', 'url']);

export function isItemQuery(v: unknown): v is ItemQuery {
  if (!isRecord(v)) return false;
  for (const [key, value] of Object.entries(v)) {
    if (!QUERY_FIELDS.has(key) || !isShortString(value, key === 'text' ? MAX_LOOKUP_TEXT : 1024)) return false;
  }
  return true;
}

/** A whole reading list may be sent at once; ids are paper ids ("arxiv:…", "doi:…", "title:…"). */
const MAX_ZOTERO_IDS = 20_000;

function isIdList(v: unknown, max: number): v is string[] {
  return Array.isArray(v) && v.length > 0 && v.length <= max && v.every((id) => isShortString(id, 1024));
}

export const validators: { [K in MessageType]: (data: unknown) => data is Request<K> } = {
  getStatus: (d): d is Request<'getStatus'> => isRecord(d) && Object.keys(d).length === 0,
  matchPage: isPageIdentity,
  setSaved: (d): d is Request<'setSaved'> =>
    isRecord(d) &&
    isShortString(d.paperId, 1024) &&
    typeof d.saved === 'boolean' &&
    (d.page === undefined || isPageIdentity(d.page)) &&
    (d.status === undefined || isReadingStatus(d.status)),
  getTabPaper: (d): d is Request<'getTabPaper'> =>
    isRecord(d) && typeof d.tabId === 'number' && Number.isInteger(d.tabId) && d.tabId >= 0,
  loadBadgeUi: (d): d is Request<'loadBadgeUi'> => isRecord(d) && Object.keys(d).length === 0,
  refreshLists: (d): d is Request<'refreshLists'> =>
    isRecord(d) &&
    (d.listIds === undefined ||
      (Array.isArray(d.listIds) && d.listIds.length <= 1000 && d.listIds.every((id) => isShortString(id, 2048)))) &&
    (d.acceptShrink === undefined || typeof d.acceptShrink === 'boolean'),
  // The options page sends the address normalizeListUrl made: always http(s), never a bare host.
  addList: (d): d is Request<'addList'> => isRecord(d) && isShortString(d.url, 2048) && isHttpUrl(d.url),
  removeList: (d): d is Request<'removeList'> => isRecord(d) && isShortString(d.listId, 2048),
  setListEnabled: (d): d is Request<'setListEnabled'> =>
    isRecord(d) && isShortString(d.listId, 2048) && typeof d.enabled === 'boolean',
  getRefreshState: (d): d is Request<'getRefreshState'> => isRecord(d) && Object.keys(d).length === 0,
  setRefreshSchedule: (d): d is Request<'setRefreshSchedule'> =>
    isRecord(d) && typeof d.intervalHours === 'number' && Number.isFinite(d.intervalHours),
  markEntriesSeen: (d): d is Request<'markEntriesSeen'> => isRecord(d) && Object.keys(d).length === 0,
  readingListChanged: (d): d is Request<'readingListChanged'> => isRecord(d) && Object.keys(d).length === 0,
  lookupListed: (d): d is Request<'lookupListed'> =>
    isRecord(d) &&
    Array.isArray(d.items) &&
    d.items.length <= MAX_LOOKUP_ITEMS &&
    d.items.every(isItemQuery) &&
    (d.read === 'listing' || d.read === 'references' || d.read === 'links') &&
    typeof d.first === 'boolean' &&
    (d.ui === undefined || typeof d.ui === 'boolean'),
  loadListingReader: (d): d is Request<'loadListingReader'> => isRecord(d) && Object.keys(d).length === 0,
  marksCapped: (d): d is Request<'marksCapped'> => isRecord(d) && Object.keys(d).length === 0,
  getListedPaper: (d): d is Request<'getListedPaper'> => isRecord(d) && isShortString(d.paperId, 1024),
  saveListed: (d): d is Request<'saveListed'> =>
    isRecord(d) && isShortString(d.paperId, 1024) && typeof d.saved === 'boolean' && (d.status === undefined || isReadingStatus(d.status)),
  getTabListed: (d): d is Request<'getTabListed'> =>
    isRecord(d) && typeof d.tabId === 'number' && Number.isInteger(d.tabId) && d.tabId >= 0,
  sendToZotero: (d): d is Request<'sendToZotero'> => isRecord(d) && isIdList(d.paperIds, MAX_ZOTERO_IDS),
  getInZotero: (d): d is Request<'getInZotero'> => isRecord(d) && isIdList(d.paperIds, 100),
};

// --- who may send what ---

/**
 * Where a message comes from, as the background decides from the browser's sender data (never
 * from the message): `extension` = one of Lantern's own pages (popup, library, options);
 * `content` = a content script, which runs inside a web page and is the least trusted sender.
 */
export type SenderKind = 'extension' | 'content';

/** What the background knows of a message's sender. */
export interface Sender {
  kind: SenderKind;
  /** The sender's tab (content scripts; extension pages opened in a tab). */
  tabId?: number;
  /** The URL of the sender's tab (or page, when not in a tab). */
  url?: string;
  /**
   * The URL of the document that sent it, as the browser reports it. For a content script it may
   * differ from its tab's: Chrome runs content scripts in pages it prerenders, before they are the tab's.
   */
  pageUrl?: string;
}

/**
 * Who may send each message. `content`: content scripts too, and only about their own tab
 * (the handler checks what `sender.tabId` may touch); `extension`: Lantern's own pages only.
 */
export const allowedSenders: { readonly [K in MessageType]: 'content' | 'extension' } = {
  getStatus: 'extension',
  matchPage: 'content',
  setSaved: 'content',
  getTabPaper: 'extension',
  loadBadgeUi: 'content',
  refreshLists: 'extension',
  addList: 'extension',
  removeList: 'extension',
  setListEnabled: 'extension',
  getRefreshState: 'extension',
  setRefreshSchedule: 'extension',
  markEntriesSeen: 'extension',
  readingListChanged: 'extension',
  lookupListed: 'content',
  loadListingReader: 'content',
  marksCapped: 'content',
  getListedPaper: 'content',
  saveListed: 'content',
  getTabListed: 'extension',
  sendToZotero: 'content',
  getInZotero: 'content',
};

/** Whether a sender of this kind may send this message. */
export function mayBeSentBy(type: MessageType, kind: SenderKind): boolean {
  return kind === 'extension' || allowedSenders[type] === 'content';
}

/**
 * A sender is an extension page only when the frame that sent it is on the extension's own
 * origin: its URL starts with `extensionBase` (`runtime.getURL('/')`, e.g.
 * "chrome-extension://<id>/"). Anything else, including a sender without a URL, counts as a
 * content script.
 */
export function senderKind(frameUrl: string | undefined, extensionBase: string): SenderKind {
  return frameUrl !== undefined && extensionBase.endsWith('/') && frameUrl.startsWith(extensionBase) ? 'extension' : 'content';
}

// --- sending ---

export async function sendMessage<K extends MessageType>(type: K, data: Request<K>): Promise<Reply<Response<K>>> {
  const envelope: Envelope = { lantern: 1, type, data };
  try {
    const reply = (await browser.runtime.sendMessage(envelope)) as Reply<Response<K>> | undefined;
    if (!reply || typeof reply !== 'object' || !('ok' in reply)) {
      return { ok: false, error: 'Lantern’s background did not answer.' };
    }
    return reply;
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

// --- notices from the background to a tab's content script (no reply) ---

/** The reading list changed (anywhere: popup, library, context menu, another tab): ask again. */
export type TabNotice = 'savedChanged';

interface NoticeEnvelope {
  lantern: 1;
  notice: TabNotice;
}

/** Tells one tab's content script; a tab without one (a PDF, a closed tab) is not an error. */
export async function notifyTab(tabId: number, notice: TabNotice): Promise<void> {
  const envelope: NoticeEnvelope = { lantern: 1, notice };
  try {
    await browser.tabs.sendMessage(tabId, envelope);
  } catch {
    // No content script there to tell.
  }
}

/** For content scripts: runs `onNotice` for notices from this extension's background only. */
export function listenForNotices(onNotice: (notice: TabNotice) => void): () => void {
  const listener = (raw: unknown, sender: { id?: string }) => {
    if (sender.id !== browser.runtime.id || !isRecord(raw) || raw.lantern !== 1) return;
    if (raw.notice === 'savedChanged') onNotice(raw.notice);
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

// --- handling (background only) ---

export type Handlers = {
  [K in MessageType]: (data: Request<K>, sender: Sender) => Promise<Response<K>> | Response<K>;
};

/** Checks the sender, validates one raw message and runs its handler; exported for tests. */
export async function dispatch(handlers: Handlers, raw: unknown, sender: Sender): Promise<Reply<unknown> | undefined> {
  if (!isRecord(raw) || raw.lantern !== 1 || typeof raw.type !== 'string') return undefined;
  const type = raw.type;
  if (!Object.hasOwn(validators, type)) return { ok: false, error: `Unknown message “${type.slice(0, 64)}”.` };
  const key = type as MessageType;
  if (!mayBeSentBy(key, sender.kind)) return { ok: false, error: `“${key}” is answered for Lantern’s own pages only.` };
  if (!validators[key](raw.data)) return { ok: false, error: `Invalid data for “${key}”.` };
  try {
    const handler = handlers[key] as (data: unknown, s: typeof sender) => unknown;
    return { ok: true, value: await handler(raw.data, sender) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * Answers every Lantern message from this extension with `handlers` (other extensions are
 * ignored), each once `ready()` resolves: the background passes the bundled list's first
 * storing, which lookups must not answer ahead of.
 */
export function handleMessages(handlers: Handlers, ready: () => Promise<unknown> = () => Promise.resolve()): void {
  const extensionBase = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    const from: Sender = { kind: senderKind(sender.url, extensionBase) };
    if (sender.tab?.id !== undefined) from.tabId = sender.tab.id;
    const url = sender.tab?.url ?? sender.url;
    if (url !== undefined) from.url = url;
    if (sender.url !== undefined) from.pageUrl = sender.url;
    return ready().then(() => dispatch(handlers, raw, from));
  });
}
