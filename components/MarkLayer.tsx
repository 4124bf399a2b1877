/**
 * The marks Lantern draws on a page that lists papers: one `<lantern-mark data-paper-id>` per
 * listed item, right after the item's title (or link, or reference), with a CLOSED shadow root
 * so the page's scripts see only the host element, never the reader's status or the list.
 * Inside: `[data-status]` (none | saved | reading | read), `[data-new]` when new. Neither
 * changes the mark's size, which the page can measure: the status replaces the Lantern icon
 * with one of the same size (to read ○, reading ◐, read ✓) and "new" is a dot over it, out of
 * the layout; the words are in the mark's tooltip and label, inside the closed root. A click or
 * Enter opens a small card (the badge's entry view); Esc closes it and focus returns. Synthetic
 * events are stopped at each host (lib/trusted.ts). Part of the UI bundle (lib/badgeUi.ts),
 * loaded only when a page has something to mark.
 */
import { render } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import badgeCss from './Badge.css?inline';
import markCss from './Mark.css?inline';
import { EntryView, InLists, LanternMark, StatusGlyphs } from './EntryView';
import { PaperCarry, type ZoteroOnPage } from './CarryActions';
import { STATUS_LABELS } from '../lib/readingStatus';
import { closedShadowHost, ignoreUntrustedEvents } from '../lib/trusted';
import { categoryLeaf } from '../lib/categories';
import { readingStatusOfMark, type ListedHit, type MarkStatus } from '../lib/listing/hit';
import type { ItemQuery, ListingItem } from '../lib/listing/item';
import { MARK_CAP, plannedMarks } from '../lib/listing/marks';
import { placeCard } from '../lib/listing/cardPlacement';
import { MAX_LOOKUP_ITEMS, type ListedRead } from '../lib/messages';
import type { PageMatch, ReadingStatus } from '../lib/types';

export const MARK_TAG = 'lantern-mark';

/** A mark's status in the reading list's words ("To read", as the card's status says), none when not saved. */
const statusWords = (status: MarkStatus): string => {
  const reading = readingStatusOfMark(status);
  return reading ? STATUS_LABELS[reading] : '';
};

export interface MarkActions {
  /** The card's entry (the background's getListedPaper), or null when it is gone. */
  loadCard(paperId: string): Promise<PageMatch | null>;
  /** Saves or unsaves, a save with this reading status when one is given; the new status, or undefined when it failed. */
  save(paperId: string, saved: boolean, status?: ReadingStatus): Promise<MarkStatus | undefined>;
  /** Sends the paper to Zotero: the outcome in plain words, and whether Zotero took it (components/zoteroByMessage.ts). */
  sendToZotero(paperId: string): Promise<{ message: string; sent: boolean }>;
  /** Whether Lantern has sent the paper to Zotero before. */
  inZotero(paperId: string): Promise<boolean>;
  /** Asks the background again about items already marked (lookupListed); null when it did not answer. */
  lookup(queries: ItemQuery[], read: ListedRead): Promise<(ListedHit | null)[] | null>;
  /** Called once, when the page's marks reach MARK_CAP and a listed item is left unmarked. */
  capped(): void;
}

/** What the content script gives a mark layer; the UI bundle adds Zotero's (entrypoints/badge-ui.ts). */
export type PageMarkActions = Omit<MarkActions, 'sendToZotero' | 'inZotero'>;

export interface MarkLayer {
  /**
   * Marks the listed ones of these items (`hits` aligned with `items`, null: not listed): one
   * per paper per group, at most MARK_CAP on the page. Writes only: nothing of the page is
   * measured while drawing.
   */
  mark(items: readonly ListingItem[], hits: readonly (ListedHit | null)[], read: ListedRead): void;
  /** Asks again about every marked paper and shows each one's status, and whether it is still new, as they are now. */
  refresh(): Promise<void>;
  remove(): void;
}

interface DrawnMark {
  host: HTMLElement;
  root: HTMLElement;
  button: HTMLButtonElement;
  hit: ListedHit;
}

/**
 * Whether the page is dark: the relative luminance of the first opaque background from <body> up;
 * without one, the color of the canvas the browser draws.
 */
function pageTheme(doc: Document): 'light' | 'dark' {
  const view = doc.defaultView;
  if (!view) return 'light';
  for (const element of [doc.body, doc.documentElement]) {
    if (!element) continue;
    const match = /rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)/.exec(view.getComputedStyle(element).backgroundColor);
    if (!match || match[4] === '0') continue;
    const [r, g, b] = [match[1], match[2], match[3]].map((c) => Number(c) / 255) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.4 ? 'dark' : 'light';
  }
  // The canvas is white on a page that declares no dark scheme (its root's CSS color-scheme, else
  // the color-scheme meta), whatever the system prefers; on one that does, the system chooses.
  const css = view.getComputedStyle(doc.documentElement).colorScheme;
  const declared = css && css !== 'normal' ? css : (doc.querySelector('meta[name="color-scheme" i]')?.getAttribute('content') ?? '');
  const schemes = declared.toLowerCase().split(/\s+/);
  if (!schemes.includes('dark')) return 'light';
  return !schemes.includes('light') || view.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** One stylesheet shared by every mark's root where the browser allows it, else a <style> per root. */
function styler(doc: Document): (shadow: ShadowRoot) => void {
  const css = `${badgeCss}\n${markCss}`;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    return (shadow) => {
      shadow.adoptedStyleSheets = [sheet];
    };
  } catch {
    return (shadow) => {
      const style = doc.createElement('style');
      style.textContent = css;
      shadow.append(style);
    };
  }
}

interface CardProps {
  match: PageMatch;
  onToggleSave: () => void;
  onSetStatus: (status: ReadingStatus) => void;
  zotero: ZoteroOnPage;
  onClose: () => void;
}

function MarkCard({ match, onToggleSave, onSetStatus, zotero, onClose }: CardProps) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <section
      class="card"
      role="dialog"
      aria-label={`Lantern: ${match.paper.title}`}
      onKeyDown={(e: KeyboardEvent) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <header class="head">
        <LanternMark />
        <InLists listNames={match.listNames} />
        <button ref={closeRef} type="button" class="icon-button" aria-label="Close" title="Close (Esc)" onClick={onClose}>
          <svg aria-hidden="true" width="12" height="12" viewBox="0 0 12 12">
            <path d="M3 3l6 6M9 3l-6 6" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
          </svg>
        </button>
      </header>
      <EntryView
        match={match}
        onToggleSave={onToggleSave}
        onSetStatus={onSetStatus}
        idPrefix="lantern-mark"
        extra={<PaperCarry paper={match.paper} zotero={zotero} />}
      />
    </section>
  );
}

export function createMarkLayer(doc: Document, actions: MarkActions): MarkLayer {
  let theme = pageTheme(doc);
  const style = styler(doc);
  // Drawn once and copied into each mark: a listing can have hundreds of marks.
  const iconHolder = doc.createElement('span');
  render(<LanternMark />, iconHolder);
  const icon = iconHolder.firstChild!;
  render(<StatusGlyphs />, iconHolder);
  const glyphs = iconHolder.firstChild!;
  const byPaper = new Map<string, DrawnMark[]>();
  /** Papers already marked in each group (a listing's item, a link's block). */
  const groups = new WeakMap<Element, Set<string>>();
  /** One query per marked paper, by how it was read, to ask its status again. */
  const queries = new Map<string, { query: ItemQuery; read: ListedRead }>();
  let count = 0;
  let toldCapped = false;
  let refreshing: Promise<void> | undefined;
  let again = false;

  /** Shows a paper's status (and, when asked again, whether it is still new) on each of its marks. */
  const setStatus = (paperId: string, status: MarkStatus, isNew?: boolean) => {
    for (const mark of byPaper.get(paperId) ?? []) {
      mark.hit = { ...mark.hit, status, isNew: isNew ?? mark.hit.isNew };
      paint(mark);
    }
  };
  let open:
    | { mark: DrawnMark; wrap: HTMLElement; match: PageMatch; saving: boolean; zotero: { inZotero: boolean; sending: boolean; notice?: string } }
    | undefined;

  const paint = (mark: DrawnMark) => {
    const { hit, root, button } = mark;
    root.dataset.status = hit.status;
    if (hit.isNew) root.dataset.new = '';
    else delete root.dataset.new;
    const state = [statusWords(hit.status), hit.isNew ? 'New' : ''].filter((w) => w !== '');
    const leaf = hit.categories[0] ? categoryLeaf(hit.categories[0]) : '';
    const words = [leaf, ...state].filter((w) => w !== '').join(', ');
    button.setAttribute('aria-label', `In the list: ${hit.title}${words ? ` (${words})` : ''}. Show details`);
    button.title = state.length > 0 ? `${hit.title}\n${state.join(' · ')}` : hit.title;
  };

  const close = (returnFocus: boolean) => {
    if (!open) return;
    const { mark, wrap } = open;
    render(null, wrap);
    wrap.remove();
    mark.button.setAttribute('aria-expanded', 'false');
    open = undefined;
    if (returnFocus) mark.button.focus();
  };

  const drawCard = () => {
    if (!open) return;
    const current = open;
    render(
      <MarkCard
        match={current.match}
        onToggleSave={() => void save(!current.match.saved)}
        onSetStatus={(status) => void save(true, status)}
        zotero={{
          ...current.zotero,
          onSend: () => void sendToZotero(),
          onNotice: (text) => {
            current.zotero.notice = text;
            drawCard();
          },
        }}
        onClose={() => close(true)}
      />,
      current.wrap,
    );
  };

  /** Saves (with a reading status, when given) or unsaves the open card's paper; one at a time. */
  const save = async (saved: boolean, readingStatus?: ReadingStatus) => {
    if (!open || open.saving) return;
    const current = open;
    current.saving = true;
    const status = await actions.save(current.match.paper.id, saved, readingStatus);
    current.saving = false;
    if (status === undefined) return;
    setStatus(current.match.paper.id, status);
    if (open === current) {
      // Every unsave is recoverable (lib/db/readingList.ts): the card offers Undo right away.
      const now = readingStatusOfMark(status);
      const { status: _before, ...match } = current.match;
      current.match = { ...match, saved: now !== undefined, recentlyRemoved: now === undefined, ...(now && { status: now }) };
      drawCard();
    }
  };

  /** Sends the open card's paper to Zotero, one send at a time, and says how it went. */
  const sendToZotero = async () => {
    if (!open || open.zotero.sending) return;
    const current = open;
    current.zotero.sending = true;
    drawCard();
    const { message, sent } = await actions.sendToZotero(current.match.paper.id);
    current.zotero = { inZotero: current.zotero.inZotero || sent, sending: false, notice: message };
    if (open === current) drawCard();
  };

  const openCard = async (mark: DrawnMark) => {
    if (open?.mark === mark) {
      close(true);
      return;
    }
    close(false);
    const match = await actions.loadCard(mark.hit.id);
    if (!match || !mark.host.isConnected) return;
    const view = doc.defaultView;
    const place = placeCard(mark.host.getBoundingClientRect(), { width: view?.innerWidth ?? 800, height: view?.innerHeight ?? 600 });
    const wrap = doc.createElement('div');
    wrap.className = 'card-wrap';
    wrap.style.left = `${place.left}px`;
    if (place.bottom !== undefined) wrap.style.bottom = `${place.bottom}px`;
    else wrap.style.top = `${place.top}px`;
    wrap.style.setProperty('--room', `${place.room}px`);
    // In the top layer, over everything on the page, the badge included: a card drawn inside the
    // page's content stays under the page's own stacking contexts (a sticky header) and under the
    // badge, which would take the clicks meant for the card.
    wrap.popover = 'manual';
    mark.root.append(wrap);
    wrap.showPopover();
    mark.button.setAttribute('aria-expanded', 'true');
    const current = { mark, wrap, match, saving: false, zotero: { inZotero: false, sending: false } };
    open = current;
    drawCard();
    if (await actions.inZotero(match.paper.id)) {
      current.zotero.inZotero = true;
      if (open === current) drawCard();
    }
  };

  /** A mark for `hit`, or null when the browser refuses it a shadow root the page cannot reach. */
  const create = (hit: ListedHit): DrawnMark | null => {
    const made = closedShadowHost(doc, MARK_TAG);
    if (!made) return null;
    const { host, shadow } = made;
    host.dataset.paperId = hit.id;
    style(shadow);
    const root = doc.createElement('span');
    root.className = 'root';
    root.dataset.theme = theme;
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'chip';
    button.setAttribute('aria-haspopup', 'dialog');
    button.setAttribute('aria-expanded', 'false');
    // The icon's box: the Lantern icon, or the status glyph in its place, and the "new" dot over it.
    const glyph = doc.createElement('span');
    glyph.className = 'glyph';
    const fresh = doc.createElement('span');
    fresh.className = 'new';
    glyph.append(icon.cloneNode(true), glyphs.cloneNode(true), fresh);
    const leaf = doc.createElement('span');
    leaf.className = 'leaf';
    leaf.textContent = hit.categories[0] ? categoryLeaf(hit.categories[0]) : 'Listed';
    button.append(glyph, leaf);
    root.append(button);
    shadow.append(root);
    const mark: DrawnMark = { host, root, button, hit };
    // Guarded at the host: its capture listeners run before any inside the closed root, and
    // also see what the page dispatches at the host itself.
    ignoreUntrustedEvents(host);
    // A click from the keyboard (Enter, Space) is trusted too: the browser makes it.
    button.addEventListener('click', (event) => {
      event.preventDefault();
      event.stopPropagation();
      void openCard(mark);
    });
    // Inside a link (a title link), a click must not follow the link.
    host.addEventListener('click', (event) => {
      event.preventDefault();
      event.stopPropagation();
    });
    paint(mark);
    return mark;
  };

  // On the page's document, outside the guarded hosts: a page's synthetic click closes nothing.
  const onOutside = (event: MouseEvent) => {
    if (event.isTrusted && open && !event.composedPath().includes(open.mark.host)) close(false);
  };
  doc.addEventListener('click', onOutside, true);
  // Marks drawn while the page loads (a listing read as it is parsed) follow its background once
  // its stylesheets are in.
  const readTheme = () => {
    theme = pageTheme(doc);
    for (const marks of byPaper.values()) for (const mark of marks) mark.root.dataset.theme = theme;
  };
  if (doc.readyState !== 'complete') doc.defaultView?.addEventListener('load', readTheme, { once: true });
  // A switch of the system's scheme: a page without a background of its own that supports both
  // schemes follows it, and a page that styles itself by it changes its background.
  const systemScheme = doc.defaultView?.matchMedia?.('(prefers-color-scheme: dark)');
  systemScheme?.addEventListener('change', readTheme);

  const askAgain = async () => {
    for (const read of ['listing', 'links', 'references'] as const) {
      const ids = [...queries].filter(([, asked]) => asked.read === read).map(([id]) => id);
      for (let start = 0; start < ids.length; start += MAX_LOOKUP_ITEMS) {
        const batch = ids.slice(start, start + MAX_LOOKUP_ITEMS);
        const hits = await actions.lookup(batch.map((id) => queries.get(id)!.query), read);
        if (!hits) return;
        hits.forEach((hit, i) => {
          if (hit && hit.id === batch[i]) setStatus(hit.id, hit.status, hit.isNew);
        });
      }
    }
    await reloadCard();
  };

  /**
   * The open card's entry as it is now (saved, status, Undo): the reading list changed elsewhere,
   * and a card left as it was would save again a paper removed meanwhile.
   */
  const reloadCard = async () => {
    const current = open;
    if (!current || current.saving) return;
    const match = await actions.loadCard(current.match.paper.id);
    if (!match || open !== current || current.saving) return;
    current.match = match;
    drawCard();
  };

  return {
    mark(items, hits, read) {
      const { marks, capped } = plannedMarks(items, hits, MARK_CAP - count, groups);
      count += marks.length;
      if (capped && !toldCapped) {
        toldCapped = true;
        actions.capped();
      }
      for (const { item, hit } of marks) {
        const mark = create(hit);
        if (!mark) continue;
        if (item.place === 'append') item.anchor.append(mark.host);
        else item.anchor.after(mark.host);
        const same = byPaper.get(hit.id);
        if (same) same.push(mark);
        else byPaper.set(hit.id, [mark]);
        if (!queries.has(hit.id)) queries.set(hit.id, { query: item.query, read });
      }
    },
    refresh() {
      // One round of questions at a time (notices come in bursts: a bulk edit in the library),
      // and one more round when a notice came during it.
      if (refreshing) {
        again = true;
        return refreshing;
      }
      refreshing = (async () => {
        do {
          again = false;
          await askAgain();
        } while (again);
      })().finally(() => {
        refreshing = undefined;
      });
      return refreshing;
    },
    remove() {
      close(false);
      doc.removeEventListener('click', onOutside, true);
      doc.defaultView?.removeEventListener('load', readTheme);
      systemScheme?.removeEventListener('change', readTheme);
      for (const marks of byPaper.values()) for (const mark of marks) mark.host.remove();
      byPaper.clear();
      queries.clear();
    },
  };
}
