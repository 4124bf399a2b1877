/**
 * What the popup does through Dexie, in one module that start.tsx imports only once it is needed:
 * the first results come from the early read (lib/db/earlyRead.ts) and need none of it, so Dexie
 * (about a third of the popup's code) is neither fetched nor run before them.
 */
export { liveQuery } from 'dexie';
export { db } from '../../lib/db/pageDb';
export { recentlyRemovedIds, savePaper, savedPaperFromPaper, savedState, savedStatuses, unsavePaper } from '../../lib/db/readingList';
