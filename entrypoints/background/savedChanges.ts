/**
 * Pages follow the reading list wherever it changes: the popup and the library write the
 * database themselves, the background on behalf of a page or a menu. Every committed change to
 * the reading list reaches the background, which tells each tab; a tab's badge and marks then ask
 * again about what they show (a tab without Lantern's content script ignores the notice). A change
 * arrives as Dexie's notice (lib/db/changes.ts) while the background runs, and as the
 * `readingListChanged` message from the page that wrote it, which also wakes a stopped background.
 */
import Dexie, { type ObservabilitySet } from 'dexie';
import { browser } from 'wxt/browser';
import { touchesTable } from '../../lib/db/changes';
import type { LanternDB } from '../../lib/db/schema';
import { notifyTab } from '../../lib/messages';

/** Changes that arrive together (a bulk edit changes many rows) are told once. */
const GATHER_MS = 100;

export interface SavedChanges {
  /** Tells the tabs, gathered with any other change of the moment. */
  changed(): void;
  stop(): void;
}

/** Starts telling tabs about reading-list changes. */
export function followSavedChanges(database: LanternDB): SavedChanges {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tellTabs = async () => {
    timer = undefined;
    const tabs = await browser.tabs.query({}).catch(() => []);
    await Promise.all(tabs.flatMap((tab) => (tab.id === undefined ? [] : [notifyTab(tab.id, 'savedChanged')])));
  };
  const changed = () => {
    timer ??= setTimeout(() => void tellTabs(), GATHER_MS);
  };
  const onChange = (parts: ObservabilitySet) => {
    if (touchesTable(parts, database.name, 'saved')) changed();
  };
  Dexie.on.storagemutated.subscribe(onChange);
  return {
    changed,
    stop() {
      Dexie.on.storagemutated.unsubscribe(onChange);
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
