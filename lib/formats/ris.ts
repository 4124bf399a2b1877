/**
 * RIS writer (the tagged format Zotero, EndNote, Mendeley and Paperpile all import).
 *
 * Lines end in CRLF, as the RIS specification and Zotero's own exporter write them. RIS has no
 * escaping and a value cannot span lines safely (a note line starting "TY  - " would begin a
 * new record), so line breaks inside a value become spaces; the JSON backup is the lossless format.
 */
import type { SavedItem } from '../types';
import { ET_AL_AUTHOR, sortedName } from '../names';
import { cleanVenue, codeUrls, paperKind, paperUrl, type PaperKind } from './paperKind';

const RIS_TYPES: Record<PaperKind, string> = {
  journal: 'JOUR',
  conference: 'CPAPER',
  arxiv: 'UNPB',
  preprint: 'UNPB',
  other: 'GEN',
};

function risValue(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
}

function risRecord(item: SavedItem): string {
  const { paper } = item;
  const lines: string[] = [];
  const tag = (name: string, value: string | number | undefined): void => {
    const text = value === undefined ? '' : risValue(String(value));
    if (text !== '') lines.push(`${name}  - ${text}`);
  };
  const kind = paperKind(paper);
  tag('TY', RIS_TYPES[kind]);
  tag('TI', paper.title);
  // "Family, Given, Suffix" as the RIS specification orders it; RIS has no "et al.", so a
  // shortened list ends with an "et al." author, which Lantern's readers take back as that.
  for (const name of paper.authorList.names) tag('AU', sortedName(name));
  if (paper.authorList.etAl) tag('AU', ET_AL_AUTHOR);
  if (paper.year !== undefined) {
    tag('PY', paper.year);
    tag('DA', `${paper.year}/${paper.month === undefined ? '' : String(paper.month).padStart(2, '0')}//`);
  }
  const venue = cleanVenue(paper.venue);
  // T2 is the "secondary title": the journal for JOUR, the proceedings for CPAPER.
  if (kind === 'journal' || kind === 'conference') tag('T2', venue);
  else tag('PB', kind === 'arxiv' ? 'arXiv' : venue);
  tag('DO', paper.ids.doi);
  if (paper.ids.arxiv) tag('AN', `arXiv:${paper.ids.arxiv}`);
  tag('UR', paperUrl(paper));
  for (const url of codeUrls(paper)) tag('L2', url);
  for (const tagName of item.tags) tag('KW', tagName);
  tag('N1', item.note);
  lines.push('ER  - ');
  return lines.join('\r\n') + '\r\n';
}

/** The items as an RIS file, one record per item, in the order given. */
export function toRIS(items: readonly SavedItem[]): string {
  return items.map(risRecord).join('\r\n');
}
