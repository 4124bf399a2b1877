/** The keyboard shortcut (manifest `commands`, Alt+Shift+S by default) that saves the current tab's paper. */
import { browser } from 'wxt/browser';
import { SAVE_COMMAND } from '../../lib/commandNames';
import type { QuickSave } from './quickSave';

export function setupCommands(quickSave: QuickSave): void {
  try {
    listenForCommands(quickSave);
  } catch {
    // Firefox for Android has no keyboard commands: Lantern works without them there.
  }
}

function listenForCommands(quickSave: QuickSave): void {
  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== SAVE_COMMAND) return;
    const activeTab = tab ? Promise.resolve(tab) : browser.tabs.query({ active: true, currentWindow: true }).then((tabs) => tabs[0]);
    activeTab
      .then(async (t) => {
        const found = await quickSave.foundInTab({ id: t?.id, url: t?.url, title: t?.title });
        await quickSave.save(found, t?.id);
      })
      .catch(() => undefined);
  });
}
