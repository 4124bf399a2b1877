/**
 * The popup bench's floor: a bare extension page doing only what no popup can skip before its
 * first results, the popup's own first read (lib/db/earlyRead.ts: open the database, read the
 * stored search index row and the lists rows in one readonly transaction), then one frame.
 * popup.ts bundles this file into `floor.js` beside a copy of the build; the page reports
 * `floorOpen` with `{ read, frame }` (ms from navigation: the read done, the next frame begun)
 * and `stored` (whether there was a stored index to read: without one the floor is not a floor).
 */
import { readStoredIndexEarly } from '../../lib/db/earlyRead';
import { SIGNAL_TAG } from './pageSignal';

void readStoredIndexEarly().then((early) => {
  const read = performance.now();
  document.body.append(early ? 'read' : 'nothing read');
  requestAnimationFrame(() => {
    const marks = { read, frame: performance.now(), stored: early?.stored !== undefined };
    console.debug(SIGNAL_TAG, 'floorOpen', JSON.stringify(marks));
  });
});
