/**
 * How Lantern words what a page lists or cites, the same in the popup's "This tab"
 * (components/ListedOnTab.tsx) and the toolbar button's tooltip.
 */
import { plural } from '../words';

/** "7 listed papers on this page". */
export function listedOnPage(count: number): string {
  return `${plural(count, 'listed paper')} on this page`;
}

/**
 * "Not in the list · cites 7 papers from it" on a paper page whose own paper is not listed
 * (`paperListed` false); otherwise "Cites 7 papers from the list".
 */
export function citesFromList(count: number, paperListed: boolean | undefined): string {
  return paperListed === false ? `Not in the list · cites ${plural(count, 'paper')} from it` : `Cites ${plural(count, 'paper')} from the list`;
}

/**
 * The toolbar tooltip of a tab that lists or cites listed papers and is not a listed paper
 * itself: "Lantern: 7 listed papers on this page", "Lantern: Not in the list · cites 3 papers
 * from it", both joined by "; ", or just the extension's name when it has neither.
 */
export function listingsTooltip(counts: { listed: number; cites: number }, paperListed: boolean | undefined, extensionName = 'Lantern'): string {
  const parts = [
    ...(counts.listed > 0 ? [listedOnPage(counts.listed)] : []),
    ...(counts.cites > 0 ? [citesFromList(counts.cites, paperListed)] : []),
  ];
  return parts.length > 0 ? `${extensionName}: ${parts.join('; ')}` : extensionName;
}
