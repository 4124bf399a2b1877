/**
 * On every page of the site list (and, when the user opts in, every site): identify the page,
 * ask the background whether it is a listed paper, and draw the badge; mark the listed papers
 * the page lists, links or cites. Pages that change their URL in place (GitHub, PubMed,
 * Semantic Scholar) are identified again after each navigation.
 *
 * Kept tiny on purpose (under 25 kB minified): no Dexie, no search, no lib/db here.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { SITE_MATCHES } from '../../lib/sites';
import { startBadge } from './badge';
import { startMarks } from './marks';

export default defineContentScript({
  matches: [...SITE_MATCHES],
  // As soon as the document is parsed (DOMContentLoaded): the metadata in <head> and the main
  // heading are there, and the badge need not wait for the page's images and scripts.
  runAt: 'document_end',
  main(ctx) {
    const badge = startBadge(ctx);
    startMarks(ctx, { onCites: badge.setCites, onSaved: badge.savedChanged });
  },
});
