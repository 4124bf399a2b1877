/**
 * The badge's UI bundle (Preact, the Badge component, its styles), injected by the background
 * into listed pages only (lib/badgeUi.ts explains why). It hands the content script its
 * entry point and does nothing else.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createBadgeHost } from '../components/BadgeHost';
import { provideBadgeUi } from '../lib/badgeUi';

export default defineUnlistedScript(() => {
  provideBadgeUi({ createBadgeHost });
});
