/**
 * The background, assembled in one place: its parts are built once, the message handlers are
 * one object over them (handlers.ts), and every browser event is wired here or by the one
 * setup function of its concern. Seeding is a promise: what must come after it awaits it.
 */
import { browser } from 'wxt/browser';
import { matchIdentity, oneRecordPerPaper } from '../../lib/db/papers';
import { purgeRemoved } from '../../lib/db/readingList';
import type { LanternDB } from '../../lib/db/schema';
import { handleMessages, type Handlers } from '../../lib/messages';
import type { CatalogSnapshot } from '../../lib/types';
import { createToolbarButton } from './button';
import { setupCommands } from './commands';
import { setupContextMenu } from './contextMenu';
import { createHandlers } from './handlers';
import { createTabListings, setupListings } from './listings';
import { createQuickSave } from './quickSave';
import { followSavedChanges } from './savedChanges';
import { setupPermissionScripts } from './permissionScripts';
import { createListRefresher } from './refresh';
import { setupSearchIndex } from './searchIndex';
import { createSearchIndexKeeper } from '../../lib/search/store';
import { seedOn } from './seed';
import { setupStorage } from './storage';
import { setupSync } from './sync';
import { createTabPapers } from './toolbar';
import { zoteroHandlers } from './zotero';

export interface Background {
  handlers: Handlers;
  /**
   * Stops watching the database (the search index rebuilds, reading-list changes); browser
   * listeners stay with the browser. Resolves once a search index rebuild under way has ended.
   */
  stop(): Promise<void>;
  /** How many removed papers this start forgot (they were removed more than REMOVED_KEPT_MS ago). */
  purged: Promise<number>;
}

/** Builds the background on `database` and registers every listener (synchronously, as MV3 requires). */
export function startBackground(database: LanternDB, snapshot: CatalogSnapshot): Background {
  // One painter for the toolbar button: the tab's paper, its listings and a quick save's outcome all show through it.
  const button = createToolbarButton();
  const tabs = createTabPapers(database, (identity) => matchIdentity(database, identity), button);
  const searchIndex = createSearchIndexKeeper(database);
  const lists = createListRefresher(database, searchIndex);
  const listings = createTabListings(database, button);
  const quickSave = createQuickSave(database, tabs, button);
  const savedChanges = followSavedChanges(database);
  const handlers = createHandlers({ database, tabs, lists, listings, savedChanges, zotero: zoteroHandlers(database) });
  // Messages wait while the bundled list is being stored: a paper page opened just after install
  // would otherwise be told its paper is not listed (seedOn never rejects).
  let seeding: Promise<void> = Promise.resolve();
  handleMessages(handlers, () => seeding);

  browser.runtime.onInstalled.addListener(async ({ reason }) => {
    const seeded = (seeding = seedOn({ kind: 'installed', reason }, database, snapshot));
    // An update may bring a list or rules that make two saved records one paper.
    const joined = seeded.then(() => oneRecordPerPaper(database)).catch((e: unknown) => console.error('Lantern could not merge duplicate saved papers.', e));
    await Promise.all([joined, lists.start(seeded).catch(() => undefined)]);
  });
  browser.runtime.onStartup.addListener(async () => {
    const seeded = (seeding = seedOn({ kind: 'startup' }, database, snapshot));
    await Promise.all([seeded, lists.start(seeded).catch(() => undefined)]);
  });
  tabs.watchTabs();
  lists.watchAlarm();
  setupListings(listings);
  setupPermissionScripts();
  setupContextMenu(quickSave);
  setupCommands(quickSave);
  setupStorage();
  const stopSearchIndex = setupSearchIndex(searchIndex);
  // Removed papers are kept REMOVED_KEPT_MS: each start of the worker (every browser start, and
  // again after each idle stop) forgets older ones. A small indexed delete; nothing waits for it.
  const purged = purgeRemoved(database).catch(() => 0);
  const stopSync = setupSync(database);
  return {
    handlers,
    stop() {
      savedChanges.stop();
      stopSync();
      return stopSearchIndex();
    },
    purged,
  };
}
