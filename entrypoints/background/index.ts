import bundled from '../../assets/catalog.json';
import { db } from '../../lib/db/instance';
import type { CatalogSnapshot } from '../../lib/types';
import { startBackground } from './start';

// The snapshot is written by `npm run catalog` in the CatalogSnapshot shape; JSON imports are
// typed structurally (e.g. `format: number`), hence the cast.
const BUNDLED_SNAPSHOT = bundled as unknown as CatalogSnapshot;

export default defineBackground(() => {
  startBackground(db, BUNDLED_SNAPSHOT);
});
