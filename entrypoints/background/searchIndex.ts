import type { SearchIndexKeeper } from '../../lib/search/store';

/**
 * The popup loads the stored search index instead of building it (seconds at 100k papers), so the
 * background rebuilds it whenever the lists change: after seeding, a refresh, or a list toggle.
 * Returns a function that stops watching, resolved once a rebuild under way has ended.
 */
export function setupSearchIndex(searchIndex: SearchIndexKeeper): () => Promise<void> {
  return searchIndex.keepFresh((error) => console.warn('Lantern: could not rebuild the search index', error));
}
