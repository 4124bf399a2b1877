/**
 * A mark's card (components/MarkChips.ts draws the marks): a click or Enter on a mark opens a
 * small card, the badge's entry view, in the top layer; Esc closes it and focus returns. Part of
 * the UI bundle (lib/badgeUi.ts): on a known listing it comes when a mark is first opened and
 * takes over the marks the listing readers drew; elsewhere it comes when the page has something
 * to mark, and draws the marks itself.
 */
import { render } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import badgeCss from './Badge.css?inline';
import { EntryView, InLists, LanternMark } from './EntryView';
import { PaperCarry, type ZoteroOnPage } from './CarryActions';
import { createMarkChips, styler, type ChipActions, type DrawnMark, type MarkChips } from './MarkChips';
import { readingStatusOfMark, type MarkStatus } from '../lib/listing/hit';
import { placeCard } from '../lib/listing/cardPlacement';
import type { PageMatch, ReadingStatus } from '../lib/types';

export interface MarkActions extends ChipActions {
  /** The card's entry (the background's getListedPaper), or null when it is gone. */
  loadCard(paperId: string): Promise<PageMatch | null>;
  /** Saves or unsaves, a save with this reading status when one is given; the new status, or undefined when it failed. */
  save(paperId: string, saved: boolean, status?: ReadingStatus): Promise<MarkStatus | undefined>;
  /** Sends the paper to Zotero: the outcome in plain words, and whether Zotero took it (components/zoteroByMessage.ts). */
  sendToZotero(paperId: string): Promise<{ message: string; sent: boolean }>;
  /** Whether Lantern has sent the paper to Zotero before. */
  inZotero(paperId: string): Promise<boolean>;
}

/** What the content script gives a mark layer; the UI bundle adds Zotero's (entrypoints/badge-ui.ts). */
export type PageMarkActions = Omit<MarkActions, 'sendToZotero' | 'inZotero'>;

/** The marks with their cards: `refresh` also shows the open card's entry as it is now, and `remove` closes it. */
export type MarkLayer = Pick<MarkChips, 'mark' | 'refresh' | 'remove'>;

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

/**
 * The cards of these marks (`chips`: the marks the listing readers drew, else new ones), which
 * from now on open on a click.
 */
export function createMarkLayer(doc: Document, actions: MarkActions, chips: MarkChips = createMarkChips(doc, actions)): MarkLayer {
  // A mark's root has the chip's styles; the card's are added the first time it opens there.
  const addCardStyle = styler(doc, badgeCss);
  const styled = new WeakSet<ShadowRoot>();
  let open:
    | { mark: DrawnMark; wrap: HTMLElement; match: PageMatch; saving: boolean; zotero: { inZotero: boolean; sending: boolean; notice?: string } }
    | undefined;

  /** The mark whose card is being loaded: one card at a time, the one asked for last. */
  let opening: DrawnMark | undefined;

  const close = (returnFocus: boolean) => {
    opening = undefined;
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
    chips.setStatus(current.match.paper.id, status);
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
    // A second click (or Enter) while its card loads: that card is on its way.
    if (opening === mark) return;
    close(false);
    opening = mark;
    const match = await actions.loadCard(mark.hit.id);
    // Another mark was opened, or a click elsewhere closed it, meanwhile.
    if (opening !== mark) return;
    opening = undefined;
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
    if (!styled.has(mark.shadow)) {
      styled.add(mark.shadow);
      addCardStyle(mark.shadow);
    }
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

  // On the page's document, outside the guarded hosts: a page's synthetic click closes nothing.
  const onOutside = (event: MouseEvent) => {
    const shown = open?.mark ?? opening;
    if (event.isTrusted && shown && !event.composedPath().includes(shown.host)) close(false);
  };
  doc.addEventListener('click', onOutside, true);
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

  chips.onOpen = (mark) => void openCard(mark);
  /** The card reloaded after each round of questions, once, however many asked for that round. */
  const reloads = new WeakMap<Promise<void>, Promise<void>>();

  return {
    mark: chips.mark,
    refresh() {
      const round = chips.refresh();
      let after = reloads.get(round);
      if (!after) reloads.set(round, (after = round.then(reloadCard)));
      return after;
    },
    remove() {
      close(false);
      doc.removeEventListener('click', onOutside, true);
      chips.remove();
    },
  };
}
