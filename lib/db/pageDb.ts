/**
 * The database as Lantern's pages (popup, library, options) use it: the one instance, which also
 * tells the background of each reading-list write it commits. The background tells the open tabs
 * (entrypoints/background/savedChanges.ts); Dexie's own change notice reaches it only while it
 * runs, and a stopped service worker (or Firefox event page) wakes for a message, not for that.
 */
import { onCommittedWrites } from './changes';
import { db } from './instance';
import { TABLES } from './schemaNames';
import { sendMessage } from '../messages';

onCommittedWrites(db, TABLES.saved, () => void sendMessage('readingListChanged', {}));

export { db };
