/**
 * The names of Lantern's database, of its tables and of the db.kv rows that are read before
 * Dexie has loaded: part of the schema (schema.ts declares its tables under these names and a
 * unit test checks both agree), kept free of imports so that the popup's first script
 * (lib/db/earlyRead.ts) can read the database by name and stay tiny.
 */

export const DB_NAME = 'lantern';

/** Every table of the current schema, by the name LanternDB gives it. */
export const TABLES = {
  lists: 'lists',
  entryChunks: 'entryChunks',
  entryKeys: 'entryKeys',
  manifests: 'manifests',
  saved: 'saved',
  removed: 'removed',
  kv: 'kv',
} as const;

/** The db.kv row holding the stored search index (lib/search/store.ts writes it). */
export const SEARCH_INDEX_KEY = 'search-index';
