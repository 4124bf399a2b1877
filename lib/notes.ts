/** The user's notes on a saved paper, as the places that make two copies of a paper one join them. */
import { flatText } from './page/text';

/**
 * Two notes of one paper as one, so that neither is lost: a note that is empty or held in the
 * other adds nothing; `second` replaces `first` when it holds it (unless `secondMayReplace` is
 * false: an import of an older copy, say); else both, `first` first, `separator` between. Notes are
 * compared as an import gives them back (flatText: BibTeX joins a note's lines).
 */
export function joinNotes(first: string, second: string, separator: string, secondMayReplace = true): string {
  if (second === '' || first.includes(second)) return first;
  const [flatFirst, flatSecond] = [flatText(first), flatText(second)];
  // One note written two ways: the newer way, when the second may replace the first.
  if (flatFirst === flatSecond) return secondMayReplace ? second : first;
  if (flatFirst.includes(flatSecond)) return first;
  if (first === '' || (secondMayReplace && flatSecond.includes(flatFirst))) return second;
  return `${first}${separator}${second}`;
}

/** Between a saved note and a different imported note for the same paper (lib/formats/importItems.ts), and between two entries' notes of one paper in a BibTeX file. */
export const NOTE_SEPARATOR = '\n\n— imported note —\n';
