import { setupMessages } from './messages';
import { setupSeed } from './seed';
import { setupStorage } from './storage';

// One setup per concern; each registers its listeners synchronously, as MV3 requires.
export default defineBackground(() => {
  setupSeed();
  setupMessages();
  setupStorage();
});
