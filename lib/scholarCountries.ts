/**
 * Google Scholar's country domains (scholar.google.de, scholar.google.co.uk, …): Scholar's main
 * host is on the site list; these are an opt-in from the options page, asked for at runtime as
 * optional host permissions (within the optional all-sites pattern). Their content script follows
 * the permission (lib/permissionScripts.ts).
 */
import type { PermissionScript } from './permissionScripts';

/** The country domains Scholar serves most researchers from. */
export const SCHOLAR_COUNTRY_MATCHES: readonly string[] = [
  'de', 'fr', 'es', 'it', 'nl', 'be', 'ch', 'at', 'se', 'dk', 'no', 'fi', 'pl', 'pt', 'cz', 'gr', 'ie', 'ca', 'ru',
  'co.uk', 'co.jp', 'co.kr', 'co.in', 'co.id', 'co.za', 'co.il', 'co.nz',
  'com.au', 'com.br', 'com.mx', 'com.hk', 'com.tw', 'com.sg', 'com.tr', 'com.ar', 'com.eg',
].map((suffix) => `https://scholar.google.${suffix}/*`);

export const SCHOLAR_COUNTRIES_SCRIPT: PermissionScript = { id: 'lantern-scholar-countries', origins: SCHOLAR_COUNTRY_MATCHES };
