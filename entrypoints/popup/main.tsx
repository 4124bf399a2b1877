// The popup's first script: kept tiny so that reading the search index starts at once and
// overlaps with loading the rest (start.tsx). The stylesheet comes with it: the static search
// box in index.html is styled from the first paint.
import './style.css';
import { readStoredIndexEarly } from '../../lib/db/earlyRead';

const early = readStoredIndexEarly();
void import('./start').then(({ start }) => start(early));
