/**
 * The badge's and the marks' UI (Preact, their styles) is a separate script, badge-ui.js, that
 * the background injects into a page only once the page turns out to be (or to list) a listed
 * paper, and on a known listing, whose readers draw its marks, only when a mark is first opened
 * (components/MarkLayer.tsx). So the content script that runs on every page of the site list
 * stays small. Both run in the extension's isolated world of the page, where the UI script
 * leaves its entry point on this global.
 */
import type { ShowBadgeOptions, ShownBadge } from '../components/ShownBadge';
import type { MarkLayer, PageMarkActions } from '../components/MarkLayer';
import type { MarkChips } from '../components/MarkChips';
import { sendMessage } from './messages';

export const BADGE_UI_GLOBAL = '__lanternBadgeUi';
/** The UI bundle, as the background injects it (WXT's unlisted script entrypoints/badge-ui.ts). */
export const BADGE_UI_FILE = '/badge-ui.js';

export interface BadgeUi {
  /** The badge of a listed paper's page (components/ShownBadge.ts). */
  showBadge(doc: Document, options: ShowBadgeOptions): Promise<ShownBadge | null>;
  /** The marks of a page that lists papers, with their cards; over the listing readers' marks when given (components/MarkLayer.tsx). */
  createMarkLayer(doc: Document, actions: PageMarkActions, chips?: MarkChips): MarkLayer;
}

type Scope = { [BADGE_UI_GLOBAL]?: BadgeUi };

export function loadedBadgeUi(scope: object = globalThis): BadgeUi | undefined {
  return (scope as Scope)[BADGE_UI_GLOBAL];
}

export function provideBadgeUi(ui: BadgeUi, scope: object = globalThis): void {
  (scope as Scope)[BADGE_UI_GLOBAL] = ui;
}

/** The UI, asking the background to inject it the first time this page needs it; undefined when it could not. */
export async function badgeUi(): Promise<BadgeUi | undefined> {
  const loaded = loadedBadgeUi();
  if (loaded) return loaded;
  const reply = await sendMessage('loadBadgeUi', {});
  return reply.ok && reply.value.loaded ? loadedBadgeUi() : undefined;
}
