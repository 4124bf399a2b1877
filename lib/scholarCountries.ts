/**
 * Google Scholar's country domains (scholar.google.de, scholar.google.co.uk, …): Scholar's main
 * host is on the site list; these are an opt-in from the options page, asked for at runtime as
 * optional host permissions (within the optional all-sites pattern), with the content script
 * registered for them only once granted. The background re-checks on install and startup.
 */
import { browser } from 'wxt/browser';

export const SCHOLAR_COUNTRIES_SCRIPT_ID = 'lantern-scholar-countries';
const SCRIPT_FILE = 'content-scripts/content.js';

/** The country domains Scholar serves most researchers from. */
export const SCHOLAR_COUNTRY_MATCHES: readonly string[] = [
  'de', 'fr', 'es', 'it', 'nl', 'be', 'ch', 'at', 'se', 'dk', 'no', 'fi', 'pl', 'pt', 'cz', 'gr', 'ie', 'ca', 'ru',
  'co.uk', 'co.jp', 'co.kr', 'co.in', 'co.id', 'co.za', 'co.il', 'co.nz',
  'com.au', 'com.br', 'com.mx', 'com.hk', 'com.tw', 'com.sg', 'com.tr', 'com.ar', 'com.eg',
].map((suffix) => `https://scholar.google.${suffix}/*`);

export async function isScholarCountriesEnabled(): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [...SCHOLAR_COUNTRY_MATCHES] });
  } catch {
    return false;
  }
}

/** Registers or unregisters the content script on Scholar's country domains to match the permission. */
export async function syncScholarCountriesScript(): Promise<boolean> {
  const scripting = browser.scripting;
  if (!scripting) return false;
  const enabled = await isScholarCountriesEnabled();
  const isRegistered = async () => (await scripting.getRegisteredContentScripts({ ids: [SCHOLAR_COUNTRIES_SCRIPT_ID] })).length > 0;
  const registered = await isRegistered();
  try {
    if (enabled && !registered) {
      await scripting.registerContentScripts([
        { id: SCHOLAR_COUNTRIES_SCRIPT_ID, matches: [...SCHOLAR_COUNTRY_MATCHES], js: [SCRIPT_FILE], runAt: 'document_start', persistAcrossSessions: true },
      ]);
    } else if (!enabled && registered) {
      await scripting.unregisterContentScripts({ ids: [SCHOLAR_COUNTRIES_SCRIPT_ID] });
    }
  } catch (error) {
    // Another sync ran at once (the options page's, and the background's on the grant): no error if it did the same.
    if ((await isRegistered()) !== enabled) throw error;
  }
  return enabled;
}

/** Asks for (or gives back) Scholar's country domains; call from a click on an extension page. Resolves to whether they are on. */
export async function setScholarCountries(enabled: boolean): Promise<boolean> {
  if (enabled) await browser.permissions.request({ origins: [...SCHOLAR_COUNTRY_MATCHES] });
  else await browser.permissions.remove({ origins: [...SCHOLAR_COUNTRY_MATCHES] });
  return syncScholarCountriesScript();
}
