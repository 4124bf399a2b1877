/**
 * "Recognize papers on all sites": an opt-in beyond the site list (lib/sites.ts), asked for at
 * runtime from the options page. Its content script follows the optional permission
 * (lib/permissionScripts.ts).
 */
import type { PermissionScript } from './permissionScripts';
import { SCHOLAR_COUNTRY_MATCHES } from './scholarCountries';
import { ALL_SITES_MATCHES, SITE_MATCHES } from './sites';

export const ALL_SITES_SCRIPT: PermissionScript = {
  id: 'lantern-all-sites',
  origins: ALL_SITES_MATCHES,
  // The manifest's content script already runs there, and Scholar's country domains have their
  // own, registered too while "all sites" is granted (the grant covers their permission).
  excludeMatches: [...SITE_MATCHES, ...SCHOLAR_COUNTRY_MATCHES],
};
