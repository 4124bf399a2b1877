/**
 * The toolbar button's one painter: whoever learns something about a tab (its paper, toolbar.ts;
 * what it lists, listings.ts; a quick save's outcome, quickSave.ts) asks it to paint, and it
 * paints the tab's whole look from all of it (lib/toolbarLook.ts).
 */
import { browser } from 'wxt/browser';
import { buttonLook, type ButtonFlash } from '../../lib/toolbarLook';
import { storedTabListed } from './listings';
import { storedTabPaper } from './toolbar';

const LISTED_ICON = { 16: '/icon-listed-16.png', 32: '/icon-listed-32.png' };
const DEFAULT_ICON = { 16: '/icon-16.png', 32: '/icon-32.png' };

/** How long a quick save's outcome shows on the button. */
const FLASH_MS = 2500;

// Firefox's MV2 build has browserAction where MV3 has action.
const actionApi = (): typeof browser.action | undefined => browser.action ?? browser.browserAction;

export interface ToolbarButton {
  /**
   * Paints a tab's button from what is known about it now. `icon`: set the icon too; setIcon
   * decodes images (tens of ms), so only when the tab is or was a listed paper. Never fails: a
   * closed tab has no button.
   */
  paint(tabId: number, options?: { icon?: boolean }): Promise<void>;
  /** Shows a quick save's outcome on a tab's button for FLASH_MS, then its look again. */
  flash(tabId: number, flash: ButtonFlash): Promise<void>;
}

/** The button over the tabs' stored papers and listings (each source stores before it asks for a paint). */
export function createToolbarButton(): ToolbarButton {
  // In memory only: a flash lasts seconds, and a worker stopped meanwhile starts with a clean button.
  const flashes = new Map<number, ButtonFlash>();
  const paint: ToolbarButton['paint'] = async (tabId, { icon = false } = {}) => {
    const button = actionApi();
    if (!button) return;
    try {
      const [paper, listings] = await Promise.all([storedTabPaper(tabId), storedTabListed(tabId)]);
      const look = buttonLook({ paper, listings, flash: flashes.get(tabId) }, browser.runtime.getManifest().name);
      await Promise.all([
        icon ? button.setIcon({ tabId, path: look.listedIcon ? LISTED_ICON : DEFAULT_ICON }) : undefined,
        button.setTitle({ tabId, title: look.title }),
        // An empty badge shows no colour: one call fewer.
        look.badgeText ? button.setBadgeBackgroundColor({ tabId, color: look.badgeColor }) : undefined,
        button.setBadgeText({ tabId, text: look.badgeText }),
      ]);
    } catch {
      // The tab closed: nothing to paint.
    }
  };
  return {
    paint,
    async flash(tabId, flash) {
      flashes.set(tabId, flash);
      await paint(tabId);
      setTimeout(() => {
        // Only this flash's end: a later flash on the tab shows its full time.
        if (flashes.get(tabId) !== flash) return;
        flashes.delete(tabId);
        void paint(tabId);
      }, FLASH_MS);
    },
  };
}
