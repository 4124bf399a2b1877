/** The keyboard shortcut (manifest `commands`, Alt+Shift+S by default) that saves the current tab's paper. */
import { browser } from 'wxt/browser';
import { db } from '../../lib/db/instance';
import type { LanternDB } from '../../lib/db/schema';
import { SAVE_COMMAND } from '../../lib/commandNames';
import { foundInTab, quickSave } from './quickSave';

export function setupCommands(database: LanternDB = db): void {
  try {
    listenForCommands(database);
  } catch {
    // Firefox for Android has no keyboard commands: Lantern works without them there.
  }
}

function listenForCommands(database: LanternDB): void {
  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== SAVE_COMMAND) return;
    const activeTab = tab ? Promise.resolve(tab) : browser.tabs.query({ active: true, currentWindow: true }).then((tabs) => tabs[0]);
    activeTab
      .then(async (t) => {
        const found = await foundInTab(database, { id: t?.id, url: t?.url, title: t?.title });
        await quickSave(database, found, t?.id);
      })
      .catch(() => undefined);
  });
}
