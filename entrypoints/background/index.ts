import { setupMessages } from './messages';
import { setupSeed } from './seed';
import { setupStorage } from './storage';
import { setupToolbar } from './toolbar';
import { setupAllSites } from './allSites';
import { setupBadgeUi } from './badgeUi';
import { setupContextMenu } from './contextMenu';
import { setupCommands } from './commands';
import { setupRefresh } from './refresh';
import { setupSearchIndex } from './searchIndex';
import { setupListings } from './listings';
import { setupZotero } from './zotero';

// One setup per concern; each registers its listeners synchronously, as MV3 requires.
export default defineBackground(() => {
  setupSeed();
  setupMessages();
  // After setupMessages: it wraps matchPage so content-script answers also mark the tab.
  setupToolbar();
  setupAllSites();
  setupBadgeUi();
  setupContextMenu();
  setupCommands();
  setupStorage();
  setupRefresh();
  setupSearchIndex();
  setupListings();
  setupZotero();
});
