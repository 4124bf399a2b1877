/** The user's notes on a saved paper, as the places that make two copies of a paper one join them. */

/**
 * Two notes of one paper as one, so that neither is lost: a note that is empty or held in the
 * other adds nothing; `second` replaces `first` when it holds it (unless `secondMayReplace` is
 * false: an import of an older copy, say); else both, `first` first, `separator` between.
 */
export function joinNotes(first: string, second: string, separator: string, secondMayReplace = true): string {
  if (second === '' || first.includes(second)) return first;
  if (first === '' || (secondMayReplace && second.includes(first))) return second;
  return `${first}${separator}${second}`;
}

/** Between a saved note and a different imported note for the same paper (lib/formats/importItems.ts), and between two entries' notes of one paper in a BibTeX file. */
export const NOTE_SEPARATOR = '\n\n— imported note —\n';
