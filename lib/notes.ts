/** The user's notes on a saved paper, as the places that make two copies of a paper one join them. */
import { DISGUISING } from './page/text';

/**
 * A note as a format that flattens it gives it back (BibTeX, RIS): any run of spaces and line
 * breaks as one space, composed (NFC), without the characters imports drop (DISGUISING).
 */
const flat = (note: string): string => note.normalize('NFC').replace(DISGUISING, '').replace(/\s+/g, ' ').trim();

/**
 * Two notes of one paper as one, so that neither is lost: a note that is empty or held in the
 * other adds nothing; `second` replaces `first` when it holds it (unless `secondMayReplace` is
 * false: an import of an older copy, say); else both, `first` first, `separator` between. Spacing,
 * composition and dropped characters do not count (`flat`): BibTeX gives a note back with its lines joined.
 */
export function joinNotes(first: string, second: string, separator: string, secondMayReplace = true): string {
  if (second === '' || first.includes(second)) return first;
  const [flatFirst, flatSecond] = [flat(first), flat(second)];
  // One note written two ways: the newer way, when the second may replace the first.
  if (flatFirst === flatSecond) return secondMayReplace ? second : first;
  if (flatFirst.includes(flatSecond)) return first;
  if (first === '' || (secondMayReplace && flatSecond.includes(flatFirst))) return second;
  return `${first}${separator}${second}`;
}

/** Between a saved note and a different imported note for the same paper (lib/formats/importItems.ts), and between two entries' notes of one paper in a BibTeX file. */
export const NOTE_SEPARATOR = '\n\n— imported note —\n';
