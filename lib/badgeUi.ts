/**
 * The badge's and the marks' UI (Preact, their styles) is a separate script, badge-ui.js, that
 * the background injects into a page only once the page turns out to be (or to list) a listed
 * paper, so the content script that runs on every page of the site list stays small. Both run in the extension's isolated
 * world of the page, where the UI script leaves its entry point on this global.
 */
import type { BadgeHost } from '../components/BadgeHost';
import type { MarkActions, MarkLayer } from '../components/MarkLayer';

export const BADGE_UI_GLOBAL = '__lanternBadgeUi';
/** The UI bundle, as the background injects it (WXT's unlisted script entrypoints/badge-ui.ts). */
export const BADGE_UI_FILE = '/badge-ui.js';

export interface BadgeUi {
  createBadgeHost(doc: Document): BadgeHost | null;
  /** The marks of a page that lists papers (components/MarkLayer.tsx). */
  createMarkLayer(doc: Document, actions: MarkActions): MarkLayer;
}

type Scope = { [BADGE_UI_GLOBAL]?: BadgeUi };

export function loadedBadgeUi(scope: object = globalThis): BadgeUi | undefined {
  return (scope as Scope)[BADGE_UI_GLOBAL];
}

export function provideBadgeUi(ui: BadgeUi, scope: object = globalThis): void {
  (scope as Scope)[BADGE_UI_GLOBAL] = ui;
}
