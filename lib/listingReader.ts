/**
 * The readers of the known listings (lib/listing/items.ts: one per site) and the marks' chips
 * (components/MarkChips.ts: a listing's marks are drawn the moment the background answers,
 * before the UI bundle is on the page) are a separate script, listing-reader.js, so the content
 * script that runs on every page stays small. The manifest declares it as a content script for
 * the listings' URLs (LISTING_MATCHES, lib/listing/kind.ts), so a listing has it before it is
 * parsed; where that does not reach (a listing reached by in-page navigation, Scholar's country
 * domains) the background injects it on request. Like the UI bundle (lib/badgeUi.ts), it runs in
 * the extension's isolated world and leaves its entry point on this global.
 */
import type { listingItems } from './listing/items';
import type { createMarkChips } from '../components/MarkChips';

export const LISTING_READER_GLOBAL = '__lanternListingReader';
/** The reader script (WXT's unlisted script entrypoints/listing-reader.ts), as the manifest names it and the background injects it. */
export const LISTING_READER_FILE = '/listing-reader.js';

export interface ListingReader {
  listingItems: typeof listingItems;
  createMarkChips: typeof createMarkChips;
}

type Scope = { [LISTING_READER_GLOBAL]?: ListingReader };

export function loadedListingReader(scope: object = globalThis): ListingReader | undefined {
  return (scope as Scope)[LISTING_READER_GLOBAL];
}

export function provideListingReader(reader: ListingReader, scope: object = globalThis): void {
  (scope as Scope)[LISTING_READER_GLOBAL] = reader;
}
