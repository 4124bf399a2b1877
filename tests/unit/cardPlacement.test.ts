import { describe, expect, it } from 'vitest';
import { placeCard } from '../../lib/listing/cardPlacement';

const view = { width: 1280, height: 720 };
/** A mark 20 px tall whose top is at `top`, 100 px from the left. */
const markAt = (top: number, left = 100) => ({ top, bottom: top + 20, left });

describe('placeCard', () => {
  it('opens under a mark in the upper part of the window, its height capped to the room below', () => {
    expect(placeCard(markAt(100), view)).toEqual({ left: 100, top: 124, room: 720 - 120 - 12 });
  });

  it('opens above a mark near the bottom of the window, where there is more room', () => {
    // The card's bottom edge 4 px above the mark; as tall as the room above at most.
    expect(placeCard(markAt(600), view)).toEqual({ left: 100, bottom: 720 - 600 + 4, room: 600 - 12 });
  });

  it('opens under the mark when the rooms are equal', () => {
    const top = (720 - 20) / 2;
    expect(placeCard(markAt(top), view)).toMatchObject({ top: top + 24 });
  });

  it('stays inside the window: pulled left at the right edge, and 8 px in at the left', () => {
    expect(placeCard(markAt(100, 1200), view).left).toBe(1280 - 384 - 8);
    expect(placeCard(markAt(100, -30), view).left).toBe(8);
    // A window narrower than the card: the card takes the width less 8 px each side.
    expect(placeCard(markAt(100, 200), { width: 300, height: 720 }).left).toBe(8);
  });

  it('gives the card at least 160 px, however little room a short window leaves', () => {
    expect(placeCard(markAt(60), { width: 800, height: 180 })).toMatchObject({ top: 84, room: 160 });
  });
});
