/**
 * The readers of the known listings, injected by the background into listing pages only
 * (lib/listingReader.ts explains why). It hands the content script its entry point and does
 * nothing else.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { listingItems } from '../lib/listing/items';
import { provideListingReader } from '../lib/listingReader';

export default defineUnlistedScript(() => {
  provideListingReader({ listingItems });
});
