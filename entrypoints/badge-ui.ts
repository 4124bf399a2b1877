/**
 * The badge's and the marks' UI bundle (Preact, the badge with what it does once shown and the
 * MarkLayer component, their styles), injected by the background into pages that are or list a listed paper only (lib/badgeUi.ts explains why). It hands the content script its
 * entry point and does nothing else.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { showBadge } from '../components/ShownBadge';
import { createMarkLayer } from '../components/MarkLayer';
import { provideBadgeUi } from '../lib/badgeUi';
import { zoteroByMessage } from '../components/zoteroByMessage';

export default defineUnlistedScript(() => {
  provideBadgeUi({ showBadge, createMarkLayer: (doc, actions, chips) => createMarkLayer(doc, { ...actions, ...zoteroByMessage }, chips) });
});
