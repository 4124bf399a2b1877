/** How a paper is shown to the reader (popup, badge, mark cards, library): its date, its safe links, its authors. */
import { displayName, nameFromText } from './names';
import { isHttpUrl } from './ids/url';
import { titleKey } from './title';
import type { EntryLink, Paper } from './types';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Nov 2023", "2023", or "" when the entry has no date. */
export function paperDate(paper: Pick<Paper, 'year' | 'month'>): string {
  if (!paper.year) return '';
  const month = paper.month ? MONTHS[paper.month - 1] : undefined;
  return month ? `${month} ${paper.year}` : String(paper.year);
}

/**
 * Where and when a paper appeared, in the one order every surface shows it (badge, mark cards,
 * popup, library): "Nature · Dec 2022", "arXiv", "2023", or "".
 */
export function venueAndDate(paper: Pick<Paper, 'venue' | 'year' | 'month'>): string {
  return [paper.venue.trim(), paperDate(paper)].filter((part) => part !== '').join(' · ');
}

/** The links worth rendering: http(s) only, whatever the data says. */
export function safeLinks(links: readonly EntryLink[]): EntryLink[] {
  return links.filter((l) => isHttpUrl(l.url));
}

/**
 * A link's words among a paper's links: its label as the list wrote it ("paper", "code",
 * "arXiv"), or its kind ("link" for other links) when the label is empty or is the paper's own
 * title again, which would show the title twice: a list of "[Title](url)" items, or a table whose
 * title is "Name: title" and whose link is the title alone (three words or more).
 */
export function linkWords(link: EntryLink, paper: Pick<Paper, 'titleKey'>): string {
  const label = titleKey(link.label);
  const isTitle = label === paper.titleKey || (label.split(' ').length >= 3 && paper.titleKey.endsWith(` ${label}`));
  if (label !== '' && !isTitle) return link.label.trim();
  return link.kind === 'other' ? 'link' : link.kind;
}

/** Where "open this paper" goes: the paper link, else the first usable link. */
export function primaryUrl(paper: Pick<Paper, 'links'>): string | undefined {
  const links = safeLinks(paper.links);
  return (links.find((l) => l.kind === 'paper') ?? links[0])?.url;
}

/** A page's author as people write it: "Singhal, Karan" (citation metadata order) → "Karan Singhal". */
export function displayAuthor(name: string): string {
  const structured = nameFromText(name);
  return structured ? displayName(structured) : name.trim();
}

/** Up to three authors, then "et al.". */
export function authorLine(names: readonly string[]): string {
  const shown = names.slice(0, 3).map(displayAuthor).join(', ');
  return names.length > 3 ? `${shown} et al.` : shown;
}
