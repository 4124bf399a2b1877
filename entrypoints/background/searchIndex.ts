import { db } from '../../lib/db/instance';
import { keepSearchIndexFresh } from '../../lib/search/store';

/**
 * The popup loads the stored search index instead of building it (seconds at 100k papers), so the
 * background rebuilds it whenever the lists change: after seeding, a refresh, or a list toggle.
 */
export function setupSearchIndex(): void {
  keepSearchIndexFresh(db, (error) => console.warn('Lantern: could not rebuild the search index', error));
}
