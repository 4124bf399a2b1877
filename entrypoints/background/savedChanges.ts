/**
 * Pages follow the reading list wherever it changes: the popup and the library write the
 * database themselves, the background on behalf of a page or a menu. Every committed change to
 * the reading list reaches the background (lib/db/changes.ts), which tells each tab; a tab's
 * badge and marks then ask again about what they show (a tab without Lantern's content script
 * ignores the notice).
 */
import Dexie, { type ObservabilitySet } from 'dexie';
import { browser } from 'wxt/browser';
import { touchesTable } from '../../lib/db/changes';
import type { LanternDB } from '../../lib/db/schema';
import { notifyTab } from '../../lib/messages';

/** Changes that arrive together (a bulk edit changes many rows) are told once. */
const GATHER_MS = 100;

/** Starts telling tabs about reading-list changes; returns the function that stops it. */
export function followSavedChanges(database: LanternDB): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tellTabs = async () => {
    timer = undefined;
    const tabs = await browser.tabs.query({}).catch(() => []);
    await Promise.all(tabs.flatMap((tab) => (tab.id === undefined ? [] : [notifyTab(tab.id, 'savedChanged')])));
  };
  const onChange = (parts: ObservabilitySet) => {
    if (timer === undefined && touchesTable(parts, database.name, 'saved')) timer = setTimeout(() => void tellTabs(), GATHER_MS);
  };
  Dexie.on.storagemutated.subscribe(onChange);
  return () => {
    Dexie.on.storagemutated.unsubscribe(onChange);
    if (timer !== undefined) clearTimeout(timer);
  };
}
