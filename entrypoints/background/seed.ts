/** Fills the local database from the snapshot bundled with this version of the extension. */
import { browser } from 'wxt/browser';
import bundled from '../../assets/catalog.json';
import { seedFromSnapshot } from '../../lib/db/catalog';
import { db } from '../../lib/db/instance';
import type { LanternDB } from '../../lib/db/schema';
import type { CatalogSnapshot } from '../../lib/types';

// The snapshot is written by `npm run catalog` in the CatalogSnapshot shape; JSON imports are
// typed structurally (e.g. `format: number`), hence the cast.
const BUNDLED_SNAPSHOT = bundled as unknown as CatalogSnapshot;

async function seed(database: LanternDB, snapshot: CatalogSnapshot): Promise<void> {
  try {
    await seedFromSnapshot(database, snapshot);
  } catch (e) {
    console.error('Lantern could not load its bundled list into the local database.', e);
  }
}

export function setupSeed(database: LanternDB = db, snapshot: CatalogSnapshot = BUNDLED_SNAPSHOT): void {
  // On update too: a new version brings a newer snapshot. Seeding replaces only the seed list's
  // entries, so saved items and other lists are untouched.
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install' || reason === 'update') return seed(database, snapshot);
    return undefined;
  });
  // A database emptied behind our back (storage cleared, eviction) is refilled on browser start.
  browser.runtime.onStartup.addListener(async () => {
    if ((await database.lists.count()) === 0) await seed(database, snapshot);
  });
}
