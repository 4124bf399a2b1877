/**
 * Awesome-list markdown → catalog entries. Reads the seed list's shape
 * (`- [YYYY/MM] **Title** *Authors. Venue.* [[paper](url)] [[code](url)]`) and the other common
 * shapes: `* [**Venue, Year**] **Name**: Title [paper](url)`, `- [Title](url) - description`, and
 * tables of papers. Never throws: lines it cannot read come back as warnings with line numbers.
 */
import { idsFromUrls, paperId, parseHttpUrl } from '../ids';
import { namesFromByline } from '../names';
import { titleKey } from '../title';
import type { CatalogEntry, EntryLink, LinkKind, PaperIds, ParsedList, ParseWarning } from '../types';
import { runAtOnce, runInSlices, type Sliced } from '../slices';
import { extractLinks, plainText, stripLeadingSymbols, type InlineLink } from './markdown';

export const CATEGORY_SEPARATOR = ' › ';

/** What one list item or table row says, before entries listed twice are merged. */
interface Item {
  title: string;
  titleKey: string;
  authors: string;
  venue: string;
  year?: number;
  month?: number;
  category?: string;
  links: EntryLink[];
  line: number;
}

type ItemResult = { item: Omit<Item, 'category' | 'line'>; warning?: string } | { warning: string } | undefined;

/**
 * Sections that hold no papers: navigation, news, credits. "Repositories" in awesome lists links
 * other collections, not papers. Matched on the heading's title key.
 */
const NON_PAPER_HEADING =
  /^(?:table of contents?|contents|toc|news|latest news|updates?|whats new|introduction|intro|citing|citations?|cite|how to cite|contributing|contributions?|licen[cs]es?|contact|contact us|star history|repositories|related repositories|related lists|other awesome lists|awesome lists)$|table of content|contributor|maintainer|acknowledg|star history|how to contribute/;

export function isNonPaperHeading(heading: string): boolean {
  return NON_PAPER_HEADING.test(titleKey(heading));
}

// ——— links ———

const LABEL_KINDS: Array<[RegExp, LinkKind]> = [
  [/\b(code|github|gitlab|repo|repository|implementation|source|weights|checkpoints?)\b/i, 'code'],
  [/\b(paper|pdf|arxiv|article|doi|preprint|journal|publication|pubmed|medrxiv|biorxiv)\b/i, 'paper'],
  [/\b(blog|post|medium|news|tweet|twitter|video|youtube|slides|talk)\b/i, 'blog'],
  [/\b(demo|try|playground|app|space)\b/i, 'demo'],
  [/\b(data|dataset|datasets|benchmark|corpus)\b/i, 'data'],
];

function kindFromUrl(url: string): LinkKind | undefined {
  const ids = idsFromUrls([url]);
  if (ids.arxiv || ids.doi || ids.pmcid || ids.pmid) return 'paper';
  const repo = ids.repos[0];
  if (repo?.startsWith('huggingface.co/datasets/')) return 'data';
  if (repo?.startsWith('huggingface.co/spaces/')) return 'demo';
  if (repo) return 'code';
  return undefined;
}

function linkKind(label: string, url: string, fallback: LinkKind = 'other'): LinkKind {
  for (const [pattern, kind] of LABEL_KINDS) if (pattern.test(label)) return kind;
  return kindFromUrl(url) ?? fallback;
}

/** A title used as link text says nothing about the link's kind: it is the paper, or its code page. */
function titleLinkKind(url: string): LinkKind {
  return kindFromUrl(url) ?? 'paper';
}

/**
 * Only absolute http(s) links are kept; relative, anchor, javascript: and data: links are dropped.
 * `kindOf` decides a link's kind when its label is a title rather than "paper", "code"…
 */
function httpLinks(links: InlineLink[], kindOf?: (link: InlineLink) => LinkKind | undefined): EntryLink[] {
  const kept: EntryLink[] = [];
  for (const link of links) {
    if (!parseHttpUrl(link.url) || kept.some((other) => other.url === link.url)) continue;
    kept.push({ kind: kindOf?.(link) ?? linkKind(link.label, link.url), url: link.url, label: link.label });
  }
  return kept;
}

/** "[[paper](u)" with an unclosed parenthesis and the like: more link openers than links read. */
function brokenLinkCount(text: string, links: InlineLink[]): number {
  const openers = text.match(/(?<!!\[[^\]]*)\]\(/g)?.length ?? 0;
  const images = text.match(/!\[[^\]]*\]\(/g)?.length ?? 0;
  const nestedImages = links.filter((link) => /!\[/.test(text.slice(link.start, link.end))).length;
  return Math.max(0, openers - images - links.length + nestedImages);
}

// ——— dates, authors and venues ———

const DATE_TAG = /^\[\s*((?:19|20)\d{2})(?:\s*[/.-]\s*(\d{1,2}))?(?:\s*[/.-]\s*\d{1,2})?\s*\]\s*/;
/** "[**CVPR, 2024**]", "[NeurIPS 2023]", "[arXiv 2023/05]" — a bracket that is not a link and names a year. */
const VENUE_TAG = /^\[\s*(?:\*\*|__)?([^\][]*?\b(?:19|20)\d{2}\b[^\][]*?)(?:\*\*|__)?\s*\](?!\()\s*/;
const YEAR = /\b((?:19|20)\d{2})\b/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function monthFrom(text: string): number | undefined {
  const numeric = /\b(?:19|20)\d{2}\s*[/.-]\s*(\d{1,2})\b/.exec(text);
  if (numeric) {
    const month = Number(numeric[1]);
    return month >= 1 && month <= 12 ? month : undefined;
  }
  const named = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:19|20)\d{2}\b/i.exec(text);
  return named ? MONTHS.indexOf(named[1]!.toLowerCase()) + 1 : undefined;
}

/** "Harsha Nori et al. arXiv." → authors "Harsha Nori et al.", venue "arXiv". */
export function splitAuthorsVenue(text: string): { authors: string; venue: string } {
  const clean = text.trim();
  const etAl = /^(.*?\bet al\.?)(.*)$/i.exec(clean);
  if (etAl) return { authors: etAl[1]!.trim(), venue: trimPunctuation(etAl[2]!) };
  const body = trimPunctuation(clean);
  // The last ". " that ends a word of two or more letters, a caseless letter ("王") or a braced
  // name ("{Ludwig van} {Beethoven}"): initials such as "Tyler A. Chang" are not a boundary.
  const boundaries = [...body.matchAll(/(?:\p{L}{2,}|\p{Lo}|\})\.\s+/gu)];
  const last = boundaries.at(-1);
  if (!last || last.index === undefined) return { authors: withSuffixPeriod(body, clean), venue: '' };
  const cut = last.index + last[0].trimEnd().length;
  return { authors: withSuffixPeriod(body.slice(0, cut - 1).trim(), clean), venue: trimPunctuation(body.slice(cut)) };
}

/** "Rivera Jr" cut from "Rivera Jr. Nature." gets its period back: it belongs to the suffix. */
function withSuffixPeriod(authors: string, source: string): string {
  return /\b(?:Jr|Sr|Jnr|Snr)$/.test(authors) && source.includes(`${authors}.`) ? `${authors}.` : authors;
}

function trimPunctuation(text: string): string {
  return text.replace(/^[\s.,;:]+|[\s.,;:]+$/g, '');
}

// ——— list items ———

/** Reads one list item's content (after the bullet). */
function readListItem(content: string): ItemResult {
  let rest = stripLeadingSymbols(content);
  let year: number | undefined;
  let month: number | undefined;
  let venue = '';
  const warnings: string[] = [];
  const links = extractLinks(content);

  const date = DATE_TAG.exec(rest);
  const venueTag = date ? null : VENUE_TAG.exec(rest);
  if (date) {
    year = Number(date[1]);
    if (date[2] !== undefined) {
      const written = Number(date[2]);
      if (written >= 1 && written <= 12) month = written;
      else warnings.push(`"${date[2]}" is not a month; the entry is kept without one`);
    }
    rest = rest.slice(date[0].length);
  } else if (venueTag) {
    const tag = plainText(venueTag[1]!);
    year = Number(YEAR.exec(tag)![1]);
    month = monthFrom(tag);
    venue = trimPunctuation(tag.replace(/\b(?:19|20)\d{2}(?:\s*[/.-]\s*\d{1,2})?\b/, ''));
    rest = rest.slice(venueTag[0].length);
  }
  const tagged = Boolean(date || venueTag);

  let title = '';
  let titleLink: InlineLink | undefined;
  const bold = /^(\*\*|__)(.+?)\1/.exec(rest);
  const unclosedBold = !bold && /^(\*\*|__)/.test(rest);
  if (bold) {
    title = bold[2]!;
    rest = rest.slice(bold[0].length);
    // "**Name**: Title [paper](url)" — the name and its subtitle make the title.
    const subtitle = /^\s*:\s*([^[*_]*[^[*_\s])/.exec(rest);
    if (subtitle) {
      title = `${title}: ${subtitle[1]}`;
      rest = rest.slice(subtitle[0].length);
    }
  } else if (unclosedBold) {
    const unclosed = /^(?:\*\*|__)([^[*_]+)/.exec(rest);
    title = unclosed?.[1] ?? '';
    rest = rest.slice(unclosed?.[0].length ?? 2);
    warnings.push('the title\'s bold markers are not closed; read the title up to the next mark');
  } else if (rest.startsWith('[')) {
    const first = extractLinks(rest)[0];
    if (first?.start === 0) {
      titleLink = first;
      title = first.label;
      rest = rest.slice(first.end);
    }
  } else if (tagged) {
    title = /^[^[*_]*/.exec(rest)![0];
    rest = rest.slice(title.length);
  }

  let authors = '';
  const italic = /^\s*[.:,]?\s*(\*|_)(?!\1)(.+?)\1(?!\1)/.exec(rest);
  if (italic) {
    const split = splitAuthorsVenue(plainText(italic[2]!));
    authors = split.authors;
    venue ||= split.venue;
  }
  if (year === undefined && venue) {
    const inVenue = YEAR.exec(venue);
    if (inVenue) year = Number(inVenue[1]);
  }

  const isTitleLink = (link: InlineLink): boolean => link.url === titleLink?.url && link.label === titleLink.label;
  const entryLinks = httpLinks(links, (link) => (isTitleLink(link) ? titleLinkKind(link.url) : undefined));
  const cleanTitle = plainText(title);
  const broken = brokenLinkCount(content, links);
  if (broken > 0) warnings.push(`${broken === 1 ? 'a link' : `${broken} links`} could not be read (unclosed bracket or parenthesis)`);

  const key = titleKey(cleanTitle);
  const readable = key !== '';
  const looksLikeEntry = tagged || Boolean(bold) || unclosedBold || entryLinks.length > 0;
  if (!readable) {
    return tagged || bold || unclosedBold ? { warning: 'no title could be read from this entry' } : undefined;
  }
  // A plain "[Title](#anchor)" or "[Title](relative.md)" is navigation, not a paper.
  if (titleLink && !tagged && entryLinks.length === 0) return undefined;
  if (!looksLikeEntry) return undefined;
  return { item: { title: cleanTitle, titleKey: key, authors, venue, year, month, links: entryLinks }, warning: warnings.join('; ') || undefined };
}

// ——— tables ———

type ColumnRole = 'title' | 'paper' | 'code' | 'venue' | 'date' | 'authors' | 'other';

function columnRole(header: string): ColumnRole {
  const key = titleKey(header);
  if (/\b(code|github|repo|repository|implementation)\b/.test(key)) return 'code';
  if (/\bauthors?\b/.test(key)) return 'authors';
  if (/\b(title|name|model|work)\b/.test(key) || key === 'paper') return 'title';
  if (/\b(link|url|pdf|arxiv|paper)\b/.test(key)) return 'paper';
  if (/\b(venue|conference|journal|published|publication|source)\b/.test(key)) return 'venue';
  if (/\b(year|date|time|month)\b/.test(key)) return 'date';
  return 'other';
}

const TABLE_SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;

function tableCells(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  const body = line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && body[i + 1] === '|') {
      current += '|';
      i++;
    } else if (body[i] === '|') {
      cells.push(current.trim());
      current = '';
    } else current += body[i];
  }
  cells.push(current.trim());
  return cells;
}

function readTableRow(roles: ColumnRole[], line: string): ItemResult {
  const cells = tableCells(line);
  const cellOf = (role: ColumnRole): string => cells[roles.indexOf(role)] ?? '';
  const title = plainText(cellOf('title') || cellOf('paper'));
  const links: EntryLink[] = [];
  cells.forEach((cell, column) => {
    const role = roles[column] ?? 'other';
    const kindOf = (link: InlineLink): LinkKind | undefined => {
      if (role === 'title') return titleLinkKind(link.url);
      const kind = linkKind(link.label, link.url);
      if (kind !== 'other') return kind;
      return role === 'code' ? 'code' : role === 'paper' ? 'paper' : 'other';
    };
    for (const link of httpLinks(extractLinks(cell), kindOf)) {
      if (!links.some((other) => other.url === link.url)) links.push(link);
    }
  });
  const key = titleKey(title);
  if (key === '') return links.length > 0 ? { warning: 'a table row with links but no title' } : undefined;
  const dateText = `${plainText(cellOf('date'))} ${plainText(cellOf('venue'))}`;
  const year = YEAR.exec(dateText)?.[1];
  return {
    item: {
      title,
      titleKey: key,
      authors: plainText(cellOf('authors')),
      venue: plainText(cellOf('venue')),
      year: year ? Number(year) : undefined,
      month: monthFrom(plainText(cellOf('date'))),
      links,
    },
  };
}

// ——— merging items into entries ———

/** Groups items that are one paper (same arXiv id, DOI, or title without conflicting ids) into entries. */
function* mergeItems(items: Item[]): Sliced<CatalogEntry[]> {
  const groups: Array<{ items: Item[]; ids: PaperIds; arxiv?: string; doi?: string }> = [];
  const groupOfKey = new Map<string, number>();
  for (let n = 0; n < items.length; n++) {
    if (n % LINES_PER_STEP === LINES_PER_STEP - 1) yield;
    const item = items[n]!;
    const ids = idsFromUrls(item.links.map((link) => link.url));
    const key = item.titleKey;
    const strong = [ids.arxiv && `arxiv:${ids.arxiv}`, ids.doi && `doi:${ids.doi}`].filter((k): k is string => Boolean(k));
    let index = strong.map((k) => groupOfKey.get(k)).find((found) => found !== undefined);
    if (index === undefined) {
      const sameTitle = groupOfKey.get(`title:${key}`);
      const candidate = sameTitle === undefined ? undefined : groups[sameTitle]!;
      const conflicts = candidate && ((ids.arxiv && candidate.arxiv && ids.arxiv !== candidate.arxiv) || (ids.doi && candidate.doi && ids.doi !== candidate.doi));
      if (candidate && !conflicts) index = sameTitle;
    }
    if (index === undefined) {
      index = groups.length;
      groups.push({ items: [], ids });
    }
    const group = groups[index]!;
    group.items.push(item);
    group.arxiv ??= ids.arxiv;
    group.doi ??= ids.doi;
    for (const k of [...strong, `title:${key}`]) if (!groupOfKey.has(k)) groupOfKey.set(k, index);
  }
  // An entry listed once has the ids its item's links gave; only a merged one needs them anew.
  return groups.map((group) => toEntry(group.items, group.items.length === 1 ? group.ids : undefined));
}

function toEntry(group: Item[], knownIds?: PaperIds): CatalogEntry {
  const first = group[0]!;
  const links: EntryLink[] = [];
  const categories: string[] = [];
  for (const item of group) {
    for (const link of item.links) if (!links.some((other) => other.url === link.url)) links.push(link);
    if (item.category && !categories.includes(item.category)) categories.push(item.category);
  }
  const ids = knownIds ?? idsFromUrls(links.map((link) => link.url));
  const key = first.titleKey;
  const dated = group.find((item) => item.year !== undefined);
  const authors = group.find((item) => item.authors)?.authors ?? '';
  return {
    id: paperId(ids, `title:${key}`),
    title: first.title,
    authors,
    authorList: namesFromByline(authors),
    venue: group.find((item) => item.venue)?.venue ?? '',
    ...(dated?.year !== undefined && { year: dated.year }),
    ...(dated?.month !== undefined && { month: dated.month }),
    categories,
    links,
    ids,
    titleKey: key,
    line: first.line,
  };
}

// ——— the document ———

/** Removes `<!-- … -->` comments, also across lines; `open` says whether a comment is open at the line's start. */
function withoutComments(line: string, open: boolean): { text: string; open: boolean } {
  let text = '';
  let rest = line;
  let inComment = open;
  while (rest !== '') {
    if (inComment) {
      const end = rest.indexOf('-->');
      if (end < 0) return { text, open: true };
      rest = rest.slice(end + 3);
      inComment = false;
    } else {
      const start = rest.indexOf('<!--');
      if (start < 0) return { text: text + rest, open: false };
      text += rest.slice(0, start);
      rest = rest.slice(start + 4);
      inComment = true;
    }
  }
  return { text, open: inComment };
}

/** Parses awesome-list markdown into entries, the list's name, and warnings for lines it could not read. */
export function parseAwesomeList(markdown: string): ParsedList {
  return runAtOnce(parseDocument(markdown));
}

/** parseAwesomeList in slices that hand the thread back (lib/slices.ts): for large lists in the background. */
export function parseAwesomeListInSlices(markdown: string): Promise<ParsedList> {
  return runInSlices(parseDocument(markdown));
}

/** Lines (or items, when merging) handled between two points where the parse may pause. */
const LINES_PER_STEP = 256;

function* parseDocument(markdown: string): Sliced<ParsedList> {
  const warnings: ParseWarning[] = [];
  const items: Item[] = [];
  let name = '';
  let headings: Array<{ level: number; text: string }> = [];
  let inNonPaperSection = false;
  let category: string | undefined;
  let inComment = false;
  let fence: string | undefined;
  let table: ColumnRole[] | undefined;
  let lastEntry: { item: Item; indent: number } | undefined;
  const lines = String(markdown ?? '').split(/\r\n|\r|\n/);

  for (let index = 0; index < lines.length; index++) {
    if (index % LINES_PER_STEP === LINES_PER_STEP - 1) yield;
    const lineNumber = index + 1;
    const uncommented = withoutComments(lines[index]!, inComment);
    inComment = uncommented.open;
    const line = uncommented.text;
    if (line.trim() === '') {
      table = undefined;
      continue;
    }

    if (fence !== undefined) {
      if (line.trim().startsWith(fence)) fence = undefined;
      continue;
    }
    const fenceOpen = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceOpen) {
      fence = fenceOpen[1];
      continue;
    }

    const heading = atxHeading(line) ?? setextHeading(line, lines[index + 1]);
    if (heading) {
      if (heading.underlined) index++;
      const { level } = heading;
      const text = stripLeadingSymbols(plainText(heading.text));
      table = undefined;
      lastEntry = undefined;
      if (level === 1 && name === '') {
        name = text;
        continue;
      }
      headings = [...headings.filter((h) => h.level < level), { level, text }];
      inNonPaperSection = headings.some((h) => isNonPaperHeading(h.text));
      category = headings.map((h) => h.text).join(CATEGORY_SEPARATOR) || undefined;
      continue;
    }

    if (inNonPaperSection) continue;

    let result: ItemResult;
    let indent = 0;
    if (table) {
      if (!line.includes('|')) table = undefined;
      else result = readTableRow(table, line);
    } else if (line.includes('|') && TABLE_SEPARATOR.test(lines[index + 1] ?? '')) {
      table = tableCells(line).map(columnRole);
      index++;
      if (!table.includes('title')) {
        warnings.push({ line: lineNumber, message: 'a table without a title or paper column; its rows are skipped' });
        table = ['other'];
      }
      continue;
    }
    if (!table) {
      const bullet = /^(\s*)(?:[-*+]|\d{1,3}[.)])\s+(.*)$/.exec(line);
      if (!bullet) continue;
      indent = bullet[1]!.replace(/\t/g, '    ').length;
      const content = bullet[2]!;
      if (lastEntry && indent > lastEntry.indent && onlyLinks(content)) {
        // A nested "- [code](url)" under an entry adds to that entry.
        for (const link of httpLinks(extractLinks(content))) {
          if (!lastEntry.item.links.some((other) => other.url === link.url)) lastEntry.item.links.push(link);
        }
        continue;
      }
      result = readListItem(content);
    }

    if (!result) continue;
    if (result.warning) warnings.push({ line: lineNumber, message: result.warning });
    if ('item' in result) {
      const item: Item = { ...result.item, line: lineNumber, ...(category ? { category } : {}) };
      items.push(item);
      lastEntry = { item, indent };
    }
  }

  if (inComment) warnings.push({ line: lines.length, message: 'an HTML comment is never closed; the text after it was skipped' });
  return { name, entries: yield* mergeItems(items), warnings };
}

interface Heading {
  level: number;
  text: string;
  underlined: boolean;
}

function atxHeading(line: string): Heading | undefined {
  const match = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
  return match ? { level: match[1]!.length, text: match[2]!, underlined: false } : undefined;
}

/** "Title" over "=====" (level 1) or "-----" (level 2), when the text line is plain text. */
function setextHeading(line: string, next: string | undefined): Heading | undefined {
  const underline = next === undefined ? null : /^ {0,3}(=+|-+)\s*$/.exec(next);
  if (!underline || /^\s*(?:[-*+>|]|\d{1,3}[.)])\s|^\s{4}|\|/.test(line)) return undefined;
  return { level: underline[1]!.startsWith('=') ? 1 : 2, text: line.trim(), underlined: true };
}

function onlyLinks(content: string): boolean {
  const links = extractLinks(content);
  if (links.length === 0) return false;
  let rest = content;
  for (const link of [...links].reverse()) rest = rest.slice(0, link.start) + rest.slice(link.end);
  return /^[\s[\]|,·•/-]*$/.test(rest);
}
