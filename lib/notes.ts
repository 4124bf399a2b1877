/** The user's notes on a saved paper, as the places that make two copies of a paper one join them. */

/** A note's words with any run of spaces and line breaks as one space: what a format that flattens lines gives back. */
const flat = (note: string): string => note.replace(/\s+/g, ' ').trim();

/**
 * Two notes of one paper as one, so that neither is lost: a note that is empty or held in the
 * other adds nothing; `second` replaces `first` when it holds it (unless `secondMayReplace` is
 * false: an import of an older copy, say); else both, `first` first, `separator` between. Spacing
 * does not count ("held" compares words): BibTeX and RIS give a note back with its lines joined.
 */
export function joinNotes(first: string, second: string, separator: string, secondMayReplace = true): string {
  if (second === '' || first.includes(second)) return first;
  const [flatFirst, flatSecond] = [flat(first), flat(second)];
  if (flatFirst.includes(flatSecond)) return first;
  if (first === '' || (secondMayReplace && flatSecond.includes(flatFirst))) return second;
  return `${first}${separator}${second}`;
}

/** Between a saved note and a different imported note for the same paper (lib/formats/importItems.ts), and between two entries' notes of one paper in a BibTeX file. */
export const NOTE_SEPARATOR = '\n\n— imported note —\n';
