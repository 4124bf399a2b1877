import { render } from 'preact';
import { browser } from 'wxt/browser';
import { followAppearance } from '../../lib/appearance';
import { db } from '../../lib/db/pageDb';
import { requestPersistentStorage } from '../../lib/db/readingList';
import { saveShortcut } from '../../lib/commandNames';
import { downloadText } from '../../lib/download';
import { App } from './App';
import type { LibraryServices } from './services';
import { sendToZoteroFromPage } from '../../lib/zotero/request';
import './style.css';

const services: LibraryServices = {
  db,
  download: downloadText,
  requestPersistence: () => requestPersistentStorage(),
  appVersion: browser.runtime.getManifest().version,
  now: () => Date.now(),
  loadShortcut: async () => saveShortcut(await browser.commands.getAll()),
  sendToZotero: sendToZoteroFromPage,
  clipboard: navigator.clipboard,
  drafts: localStorage,
};

followAppearance();
render(<App services={services} />, document.getElementById('app')!);
