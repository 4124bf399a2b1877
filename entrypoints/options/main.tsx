import { loadZoteroSettings, saveZoteroSettings } from '../../lib/zotero/settings';
import { render } from 'preact';
import { browserSiteAccess } from '../../lib/siteAccess';
import { browser } from 'wxt/browser';
import { applyAppearance, followAppearance, readAppearance, writeAppearance } from '../../lib/appearance';
import { ALL_SITES_SCRIPT } from '../../lib/allSites';
import { loadMarkSettings, saveMarkSettings } from '../../lib/markSettings';
import { isPermissionScriptOn, setPermissionScript } from '../../lib/permissionScripts';
import { SCHOLAR_COUNTRIES_SCRIPT } from '../../lib/scholarCountries';
import { db } from '../../lib/db/pageDb';
import { downloadText } from '../../lib/download';
import { sendMessage } from '../../lib/messages';
import { progressText } from '../../lib/refresh/progress';
import { refreshProgress } from '../../lib/refresh/progressItem';
import { syncEnabled, syncStatus } from '../../lib/sync/settings';
import { App } from './App';
import { readingListServices } from './readingListServices';
import type { OptionsServices } from './services';
import './style.css';

followAppearance();

const services: OptionsServices = {
  siteAccess: browserSiteAccess(),
  getRefreshState: () => sendMessage('getRefreshState', {}),
  refreshLists: (listIds, acceptShrink) => sendMessage('refreshLists', { ...(listIds && { listIds }), ...(acceptShrink && { acceptShrink }) }),
  // No await before this call: browsers grant permissions only inside the click's own task.
  requestOrigin: (origin) => browser.permissions.request({ origins: [origin] }),
  addList: (url) => sendMessage('addList', { url }),
  removeList: (listId) => sendMessage('removeList', { listId }),
  setListEnabled: (listId, enabled) => sendMessage('setListEnabled', { listId, enabled }),
  setSchedule: (intervalHours) => sendMessage('setRefreshSchedule', { intervalHours }),
  watchProgress(onChange) {
    refreshProgress.getValue().then((progress) => onChange(progressText(progress)), () => undefined);
    return refreshProgress.watch((progress) => onChange(progressText(progress)));
  },
  isAllSitesEnabled: () => isPermissionScriptOn(ALL_SITES_SCRIPT),
  setAllSites: (enabled) => setPermissionScript(ALL_SITES_SCRIPT, enabled),
  readMarkSettings: loadMarkSettings,
  setMarkSettings: saveMarkSettings,
  isScholarCountriesEnabled: () => isPermissionScriptOn(SCHOLAR_COUNTRIES_SCRIPT),
  setScholarCountries: (enabled) => setPermissionScript(SCHOLAR_COUNTRIES_SCRIPT, enabled),
  readAppearance,
  async setAppearance(appearance) {
    applyAppearance(appearance);
    await writeAppearance(appearance);
  },
  ...readingListServices(db, browser.runtime.getManifest().version),
  async storageEstimate() {
    return (await navigator.storage?.estimate?.()) ?? {};
  },
  download: downloadText,
  now: Date.now,
  loadZoteroSettings,
  saveZoteroSettings,
  readSyncEnabled: () => syncEnabled.getValue(),
  setSyncEnabled: (enabled) => syncEnabled.setValue(enabled),
  watchSyncStatus(onChange) {
    void syncStatus.getValue().then(onChange);
    return syncStatus.watch(onChange);
  },
};

render(<App services={services} />, document.getElementById('app')!);
