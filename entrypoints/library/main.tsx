import { render } from 'preact';
import { browser } from 'wxt/browser';
import { db } from '../../lib/db/instance';
import { requestPersistentStorage } from '../../lib/db/readingList';
import { SAVE_COMMAND } from '../../lib/commandNames';
import { App } from './App';
import type { LibraryServices } from './services';
import './style.css';

/** Downloads through a Blob URL and <a download>: no "downloads" permission needed. */
function download(fileName: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Firefox may still be reading the Blob right after the click: free it a little later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const services: LibraryServices = {
  db,
  download,
  requestPersistence: () => requestPersistentStorage(),
  appVersion: browser.runtime.getManifest().version,
  now: () => Date.now(),
  async loadShortcut() {
    const commands = await browser.commands.getAll();
    return commands.find((c) => c.name === SAVE_COMMAND)?.shortcut || null;
  },
};

render(<App services={services} />, document.getElementById('app')!);
