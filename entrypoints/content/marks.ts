/**
 * Marks on pages that list papers: read the page's items (lib/listing), ask the background
 * which are listed in batches (one message per batch, never per item), and only when something
 * is listed load the UI bundle and draw the marks. Late content (infinite scroll, "show all
 * references", single-page apps) is followed with one MutationObserver, read again at most a few
 * times a second, and only items not yet asked about are sent. Long pages (20,000 links, a 5 MB
 * bibliography) are read in slices between which the page keeps running.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { loadedBadgeUi, type BadgeUi } from '../../lib/badgeUi';
import type { ItemQuery, ListingItem } from '../../lib/listing/item';
import { listingKindFromUrl } from '../../lib/listing/kind';
import { linkItem, paperLinks } from '../../lib/listing/links';
import { MARK_CAP, plannedMarks } from '../../lib/listing/marks';
import { referenceElements, referenceItem } from '../../lib/listing/references';
import { loadedListingReader, type ListingReader } from '../../lib/listingReader';
import type { ListedHit, MarkStatus } from '../../lib/listing/hit';
import { listenForNotices, MAX_LOOKUP_ITEMS, sendMessage, type ListedRead } from '../../lib/messages';
import { MARK_SETTINGS_KEY, markSettings, type MarkSettings } from '../../lib/markSettings';
import { identifyPage } from '../../lib/page';
import type { MarkLayer } from '../../components/MarkLayer';

/** Links or references read between two pauses. */
const SLICE = 2000;
/** How long added nodes are gathered before the page is read again. */
const MUTATION_BATCH_MS = 250;

export interface MarksHooks {
  /** The listed papers the page's reference list cites so far. */
  onCites?: (cites: readonly ListedHit[]) => void;
  /** A paper was saved or unsaved from a mark's card. */
  onSaved?: (paperId: string) => void;
}

async function readSettings(): Promise<MarkSettings> {
  try {
    return markSettings((await browser.storage.local.get(MARK_SETTINGS_KEY))[MARK_SETTINGS_KEY]);
  } catch {
    return markSettings(undefined);
  }
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

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function markUi(): Promise<BadgeUi | undefined> {
  const loaded = loadedBadgeUi();
  if (loaded) return loaded;
  const reply = await sendMessage('loadBadgeUi', {});
  return reply.ok && reply.value.loaded ? loadedBadgeUi() : undefined;
}

/** The known listings' readers, asking the background to inject them the first time. */
async function listingReader(): Promise<ListingReader | undefined> {
  const loaded = loadedListingReader();
  if (loaded) return loaded;
  const reply = await sendMessage('loadListingReader', {});
  return reply.ok && reply.value.loaded ? loadedListingReader() : undefined;
}

export function startMarks(ctx: ContentScriptContext, hooks: MarksHooks = {}): void {
  let run = 0;
  let stopRun: (() => void) | undefined;

  const start = async () => {
    stopRun?.();
    const ticket = ++run;
    const live = () => ticket === run && !ctx.isInvalid;
    const url = location.href;
    const kind = listingKindFromUrl(url);
    // On a known listing the readers are fetched while the settings are read.
    const [settings, reader] = await Promise.all([readSettings(), kind ? listingReader() : undefined]);
    if (!live() || (!settings.listings && !settings.references)) return;
    // Listings read their items' own links only; elsewhere a page's links to itself are left out.
    const own = kind ? new Set<string>() : ownKeys(url);
    const asked = new WeakSet<Element>();
    const groups = new WeakMap<Element, Set<string>>();
    /** The query and read of every drawn paper, to ask their status again. */
    const drawn = new Map<string, { query: ItemQuery; read: ListedRead }>();
    const cites = new Map<string, ListedHit>();
    let first = true;
    let count = 0;
    let layer: MarkLayer | undefined;
    let layerLoading: Promise<MarkLayer | undefined> | undefined;
    let reading = false;
    let again = false;

    const ensureLayer = () =>
      (layerLoading ??= markUi().then((ui) => {
        if (!ui || !live()) return undefined;
        layer = ui.createMarkLayer(document, {
          loadCard: async (paperId) => {
            const reply = await sendMessage('getListedPaper', { paperId });
            return reply.ok ? reply.value : null;
          },
          save: async (paperId, saved): Promise<MarkStatus | undefined> => {
            const reply = await sendMessage('saveListed', { paperId, saved });
            if (!reply.ok) return undefined;
            hooks.onSaved?.(paperId);
            return reply.value.status;
          },
        });
        return layer;
      }));

    /** Asks about new items (one message per MAX_LOOKUP_ITEMS) and draws the listed ones. */
    const ask = async (items: ListingItem[], read: ListedRead) => {
      for (let start = 0; start < items.length && live(); start += MAX_LOOKUP_ITEMS) {
        const batch = items.slice(start, start + MAX_LOOKUP_ITEMS);
        const reply = await sendMessage('lookupListed', { items: batch.map((i) => i.query), read, first });
        first = false;
        if (!live() || !reply.ok) return;
        const { hits } = reply.value;
        if (read === 'references') {
          for (const hit of hits) if (hit) cites.set(hit.id, hit);
          if (cites.size > 0) hooks.onCites?.([...cites.values()]);
        }
        const { marks } = plannedMarks(batch, hits, MARK_CAP - count, groups);
        if (marks.length === 0) continue;
        const target = layer ?? (await ensureLayer());
        if (!target || !live()) return;
        count += marks.length;
        for (const { item, hit } of marks) drawn.set(hit.id, { query: item.query, read });
        target.draw(marks.map(({ item, hit }) => ({ anchor: item.anchor, place: item.place, hit })));
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
          if (reader && settings.listings) await ask(reader.listingItems(kind, document, url).filter(fresh), 'listing');
          return;
        }
        if (settings.references) {
          const references = referenceElements(document).filter((element) => !asked.has(element));
          for (let start = 0; start < references.length && live(); start += SLICE) {
            const items = references.slice(start, start + SLICE).flatMap((element) => {
              asked.add(element);
              return referenceItem(element, url) ?? [];
            });
            await ask(items, 'references');
            await pause();
          }
        }
        if (settings.listings) {
          const links = paperLinks(document).filter((link) => !asked.has(link));
          for (let start = 0; start < links.length && live(); start += SLICE) {
            const items = links.slice(start, start + SLICE).flatMap((link) => {
              asked.add(link);
              return linkItem(link, url, own) ?? [];
            });
            await ask(items, 'links');
            await pause();
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

    function fresh(item: ListingItem): boolean {
      if (asked.has(item.anchor)) return false;
      asked.add(item.anchor);
      return true;
    }

    /** Saved elsewhere (context menu, shortcut, the page badge): ask again about what is drawn. */
    const refreshStatuses = async () => {
      if (!layer || drawn.size === 0) return;
      for (const side of ['listing', 'links', 'references'] as const) {
        const ids = [...drawn].filter(([, d]) => d.read === side).slice(0, MAX_LOOKUP_ITEMS);
        if (ids.length === 0) continue;
        const reply = await sendMessage('lookupListed', { items: ids.map(([, d]) => d.query), read: side, first: false });
        if (!live() || !reply.ok) return;
        reply.value.hits.forEach((hit, i) => {
          const id = ids[i]![0];
          if (hit?.id === id) layer?.setStatus(id, hit.status);
        });
      }
    };

    let timer: number | undefined;
    const observer = new MutationObserver((records) => {
      const added = records.some((record) =>
        [...record.addedNodes].some((node) => node.nodeType === Node.ELEMENT_NODE && (node as Element).localName !== 'lantern-mark'),
      );
      if (!added || timer !== undefined) return;
      timer = ctx.setTimeout(() => {
        timer = undefined;
        if (live()) void read();
      }, MUTATION_BATCH_MS);
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
    const stopNotices = listenForNotices(() => void refreshStatuses());
    stopRun = () => {
      observer.disconnect();
      stopNotices();
      layer?.remove();
    };
    await read();
  };

  ctx.onInvalidated(() => {
    run++;
    stopRun?.();
  });
  // A single-page app's next page: start over once it has rendered.
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    ctx.setTimeout(() => void start(), MUTATION_BATCH_MS * 2);
  });
  void start();
}
