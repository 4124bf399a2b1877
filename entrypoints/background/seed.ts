/** Fills the local database from the snapshot bundled with this version of the extension. */
import { seedFromSnapshot } from '../../lib/db/catalog';
import type { LanternDB } from '../../lib/db/schema';
import type { CatalogSnapshot } from '../../lib/types';
import { describeSeedFailure, recordSeedFailure } from '../../lib/seedFailure';

async function seed(database: LanternDB, snapshot: CatalogSnapshot): Promise<void> {
  try {
    await seedFromSnapshot(database, snapshot);
  } catch (e) {
    console.error('Lantern could not load its bundled list into the local database.', e);
    await recordSeedFailure(describeSeedFailure(e));
    return;
  }
  await recordSeedFailure(null);
}

/**
 * Seeding for one start-up event; the promise settles when it is done (or when there was
 * nothing to do), never rejects. On install and on update (a new version brings a newer
 * snapshot; seeding replaces only the seed list's entries, so saved items and other lists are
 * untouched); at browser start only when the database was emptied behind our back (storage
 * cleared, eviction). Other install reasons (browser updates) seed nothing.
 */
export async function seedOn(
  event: { kind: 'installed'; reason: string } | { kind: 'startup' },
  database: LanternDB,
  snapshot: CatalogSnapshot,
): Promise<void> {
  if (event.kind === 'installed') {
    if (event.reason === 'install' || event.reason === 'update') await seed(database, snapshot);
    return;
  }
  if ((await database.lists.count().catch(() => 1)) === 0) await seed(database, snapshot);
}
