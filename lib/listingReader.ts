/**
 * The readers of the known listings (lib/listing/items.ts: one per site) are a separate script,
 * listing-reader.js, that the background injects only into pages whose URL is a known listing
 * (lib/listing/kind.ts), so the content script that runs on every page stays small. Like the UI
 * bundle (lib/badgeUi.ts), it runs in the extension's isolated world and leaves its entry point
 * on this global.
 */
import type { listingItems } from './listing/items';

export const LISTING_READER_GLOBAL = '__lanternListingReader';
/** The reader script, as the background injects it (WXT's unlisted script entrypoints/listing-reader.ts). */
export const LISTING_READER_FILE = '/listing-reader.js';

export interface ListingReader {
  listingItems: typeof listingItems;
}

type Scope = { [LISTING_READER_GLOBAL]?: ListingReader };

export function loadedListingReader(scope: object = globalThis): ListingReader | undefined {
  return (scope as Scope)[LISTING_READER_GLOBAL];
}

export function provideListingReader(reader: ListingReader, scope: object = globalThis): void {
  (scope as Scope)[LISTING_READER_GLOBAL] = reader;
}
