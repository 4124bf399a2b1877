/**
 * How a tab's toolbar button looks, from everything the background knows about the tab: its
 * paper (lib/tabPaper.ts: a listed paper lights the icon and names the entry), the listed papers
 * it lists or cites (their count on the badge), and a quick save's short-lived outcome, which
 * shows over both until it ends. One rule for all three, so no source paints over another.
 */
import type { TabListed } from './messages';
import { listingsTooltip } from './listing/summary';
import { toolbarTitle, type TabPaperState } from './tabPaper';

/** A quick save's outcome for a moment: badge text ("✓", "!", …), its colour, and the tooltip that says it. */
export interface ButtonFlash {
  text: string;
  color: string;
  title: string;
}

export interface ButtonState {
  /** The tab's recorded paper, if any. */
  paper: TabPaperState | undefined;
  /** The listed papers the tab's page lists and cites, if it told any. */
  listings: Pick<TabListed, 'listed' | 'cites'> | undefined;
  /** A quick save's outcome still showing. */
  flash: ButtonFlash | undefined;
}

export interface ButtonLook {
  /** The "listed" icon (else the default one). */
  listedIcon: boolean;
  title: string;
  /** '' for no badge. */
  badgeText: string;
  badgeColor: string;
}

/** The count's badge colour: a quiet grey, so that a flash's colours stand out. */
export const COUNT_COLOR = '#5b636d';

/** Badge text holds four characters at most. */
const MAX_SHOWN_COUNT = 999;

/** Distinct listed papers a page lists or cites (one that is both counts once). */
export function listedCount(listings: Pick<TabListed, 'listed' | 'cites'>): number {
  return new Set([...listings.listed, ...listings.cites].map((hit) => hit.id)).size;
}

/**
 * The button of a tab. Title: a flash's, else the listed paper's (toolbarTitle), else what the
 * page lists or cites (listingsTooltip, which is the bare name when it has none). Badge: a
 * flash's, else the count ("999+" past 999), else none.
 */
export function buttonLook({ paper, listings, flash }: ButtonState, extensionName: string): ButtonLook {
  const match = paper?.match ?? null;
  const count = listings ? listedCount(listings) : 0;
  const counts = { listed: listings?.listed.length ?? 0, cites: listings?.cites.length ?? 0 };
  // A paper page that is not listed itself says so beside what it cites.
  const paperListed = paper?.identity ? false : undefined;
  const title = match ? toolbarTitle(match, extensionName) : listingsTooltip(counts, paperListed, extensionName);
  return {
    listedIcon: match !== null,
    title: flash?.title ?? title,
    badgeText: flash?.text ?? (count === 0 ? '' : count > MAX_SHOWN_COUNT ? `${MAX_SHOWN_COUNT}+` : String(count)),
    badgeColor: flash?.color ?? COUNT_COLOR,
  };
}
