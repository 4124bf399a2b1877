/**
 * The readers of the known listings and the marks' chips, run in listing pages only
 * (lib/listingReader.ts explains how and why). It hands the content script its entry point and
 * does nothing else.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { listingItems } from '../lib/listing/items';
import { provideListingReader } from '../lib/listingReader';
import { createMarkChips } from '../components/MarkChips';

export default defineUnlistedScript(() => {
  provideListingReader({ listingItems, createMarkChips });
});
