/**
 * The marks Lantern draws on a page that lists papers: one `<lantern-mark data-paper-id>` per
 * listed item, right after the item's title (or link, or reference), with a CLOSED shadow root
 * so the page's scripts see only the host element, never the reader's status or the list.
 * Inside: `[data-status]` (none | saved | reading | read), `[data-new]` when new. Neither
 * changes the mark's size, which the page can measure: the status replaces the Lantern icon
 * with one of the same size (to read ○, reading ◐, read ✓) and "new" is a dot over it, out of
 * the layout; the words are in the mark's tooltip and label, inside the closed root. Synthetic
 * events are stopped at each host (lib/trusted.ts).
 *
 * Plain DOM, no Preact: on a known listing the listing readers' script (lib/listingReader.ts),
 * there from the page's start (the manifest's listing URLs), draws the marks the moment the
 * background answers, before the UI bundle is on the page. A mark's card (MarkLayer.tsx, in the
 * UI bundle) opens on a click or Enter.
 */
import baseCss from './Base.css?inline';
import markCss from './Mark.css?inline';
import { LANTERN_ICON, STATUS_GLYPHS, svgElement } from './icons';
import { STATUS_LABELS } from '../lib/readingStatus';
import { closedShadowHost, ignoreUntrustedEvents } from '../lib/trusted';
import { categoryLeaf } from '../lib/categories';
import { readingStatusOfMark, type ListedHit, type MarkStatus } from '../lib/listing/hit';
import type { ItemQuery, ListingItem } from '../lib/listing/item';
import { MARK_CAP, plannedMarks } from '../lib/listing/marks';
import { MAX_LOOKUP_ITEMS, type ListedRead } from '../lib/messages';

export const MARK_TAG = 'lantern-mark';

/** A mark's status in the reading list's words ("To read", as the card's status says), none when not saved. */
const statusWords = (status: MarkStatus): string => {
  const reading = readingStatusOfMark(status);
  return reading ? STATUS_LABELS[reading] : '';
};

export interface ChipActions {
  /** Asks the background again about items already marked (lookupListed); null when it did not answer. */
  lookup(queries: ItemQuery[], read: ListedRead): Promise<(ListedHit | null)[] | null>;
  /** Called once, when the page's marks reach MARK_CAP and a listed item is left unmarked. */
  capped(): void;
}

export interface DrawnMark {
  readonly host: HTMLElement;
  /** The closed shadow root, where a card adds its styles. */
  readonly shadow: ShadowRoot;
  readonly root: HTMLElement;
  readonly button: HTMLButtonElement;
  hit: ListedHit;
}

export interface MarkChips {
  /**
   * Marks the listed ones of these items (`hits` aligned with `items`, null: not listed): one
   * per paper per group, at most MARK_CAP on the page. Writes only: nothing of the page is
   * measured while drawing.
   */
  mark(items: readonly ListingItem[], hits: readonly (ListedHit | null)[], read: ListedRead): void;
  /** Shows a paper's status (and, when given, whether it is new) on each of its marks. */
  setStatus(paperId: string, status: MarkStatus, isNew?: boolean): void;
  /** Asks again about every marked paper and shows each one's status, and whether it is still new, as they are now. */
  refresh(): Promise<void>;
  /** What a trusted click (or Enter) on a mark does: open its card. Replaced by the card layer once it loads. */
  onOpen: (mark: DrawnMark) => void;
  remove(): void;
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

/**
 * Adds these styles to a shadow root: one stylesheet shared by every root where the browser
 * allows it, else a <style> per root.
 */
export function styler(doc: Document, css: string): (shadow: ShadowRoot) => void {
  const inStyleElement = (shadow: ShadowRoot) => {
    const style = doc.createElement('style');
    style.textContent = css;
    shadow.append(style);
  };
  let sheet: CSSStyleSheet;
  try {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  } catch {
    return inStyleElement;
  }
  return (shadow) => {
    // Firefox before 153 refuses a content script's adopted sheets.
    try {
      shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
    } catch {
      inStyleElement(shadow);
    }
  };
}

export function createMarkChips(doc: Document, actions: ChipActions): MarkChips {
  let theme = pageTheme(doc);
  const style = styler(doc, `${baseCss}\n${markCss}`);
  // Drawn once and copied into each mark: a listing can have hundreds of marks.
  const icon = svgElement(doc, LANTERN_ICON);
  const glyphs = svgElement(doc, STATUS_GLYPHS);
  const byPaper = new Map<string, DrawnMark[]>();
  /** Papers already marked in each group (a listing's item, a link's block). */
  const groups = new WeakMap<Element, Set<string>>();
  /** One query per marked paper, by how it was read, to ask its status again. */
  const queries = new Map<string, { query: ItemQuery; read: ListedRead }>();
  let count = 0;
  let toldCapped = false;
  let refreshing: Promise<void> | undefined;
  let again = false;

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
    const mark: DrawnMark = { host, shadow, root, button, hit };
    // Guarded at the host: its capture listeners run before any inside the closed root, and
    // also see what the page dispatches at the host itself.
    ignoreUntrustedEvents(host);
    // A click from the keyboard (Enter, Space) is trusted too: the browser makes it.
    button.addEventListener('click', (event) => {
      event.preventDefault();
      event.stopPropagation();
      chips.onOpen(mark);
    });
    // Inside a link (a title link), a click must not follow the link.
    host.addEventListener('click', (event) => {
      event.preventDefault();
      event.stopPropagation();
    });
    paint(mark);
    return mark;
  };

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
          if (hit && hit.id === batch[i]) chips.setStatus(hit.id, hit.status, hit.isNew);
        });
      }
    }
  };

  const chips: MarkChips = {
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
    setStatus(paperId, status, isNew) {
      for (const mark of byPaper.get(paperId) ?? []) {
        mark.hit = { ...mark.hit, status, isNew: isNew ?? mark.hit.isNew };
        paint(mark);
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
    onOpen: () => undefined,
    remove() {
      doc.defaultView?.removeEventListener('load', readTheme);
      systemScheme?.removeEventListener('change', readTheme);
      for (const marks of byPaper.values()) for (const mark of marks) mark.host.remove();
      byPaper.clear();
      queries.clear();
    },
  };
  return chips;
}
