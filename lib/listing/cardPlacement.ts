/**
 * Where a mark's card opens in the window (components/MarkLayer.tsx): under the mark or above
 * it, on the side with more room, kept inside the window, its height capped to that room (the
 * card scrolls inside). Pure geometry, in CSS pixels of the viewport.
 */

/** The card's widest (24em at 16 px) and its least distance from the window's left and right edges. */
const CARD_WIDTH = 24 * 16;
const EDGE = 8;
/** The card's gap from its mark, and the room kept free between the card and the window's top or bottom. */
const GAP = 4;
const MARGIN = 12;
/** The least height (px) a card is given, however little room the window has around the mark. */
const MIN_CARD_ROOM = 160;

/** The card's box as `position: fixed` offsets: `top` when it opens under the mark, `bottom` when above. */
export interface CardPlacement {
  left: number;
  top?: number;
  bottom?: number;
  /** The most height the card may take. */
  room: number;
}

/**
 * The placement of a card for a mark whose box (getBoundingClientRect) is `mark`, in a window of
 * `view` size (innerWidth, innerHeight).
 */
export function placeCard(mark: { top: number; bottom: number; left: number }, view: { width: number; height: number }): CardPlacement {
  const width = Math.min(CARD_WIDTH, view.width - 2 * EDGE);
  const left = Math.max(EDGE, Math.min(mark.left, view.width - width - EDGE));
  const below = view.height - mark.bottom - MARGIN;
  const above = mark.top - MARGIN;
  const room = Math.max(above, below, MIN_CARD_ROOM);
  return above > below ? { left, bottom: view.height - mark.top + GAP, room } : { left, top: mark.bottom + GAP, room };
}
