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
import { prepareMarks } from './marks';
import type { ContentScriptContext } from './context';

export default defineContentScript({
  matches: [...SITE_MATCHES],
  // Loaded before the document is parsed so that what needs no document (the mark settings, a
  // listing's readers) is fetched while the page loads, and a known listing's items are read as
  // they arrive; the rest of the page is read at DOMContentLoaded, when its metadata is there.
  // Chromium runs document_end scripts only after the page's first layout, which on a
  // 2,000-item listing comes long after.
  runAt: 'document_start',
  main(wxtContext) {
    // WXT's entry is built with Lantern's context in place of its own (wxt.config.ts, ./context).
    const ctx = wxtContext as unknown as ContentScriptContext;
    const marks = prepareMarks(ctx);
    const start = () => {
      const badge = startBadge(ctx);
      marks.connect({ onCites: badge.setCites, onSaved: badge.savedChanged });
    };
    void ctx.parsed().then(start);
  },
});
