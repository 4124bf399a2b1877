/**
 * Marks on pages that list papers: read the page's items (lib/listing), ask the background
 * which are listed in batches (one message per batch, never per item), and draw the listed
 * ones. A known listing's readers, there from the page's start, draw its marks the moment the
 * answer comes, and the UI bundle with the cards loads when a mark is first opened; elsewhere the
 * UI bundle, loaded only when something is listed, draws them. What needs no document (a known
 * listing's readers) is fetched while the page loads. Late content (infinite scroll, "show all
 * references", single-page apps) is followed with one MutationObserver, read again at most a few
 * times a second, and only items not yet asked about are sent. Long pages (20,000 links, a 5 MB
 * bibliography) are read in slices between which the page keeps running.
 */
import type { ContentScriptContext } from './context';
import { badgeUi, loadedBadgeUi } from '../../lib/badgeUi';
import type { ListingItem } from '../../lib/listing/item';
import { listingKindFromUrl, type ListingKind } from '../../lib/listing/kind';
import { linkItem, paperLinks } from '../../lib/listing/links';
import { referenceElements, referenceItem } from '../../lib/listing/references';
import { loadedListingReader, type ListingReader } from '../../lib/listingReader';
import type { ListedHit, MarkStatus } from '../../lib/listing/hit';
import { listenForNotices, MAX_LOOKUP_ITEMS, sendMessage, type ListedRead } from '../../lib/messages';
import { identifyPage } from '../../lib/page';
import { nextTask } from '../../lib/slices';
import type { MarkLayer } from '../../components/MarkLayer';
import type { ChipActions, DrawnMark, MarkChips } from '../../components/MarkChips';

/** Links or references read between two pauses. */
const SLICE = 2000;
/** How long added nodes are gathered before the page is read again. */
const MUTATION_BATCH_MS = 250;
/** The same while a listing is still being parsed: its items arrive in a stream. */
const LOADING_BATCH_MS = 100;

export interface MarksHooks {
  /** The listed papers the page's reference list cites so far. */
  onCites?: (cites: readonly ListedHit[]) => void;
  /** A paper was saved or unsaved from a mark's card. */
  onSaved?: (paperId: string) => void;
}

/** The page's own identifiers ("arxiv:…"): a paper page's links to itself get no mark. */
function ownKeys(url: string): Set<string> {
  const own = new Set<string>();
  try {
    const identity = identifyPage(url, document);
    if (!identity) return own;
    for (const key of ['arxiv', 'doi', 'pmid', 'pmcid', 'repo'] as const) {
      const value = identity[key];
      if (value) own.add(`${key}:${value}`);
    }
  } catch {
    // An unreadable page has no own paper to leave out.
  }
  return own;
}

/** The known listings' readers, asking the background to inject them the first time. */
async function listingReader(): Promise<ListingReader | undefined> {
  const loaded = loadedListingReader();
  if (loaded) return loaded;
  const reply = await sendMessage('loadListingReader', {});
  return reply.ok && reply.value.loaded ? loadedListingReader() : undefined;
}

export interface Marks {
  /** The page's badge is there (DOMContentLoaded): what marks tell it. */
  connect(hooks: MarksHooks): void;
}

/**
 * Called before the document is parsed: on a known listing, makes sure of its readers while the
 * page loads. A known listing is read as it is parsed (its items are whole once the next one
 * begins), so its marks are drawn while the rest of it still loads; every other page is read
 * once parsed. The reader's mark settings are the background's to apply (it answers a kind of
 * read that is turned off with `off`), so no storage read stands between the page and its first
 * lookup.
 */
export function prepareMarks(ctx: ContentScriptContext): Marks {
  const hooks: MarksHooks = {};
  let early: ReturnType<typeof fetchNeeds> | undefined = fetchNeeds(listingKindFromUrl(location.href));
  startMarks(ctx, hooks, () => {
    const prepared = early;
    early = undefined;
    return prepared;
  });
  return {
    connect(more) {
      Object.assign(hooks, more);
    },
  };
}

/** What marking a page needs before it reads the page: on a known listing, its readers. */
function fetchNeeds(kind: ListingKind | undefined): Promise<ListingReader | undefined> {
  return kind ? listingReader() : Promise.resolve(undefined);
}

function startMarks(ctx: ContentScriptContext, hooks: MarksHooks, prepared: () => ReturnType<typeof fetchNeeds> | undefined): void {
  let run = 0;
  let stopRun: (() => void) | undefined;

  const start = async () => {
    stopRun?.();
    const ticket = ++run;
    const live = () => ticket === run && !ctx.isInvalid;
    const url = location.href;
    const kind = listingKindFromUrl(url);
    // The first page's needs were fetched while it loaded; a single-page app's next page fetches its own.
    const reader = (await (prepared() ?? fetchNeeds(kind))) ?? (kind ? await listingReader() : undefined);
    if (!live()) return;
    const streamed = kind !== undefined && reader !== undefined;
    if (!streamed) {
      await ctx.afterPageStartup();
      // Marks are HTML elements beside the page's own: an SVG or XML file opened directly has no place for them.
      if (!live() || !(document.documentElement instanceof HTMLElement)) return;
    }
    // Listings read their items' own links only; elsewhere a page's links to itself are left out.
    const own = kind ? new Set<string>() : ownKeys(url);
    const asked = new WeakSet<Element>();
    const cites = new Map<string, ListedHit>();
    let first = true;
    /** A known listing's marks, drawn by its readers before the UI (and the cards) is on the page. */
    let chips: MarkChips | undefined;
    let layer: MarkLayer | undefined;
    let layerLoading: Promise<MarkLayer | undefined> | undefined;
    let reading = false;
    let again = false;

    const chipActions: ChipActions = {
      capped: () => void sendMessage('marksCapped', {}),
      lookup: async (items, read) => {
        const reply = await sendMessage('lookupListed', { items, read, first: false });
        return reply.ok && live() ? reply.value.hits : null;
      },
    };
    const ensureLayer = () =>
      (layerLoading ??= badgeUi().then((ui) => {
        if (!ui || !live()) {
          // Not injected (the tab was closing, the background restarting): the next need asks again.
          layerLoading = undefined;
          return undefined;
        }
        layer = ui.createMarkLayer(document, {
          ...chipActions,
          loadCard: async (paperId) => {
            const reply = await sendMessage('getListedPaper', { paperId });
            return reply.ok ? reply.value : null;
          },
          save: async (paperId, saved, status): Promise<MarkStatus | undefined> => {
            const reply = await sendMessage('saveListed', { paperId, saved, ...(status && { status }) });
            if (!reply.ok) return undefined;
            hooks.onSaved?.(paperId);
            return reply.value.status;
          },
        }, chips);
        return layer;
      }));
    /** The readers' marks; a first open loads the cards, which then open it (the card layer takes `onOpen` over). */
    const readerChips = (from: ListingReader) => {
      if (chips) return chips;
      const made = from.createMarkChips(document, chipActions);
      const loadCards = (mark: DrawnMark) =>
        void ensureLayer().then((cards) => {
          if (cards && made.onOpen !== loadCards) made.onOpen(mark);
        });
      made.onOpen = loadCards;
      return (chips = made);
    };

    /** Kinds of read the reader turned off (the background says so): not read again. */
    const off = new Set<ListedRead>();

    /** Whether this is the page's first question (it starts the tab's record over); asked once. */
    const takeFirst = () => {
      const was = first;
      first = false;
      return was;
    };

    /**
     * Whether to have the UI injected with this answer: while it is not here and no question in
     * flight asks for it, and the page's marks are not the readers' (whose answer it would delay).
     */
    let uiAsked = false;
    const takeUi = () => {
      const want = !uiAsked && !streamed && !loadedBadgeUi();
      if (want) uiAsked = true;
      return want;
    };

    /** Asks about new items (one message per MAX_LOOKUP_ITEMS) and draws the listed ones. */
    const ask = async (items: ListingItem[], read: ListedRead) => {
      for (let start = 0; start < items.length && live(); start += MAX_LOOKUP_ITEMS) {
        const batch = items.slice(start, start + MAX_LOOKUP_ITEMS);
        const ui = takeUi();
        const reply = await sendMessage('lookupListed', { items: batch.map((i) => i.query), read, first: takeFirst(), ...(ui && { ui }) });
        if (ui) uiAsked = false;
        if (!live() || !reply.ok) return;
        if (reply.value.off) {
          off.add(read);
          return;
        }
        const { hits } = reply.value;
        if (read === 'references') {
          for (const hit of hits) if (hit) cites.set(hit.id, hit);
          if (cites.size > 0) hooks.onCites?.([...cites.values()]);
        }
        if (!hits.some(Boolean)) continue;
        const target = streamed ? readerChips(reader) : (layer ?? (await ensureLayer()));
        if (!target || !live()) return;
        target.mark(batch, hits, read);
      }
    };

    /** Reads what is new on the page (in slices where it can be long) and asks about it. */
    const read = async () => {
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      try {
        if (kind) {
          if (!reader || off.has('listing')) return;
          const items = reader.listingItems(kind, document, url, { isRead: (group) => asked.has(group), loading: document.readyState === 'loading' });
          for (const item of items) asked.add(item.group);
          // Not awaited: the next read (the rest of a loading listing) asks without waiting for this answer.
          void ask(items, 'listing');
          return;
        }
        if (!off.has('references')) {
          const references = referenceElements(document).filter((element) => !asked.has(element));
          for (let start = 0; start < references.length && live() && !off.has('references'); start += SLICE) {
            const items = references.slice(start, start + SLICE).flatMap((element) => {
              asked.add(element);
              return referenceItem(element, url) ?? [];
            });
            await ask(items, 'references');
            await nextTask();
          }
        }
        if (!off.has('links')) {
          const links = paperLinks(document).filter((link) => !asked.has(link));
          for (let start = 0; start < links.length && live() && !off.has('links'); start += SLICE) {
            const items = links.slice(start, start + SLICE).flatMap((link) => {
              asked.add(link);
              return linkItem(link, url, own) ?? [];
            });
            await ask(items, 'links');
            await nextTask();
          }
        }
      } finally {
        reading = false;
        if (again && live()) {
          again = false;
          void read();
        }
      }
    };

    let timer: number | undefined;
    const observer = new MutationObserver((records) => {
      if (timer !== undefined) return;
      const added = records.some((record) =>
        [...record.addedNodes].some((node) => node.nodeType === Node.ELEMENT_NODE && (node as Element).localName !== 'lantern-mark'),
      );
      if (!added) return;
      timer = ctx.setTimeout(
        () => {
          timer = undefined;
          if (live()) void read();
        },
        document.readyState === 'loading' ? LOADING_BATCH_MS : MUTATION_BATCH_MS,
      );
    });
    // The document itself: a listing read as it loads may have no <html> element yet.
    observer.observe(document, { childList: true, subtree: true });
    // The rest of a listing read while it loaded: at once, not a batch later.
    if (streamed) {
      void ctx.parsed().then(() => {
        if (live()) void read();
      });
    }
    // The reading list changed elsewhere (popup, library, context menu): the background says so,
    // but a stopped background cannot; coming back to the page asks again too.
    const refresh = () => {
      if (document.visibilityState === 'visible') void (layer ?? chips)?.refresh();
    };
    const stopNotices = listenForNotices(refresh);
    // A page can fire this itself, as often as it likes: only the browser's own counts.
    const cameBack = (event: Event) => event.isTrusted && refresh();
    document.addEventListener('visibilitychange', cameBack);
    stopRun = () => {
      observer.disconnect();
      stopNotices();
      document.removeEventListener('visibilitychange', cameBack);
      (layer ?? chips)?.remove();
    };
    await read();
  };

  ctx.onInvalidated(() => {
    run++;
    stopRun?.();
  });
  // A single-page app's next page: start over once it has rendered (once for a burst of navigations).
  let restart: number | undefined;
  ctx.onLocationChange(() => {
    clearTimeout(restart);
    restart = ctx.setTimeout(() => void start(), MUTATION_BATCH_MS * 2);
  });
  void start();
}
