/**
 * Awesome-list markdown → catalog entries: the entry rules, read over the syntax tree that
 * ./markdown.ts makes (CommonMark + GFM, and the HTML inside). Reads the seed list's shape
 * (`- [YYYY/MM] **Title** *Authors. Venue.* [[paper](url)] [[code](url)]`) and the other common
 * shapes: `* [**Venue, Year**] **Name**: Title [paper](url)`, `- [Title](url) - description`,
 * `- Title https://…`, markdown and HTML tables of papers; links inline, by reference (`[paper][3]`),
 * as autolinks, bare URLs or HTML anchors. Headings are categories; a paper listed under two
 * headings is one entry with both. Never throws: items that look like papers but cannot be read
 * come back as warnings with line numbers. Linear in the input's length.
 */
import { LinkIdsGathered, linkIds, paperId, type LinkIds } from '../ids';
import { linkKeyOfUrl } from '../ids/link';
import { httpUrlParts } from '../ids/url';
import { namesFromByline } from '../names';
import { titleKey, withoutFinalPeriod } from '../title';
import type { CatalogEntry, EntryLink, LinkKind, PaperIds, ParsedList, ParseWarning } from '../types';
import { runAtOnce, runInSlices, type Sliced } from '../slices';
import { readBlocks, type Block, type Inline } from './markdown';
import { CATEGORY_SEPARATOR } from '../categories';


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
  /** The ids its links name, gathered as each link is kept (links added later add theirs). */
  ids: LinkIdsGathered;
  line: number;
}

/** A link as the entry rules see it; `node` tells the title's own link apart. */
interface InlineLink {
  label: string;
  url: string;
  node: Inline;
}

/**
 * What a list item or table row yields: an entry, a warning, nothing, or (`pending`) a bold title
 * with nothing else, which becomes an entry once nested items give it a paper link.
 */
type ItemResult =
  | { item: Omit<Item, 'category' | 'line'>; warning?: string; pending?: true }
  | { warning: string; skipped: true }
  | undefined;

/**
 * Sections that hold no papers: navigation, news, credits. "Repositories" in awesome lists links
 * other collections, not papers. Matched on the heading's title key.
 */
const NON_PAPER_HEADING =
  /^(?:table of contents?|contents|toc|news|latest news|updates?|whats new|introduction|intro|citing|citations?|cite|how to cite|contributing|contributions?|licen[cs]es?|contact|contact us|star history|repositories|related repositories|related lists|other awesome lists|awesome lists)$|table of content|contributor|maintainer|acknowledg|star history|how to contribute/;

export function isNonPaperHeading(heading: string): boolean {
  return NON_PAPER_HEADING.test(titleKey(heading));
}

/** A table of contents: only its own lines are navigation; the headings after it are the list's sections, not its subsections. */
const CONTENTS_HEADING = /^(?:table of contents?|contents|toc)$/;

// ——— links ———

const LABEL_KINDS: Array<[RegExp, LinkKind]> = [
  [/\b(code|github|gitlab|repo|repository|implementation|source|weights|checkpoints?)\b/i, 'code'],
  [/\b(paper|pdf|arxiv|article|doi|preprint|journal|publication|pubmed|medrxiv|biorxiv)\b/i, 'paper'],
  [/\b(blog|post|medium|news|tweet|twitter|video|youtube|slides|talk)\b/i, 'blog'],
  [/\b(demo|try|playground|app|space)\b/i, 'demo'],
  [/\b(data|dataset|datasets|benchmark|corpus)\b/i, 'data'],
];

/** The kind of a link from what its URL names. */
function kindFromIds(ids: LinkIds): LinkKind | undefined {
  if (ids.arxiv || ids.doi || ids.pmcid || ids.pmid) return 'paper';
  const { repo } = ids;
  if (repo?.startsWith('huggingface.co/datasets/')) return 'data';
  if (repo?.startsWith('huggingface.co/spaces/')) return 'demo';
  if (repo) return 'code';
  return undefined;
}

/** A word that names a link rather than a paper ("Paper", "PDF", "Code", "arXiv link", "Full paper"). */
const LINK_WORD =
  '(?:paper|pdf|arxiv|article|doi|html|abs|abstract|preprint|full|text|code|github|gitlab|repo|repository|project|page|homepage|website|web|site|link|url|here|demo|data|dataset|blog|model|weights|huggingface|hf|openreview|pubmed|pmc|medrxiv|biorxiv|and|arxiv:\\d{4}\\.\\d{4,5}(?:v\\d+)?)';
/**
 * A link text that names the link, not the paper: link words between symbols or emoji ("📄 Paper",
 * "[PDF]", "Paper & Code", "Paper (arXiv)"), or an address. Words and the symbols between them
 * are disjoint classes, and the address is \S* then \s*: linear on any text.
 */
const LINK_NAME = new RegExp(`^[^\\p{L}\\p{N}]*(?:${LINK_WORD}(?:[^\\p{L}\\p{N}]+${LINK_WORD})*[^\\p{L}\\p{N}]*|https?:\\/\\/\\S*\\s*)$`, 'iu');

function linkKind(label: string, ids: LinkIds, fallback: LinkKind = 'other'): LinkKind {
  for (const [pattern, kind] of LABEL_KINDS) if (pattern.test(label)) return kind;
  return kindFromIds(ids) ?? fallback;
}

/** Whether a link, by its text or its address, is a paper's. */
function isPaperLink(link: InlineLink): boolean {
  const url = httpUrlParts(link.url);
  return url !== undefined && linkKind(link.label, linkIds(url)) === 'paper';
}

/** A title used as link text says nothing about the link's kind: it is the paper, or its code page. */
function titleLinkKind(ids: LinkIds): LinkKind {
  return kindFromIds(ids) ?? 'paper';
}

/**
 * Only absolute http(s) links are kept; relative, anchor, javascript: and data: links are dropped.
 * Each kept link's URL is parsed once, here: the ids it names go to `gathered`, in link order, and
 * its link key to `linkKeys` (ParsedList.linkKeys). `kindOf` decides a link's kind when its label
 * is a title rather than "paper", "code"…: a function, or the title's own link node (which has the
 * kind of its URL).
 */
function httpLinks(
  links: InlineLink[],
  gathered: LinkIdsGathered,
  linkKeys: Map<string, string>,
  kindOf?: Inline | ((link: InlineLink, ids: LinkIds) => LinkKind | undefined),
): EntryLink[] {
  const kept: EntryLink[] = [];
  const seen = new Set<string>();
  for (const link of links) {
    if (seen.has(link.url)) continue;
    const url = httpUrlParts(link.url);
    if (!url) continue;
    seen.add(link.url);
    if (!linkKeys.has(link.url)) linkKeys.set(link.url, linkKeyOfUrl(url));
    const ids = linkIds(url);
    gathered.add(ids);
    const kind = typeof kindOf === 'function' ? kindOf(link, ids) : link.node === kindOf ? titleLinkKind(ids) : undefined;
    kept.push({ kind: kind ?? linkKind(link.label, ids), url: link.url, label: link.label });
  }
  return kept;
}

/** The URLs already in each links array, so that adding one more is not a scan of all of them. */
const urlsOfLinks = new WeakMap<EntryLink[], Set<string>>();

/** Adds a link unless one with its URL is there: an entry's links have distinct URLs. */
function addLink(links: EntryLink[], link: EntryLink): void {
  let urls = urlsOfLinks.get(links);
  if (!urls) {
    urls = new Set(links.map((other) => other.url));
    urlsOfLinks.set(links, urls);
  }
  if (urls.has(link.url)) return;
  urls.add(link.url);
  links.push(link);
}

// ——— dates, authors and venues ———

const DATE_TAG = /^\[\s*((?:19|20)\d{2})(?:\s*[/.-]\s*(\d{1,2}))?(?:\s*[/.-]\s*\d{1,2})?\s*\]\s*/;
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
  // A word matches only from its start, so a long word is scanned once, not once per letter.
  const boundaries = [...body.matchAll(/(?:(?<!\p{L})\p{L}{2,}|\p{Lo}|\})\.\s+/gu)];
  const last = boundaries.at(-1);
  if (!last || last.index === undefined) return { authors: withSuffixPeriod(body, clean), venue: '' };
  const cut = last.index + last[0].trimEnd().length;
  return { authors: withSuffixPeriod(body.slice(0, cut - 1).trim(), clean), venue: trimPunctuation(body.slice(cut)) };
}

/** "Rivera Jr" cut from "Rivera Jr. Nature." gets its period back: it belongs to the suffix. */
function withSuffixPeriod(authors: string, source: string): string {
  return /\b(?:Jr|Sr|Jnr|Snr)$/.test(authors) && source.includes(`${authors}.`) ? `${authors}.` : authors;
}

const PUNCTUATION = new Set([' ', '\t', '\n', '.', ',', ';', ':']);

/** Trims spaces and ".,;:" at both ends; a loop, as a trailing-run regex rescans the run from every start. */
function trimPunctuation(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (PUNCTUATION.has(text[start]!) || /\s/.test(text[start]!))) start++;
  while (end > start && (PUNCTUATION.has(text[end - 1]!) || /\s/.test(text[end - 1]!))) end--;
  return text.slice(start, end);
}

// ——— inline content ———

/** Any character a title's clean-up would change: whitespace other than single spaces inside. */
const UNEVEN_SPACE = /\s\s|[^\S ]|^\s|\s$/;

/** What a reader sees of inline content: link labels, emphasis without markers, one space between words. */
export function plainOf(nodes: readonly Inline[]): string {
  const only = nodes.length === 1 ? nodes[0]! : undefined;
  const text = only?.kind === 'text' ? only.text : appendText(nodes, '');
  return UNEVEN_SPACE.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}

function appendText(nodes: readonly Inline[], text: string): string {
  for (const node of nodes) {
    if (node.kind === 'text' || node.kind === 'code') text += node.text;
    else if (node.kind === 'break') text += ' ';
    else text = appendText(node.children, text);
  }
  return text;
}

/** Every link in the content, outermost only, in document order. */
function linksOf(nodes: readonly Inline[], out: InlineLink[] = []): InlineLink[] {
  for (const node of nodes) {
    if (node.kind === 'link') out.push({ label: plainOf(node.children), url: node.url, node });
    else if (node.kind === 'strong' || node.kind === 'em') linksOf(node.children, out);
  }
  return out;
}

/** Markdown link syntax left as text ("[paper](https://…" without its ")"): links that could not be read. */
function brokenLinkCount(nodes: readonly Inline[]): number {
  let count = 0;
  for (const node of nodes) {
    if (node.kind === 'text') for (let at = node.text.indexOf(']('); at >= 0; at = node.text.indexOf('](', at + 2)) count++;
    else if (node.kind === 'strong' || node.kind === 'em' || node.kind === 'link') count += brokenLinkCount(node.children);
  }
  return count;
}

/**
 * Reads an item's top-level content from the start: text is consumed a prefix at a time, other
 * nodes whole. Every step moves forward, so reading an item is linear in its length.
 */
class Reader {
  private index = 0;
  private offset = 0;

  constructor(private readonly nodes: readonly Inline[]) {}

  /** The current node; a text node only from the current offset. */
  peek(ahead = 0): Inline | undefined {
    const node = this.nodes[this.index + ahead];
    if (ahead === 0 && node?.kind === 'text' && this.offset > 0) return { kind: 'text', text: node.text.slice(this.offset) };
    return node;
  }

  /** The current node's text when it is a text node, else "". */
  text(): string {
    const node = this.peek();
    return node?.kind === 'text' ? node.text : '';
  }

  /** Consumes `length` characters of the current text node (the whole node when it is used up). */
  take(length: number): void {
    const node = this.nodes[this.index];
    if (node?.kind !== 'text') return;
    this.offset += length;
    if (this.offset >= node.text.length) this.next();
  }

  next(): void {
    this.index++;
    this.offset = 0;
  }

  skipSpace(): void {
    for (;;) {
      const node = this.peek();
      if (node?.kind === 'break') this.next();
      else if (node?.kind === 'text') {
        const space = node.text.length - node.text.trimStart().length;
        if (space === 0) return;
        this.take(space);
      } else return;
    }
  }
}

const LEADING_SYMBOLS = /^[\p{Extended_Pictographic}\u{FE0F}\u{200D}\u{20E3}\s]+/u;

/** Leading emoji, variation selectors and joiners, as in "🔔 News". */
export function stripLeadingSymbols(text: string): string {
  return text.replace(LEADING_SYMBOLS, '').trim();
}

/** The text up to the first "[", "*" or "_" (markup the parser could not read), trimmed at the end. */
function textUpToMarkup(text: string): string {
  const end = text.search(/[[*_]/);
  return (end < 0 ? text : text.slice(0, end)).trimEnd();
}

const BOLD_MARKER = /^(?:\*\*|__)/;

/** A date or venue tag at the start of plain text ("[2023/05] …", "[2018 ICLR] …"), and the text after it. */
function readTextTag(text: string): { rest: string; year?: number; month?: number; venue: string } {
  const close = text.startsWith('[') ? text.indexOf(']') : -1;
  const inner = close > 0 ? text.slice(1, close) : '';
  if (inner === '' || inner.includes('[') || !YEAR.test(inner)) return { rest: text, venue: '' };
  const rest = text.slice(close + 1).trim();
  const date = DATE_TAG.exec(text);
  if (date) {
    const month = Number(date[2]);
    return { rest, year: Number(date[1]), ...(month >= 1 && month <= 12 && { month }), venue: '' };
  }
  return { rest, year: Number(YEAR.exec(inner)![1]), month: monthFrom(inner), venue: trimPunctuation(inner.replace(/\b(?:19|20)\d{2}(?:\s*[/.-]\s*\d{1,2})?\b/, '')) };
}

/**
 * "[**CVPR, 2024**] ", "[NeurIPS 2023] ", "[arXiv 2023/05] ": a bracket that is not a link and names
 * a year. Returns the tag's text, consuming it, or undefined (consuming nothing).
 */
function readVenueTag(reader: Reader): string | undefined {
  const text = reader.text();
  if (!text.startsWith('[')) return undefined;
  let inner: string;
  let after: string;
  let consume: () => void;
  const close = text.indexOf(']');
  if (close > 0) {
    inner = text.slice(1, close);
    after = text.slice(close + 1);
    consume = () => reader.take(close + 1);
  } else {
    // "[" then bold or italic then "]": the markdown parser made the tag's text a node of its own.
    const marked = reader.peek(1);
    const closer = reader.peek(2);
    if (text.trim() !== '[' || (marked?.kind !== 'strong' && marked?.kind !== 'em') || closer?.kind !== 'text') return undefined;
    const closeAt = closer.text.indexOf(']');
    if (closeAt < 0 || closer.text.slice(0, closeAt).trim() !== '') return undefined;
    inner = plainOf(marked.children);
    after = closer.text.slice(closeAt + 1);
    consume = () => {
      reader.next();
      reader.next();
      reader.take(closeAt + 1);
    };
  }
  if (inner.includes('[') || after.startsWith('(') || !YEAR.test(inner)) return undefined;
  consume();
  return inner.replace(/^\s*(?:\*\*|__)|(?:\*\*|__)\s*$/g, '').trim();
}

/**
 * "**BiomedGPT** A generalist vision–language model…": a short bold name followed, without a colon,
 * by a title of a few words. The entry's title is then "Name: title", as "**Name**: title" gives,
 * so both the model's name and the paper's title find it. A dash or comma after the name starts a
 * description or a byline instead, and a long bold text is a title of its own.
 */
function isNameBeforeTitle(name: string, following: string): boolean {
  if (name.length > 40 || name.split(' ').length > 3 || name.includes(':')) return false;
  if (!/^\s+[\p{L}\p{N}]/u.test(following)) return false;
  return following.trim().split(/\s+/).length >= 3;
}

/** Reads one list item's content. */
function readListItem(content: readonly Inline[], linkKeys: Map<string, string>): ItemResult {
  const reader = new Reader(content);
  const leading = LEADING_SYMBOLS.exec(reader.text());
  if (leading) reader.take(leading[0].length);
  reader.skipSpace();
  let year: number | undefined;
  let month: number | undefined;
  let venue = '';
  const warnings: string[] = [];

  const date = DATE_TAG.exec(reader.text());
  const venueTag = date ? undefined : readVenueTag(reader);
  if (date) {
    year = Number(date[1]);
    if (date[2] !== undefined) {
      const written = Number(date[2]);
      if (written >= 1 && written <= 12) month = written;
      else warnings.push(`"${date[2]}" is not a month; the entry is kept without one`);
    }
    reader.take(date[0].length);
  } else if (venueTag !== undefined) {
    const tag = venueTag.replace(/\s+/g, ' ');
    year = Number(YEAR.exec(tag)![1]);
    month = monthFrom(tag);
    venue = trimPunctuation(tag.replace(/\b(?:19|20)\d{2}(?:\s*[/.-]\s*\d{1,2})?\b/, ''));
  }
  const tagged = Boolean(date) || venueTag !== undefined;
  reader.skipSpace();

  let title = '';
  let titleLink: Inline | undefined;
  const first = reader.peek();
  const bold = first?.kind === 'strong';
  const unclosedBold = first?.kind === 'text' && BOLD_MARKER.test(first.text);
  if (first?.kind === 'strong') {
    title = plainOf(first.children);
    reader.next();
    const following = reader.text();
    const colon = /^\s*:\s*/.exec(following);
    // "**Name**: Title [paper](url)": the name and its subtitle make the title.
    const subtitle = colon ? textUpToMarkup(following.slice(colon[0].length)) : '';
    if (colon && subtitle !== '') {
      title = `${title}: ${subtitle}`;
      reader.take(colon[0].length + subtitle.length);
    } else if (!colon) {
      const description = textUpToMarkup(following);
      if (isNameBeforeTitle(title, description)) {
        title = `${title}: ${description.trim()}`;
        reader.take(description.length);
      }
    }
  } else if (first?.kind === 'text' && unclosedBold) {
    title = textUpToMarkup(first.text.slice(2));
    reader.take(first.text.length);
    warnings.push("the title's bold markers are not closed; read the title up to the next mark");
  } else if (first?.kind === 'link') {
    const label = plainOf(first.children);
    // "- [Paper](url)": the link's name is no title; the link stays one of the item's links.
    if (!LINK_NAME.test(label)) {
      titleLink = first;
      title = label;
      reader.next();
    }
  } else if (first?.kind === 'text') {
    title = textUpToMarkup(first.text);
    if (!tagged) title = title.replace(/[\s.,:;(\-–—]+$/u, '');
    reader.take(title.length);
  }

  // "**Title** (2015), A. Author et al. [[pdf]](url)": a year in parentheses right after the title.
  const yearAfter = /^\s*\(((?:19|20)\d{2})\)/.exec(reader.text());
  if (yearAfter && year === undefined && bold) {
    year = Number(yearAfter[1]);
    reader.take(yearAfter[0].length);
  }
  let authors = '';
  const between = reader.text();
  if (between !== '' && /^[.:,]?$/.test(between.trim())) reader.next();
  const italic = reader.peek();
  if (italic?.kind === 'em') {
    const split = splitAuthorsVenue(plainOf(italic.children));
    authors = split.authors;
    venue ||= split.venue;
  }
  if (year === undefined && venue) {
    const inVenue = YEAR.exec(venue);
    if (inVenue) year = Number(inVenue[1]);
  }

  const ids = new LinkIdsGathered();
  const entryLinks = httpLinks(linksOf(content), ids, linkKeys, titleLink);
  const cleanTitle = UNEVEN_SPACE.test(title) ? title.replace(/\s+/g, ' ').trim() : title;
  const broken = brokenLinkCount(content);
  if (broken > 0) warnings.push(`${broken === 1 ? 'a link' : `${broken} links`} could not be read (unclosed bracket or parenthesis)`);

  const key = titleKey(cleanTitle);
  const marked = tagged || bold || unclosedBold;
  if (key === '') {
    if (marked) return { warning: 'no title could be read from this entry', skipped: true };
    return withoutTitle(entryLinks, ids);
  }
  // A plain "[Title](#anchor)" or "[Title](relative.md)" is navigation, not a paper.
  if (titleLink && !tagged && entryLinks.length === 0) return undefined;
  // Plain text with links is a paper only when it reads like a title, not a word or two of navigation.
  if (!marked && !titleLink && (entryLinks.length === 0 || cleanTitle.split(' ').length < 3)) return withoutTitle(entryLinks, ids);
  const item = { title: cleanTitle, titleKey: key, authors, venue, year, month, links: entryLinks, ids };
  // Without a link or a date, only the list shape "**Title** *Authors.*" makes bold prose a paper,
  // or nested items with its links ("- [Paper](url)" under "- **Title**").
  if (!tagged && entryLinks.length === 0) {
    const words = wordCount(cleanTitle);
    if (authors === '' || words < 2) return bold && words >= 2 ? { item, pending: true } : undefined;
  }
  return { item, warning: warnings.join('; ') || undefined };
}

/** How many lines of a list gave no entry though they looked like papers: what "M lines skipped" counts. */
export function skippedLines(warnings: readonly ParseWarning[]): number {
  let skipped = 0;
  for (const warning of warnings) skipped += warning.skipped ?? 0;
  return skipped;
}

/** An item that gave no entry: said when it has a paper link (by its text, or an address naming a paper), for then it looked like a paper. */
function withoutTitle(links: readonly EntryLink[], ids: LinkIdsGathered): ItemResult {
  const { arxiv, doi, pmid, pmcid } = ids.ids();
  const paper = links.some((link) => link.kind === 'paper') || Boolean(arxiv || doi || pmid || pmcid);
  return paper ? { warning: 'a paper link without a title', skipped: true } : undefined;
}

/**
 * An item of links whose texts name them rather than a paper ("- [Paper](url) [Code](url)",
 * "- [Nature 2023](url)"), which a bold title above it takes; "- [A Title of Its Own](url)" is a paper.
 */
function onlyLinkNames(content: readonly Inline[]): boolean {
  return onlyLinks(content) && content.every((node) => node.kind !== 'link' || !readsAsTitle(plainOf(node.children)));
}

/** A link text that reads as a paper's title: three words or more, none of them a link's name. */
function readsAsTitle(label: string): boolean {
  return !LINK_NAME.test(label) && wordCount(label) >= 3;
}

/** Words of two letters or more: what tells a title from a word or two of navigation. */
function wordCount(text: string): number {
  return text.match(/\p{L}{2,}/gu)?.length ?? 0;
}

/** An item of links only ("- [[code](url)]"), which adds to the entry it is nested under. */
function onlyLinks(content: readonly Inline[]): boolean {
  let links = 0;
  for (const node of content) {
    if (node.kind === 'link') links++;
    else if (node.kind === 'text' ? !/^[\s[\]|,·•/-]*$/.test(node.text) : node.kind !== 'break') return false;
  }
  return links > 0;
}

// ——— tables ———

/** `name`: a model's or method's name, which a title column may complete ("HuatuoGPT" + its paper's title). */
type ColumnRole = 'title' | 'name' | 'paper' | 'code' | 'venue' | 'date' | 'authors' | 'other';

function columnRole(header: string): ColumnRole {
  const key = titleKey(header);
  if (/\b(code|github|repo|repository|implementation)\b/.test(key)) return 'code';
  if (/\bauthors?\b/.test(key)) return 'authors';
  if (/\b(name|model|method)\b/.test(key)) return 'name';
  if (/\b(title|work)\b/.test(key) || key === 'paper') return 'title';
  if (/\b(link|url|pdf|arxiv|paper)\b/.test(key)) return 'paper';
  if (/\b(venue|conference|journal|published|publication|source)\b/.test(key)) return 'venue';
  if (/\b(year|date|time|month)\b/.test(key)) return 'date';
  return 'other';
}

function readTableRow(roles: ColumnRole[], cells: Inline[][], linkKeys: Map<string, string>): ItemResult {
  const cellOf = (role: ColumnRole): Inline[] => cells[roles.indexOf(role)] ?? [];
  const titleCell = cellOf('title');
  // "[2018 ICLR] Mixup: …" in the title cell: the tag says the year and venue, as in a list item.
  const tagged = readTextTag(plainOf(titleCell.length > 0 ? titleCell : cellOf('paper')));
  const name = plainOf(cellOf('name'));
  let title = tagged.rest;
  if (roles.includes('name')) {
    // A title column of a word or two holds a link's label ("arXiv"), not a title: the name is the title.
    if (title.split(' ').length < 3) title = name;
    else if (name !== '' && !titleKey(title).startsWith(titleKey(name))) title = `${name}: ${title}`;
  }
  const links: EntryLink[] = [];
  const ids = new LinkIdsGathered();
  cells.forEach((cell, column) => {
    const role = roles[column] ?? 'other';
    const kindOf = (link: InlineLink, linkIds: LinkIds): LinkKind | undefined => {
      if (role === 'title' || role === 'name') return titleLinkKind(linkIds);
      const kind = linkKind(link.label, linkIds);
      if (kind !== 'other') return kind;
      return role === 'code' ? 'code' : role === 'paper' ? 'paper' : 'other';
    };
    for (const link of httpLinks(linksOf(cell), ids, linkKeys, kindOf)) addLink(links, link);
  });
  const key = titleKey(title);
  if (key === '') return links.length > 0 ? { warning: 'a table row with links but no title', skipped: true } : undefined;
  const dateText = `${plainOf(cellOf('date'))} ${plainOf(cellOf('venue'))}`;
  const year = YEAR.exec(dateText)?.[1];
  return {
    item: {
      title,
      titleKey: key,
      authors: plainOf(cellOf('authors')),
      venue: plainOf(cellOf('venue')) || tagged.venue,
      year: year ? Number(year) : tagged.year,
      month: monthFrom(plainOf(cellOf('date'))) ?? tagged.month,
      links,
      ids,
    },
  };
}

// ——— merging items into entries ———

/**
 * Groups items that are one paper (same arXiv id, DOI, or title without conflicting ids) into
 * entries. Only differing arXiv ids or DOIs keep two items of one title apart: an entry's id is
 * made of those or of its title (paperId), so items apart by PMID alone would be two entries of one id.
 */
function* mergeItems(items: Item[]): Sliced<CatalogEntry[]> {
  const groups: Array<{ items: Item[]; ids: PaperIds; arxiv?: string; doi?: string }> = [];
  // One map per kind of key, keyed by the bare id or title key: no prefixed string to build and hash per item.
  const groupOfArxiv = new Map<string, number>();
  const groupOfDoi = new Map<string, number>();
  const groupOfTitle = new Map<string, number>();
  const claim = (groupOf: Map<string, number>, key: string, index: number) => {
    if (!groupOf.has(key)) groupOf.set(key, index);
  };
  for (let n = 0; n < items.length; n++) {
    if (n % ITEMS_PER_STEP === ITEMS_PER_STEP - 1) yield;
    const item = items[n]!;
    const ids = item.ids.ids();
    let index = (ids.arxiv ? groupOfArxiv.get(ids.arxiv) : undefined) ?? (ids.doi ? groupOfDoi.get(ids.doi) : undefined);
    if (index === undefined) {
      const sameTitle = groupOfTitle.get(item.titleKey);
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
    if (ids.arxiv) claim(groupOfArxiv, ids.arxiv, index);
    if (ids.doi) claim(groupOfDoi, ids.doi, index);
    claim(groupOfTitle, item.titleKey, index);
  }
  // An entry listed once has the ids its item's links gave; only a merged one needs them anew.
  return groups.map((group) => toEntry(group.items, group.items.length === 1 ? group.ids : undefined));
}

function toEntry(group: Item[], knownIds?: PaperIds): CatalogEntry {
  const first = group[0]!;
  let links: EntryLink[] = [];
  let categories: string[] = [];
  if (group.length === 1) {
    // An item's own links already have distinct URLs.
    links = first.links.slice();
    categories = first.category ? [first.category] : [];
  } else {
    for (const item of group) {
      for (const link of item.links) addLink(links, link);
      if (item.category && !categories.includes(item.category)) categories.push(item.category);
    }
  }
  const ids = knownIds ?? gatheredIds(group);
  const key = first.titleKey;
  const dated = group.find((item) => item.year !== undefined);
  const authors = group.find((item) => item.authors)?.authors ?? '';
  // Fields assigned in a fixed order (snapshots serialize the same way every time); optional
  // ones one by one, as spreading conditional objects costs a copy each.
  const entry: Partial<CatalogEntry> = {
    id: paperId(ids, `title:${key}`),
    title: withoutFinalPeriod(first.title),
    authors,
    authorList: namesFromByline(authors),
    venue: group.find((item) => item.venue)?.venue ?? '',
  };
  if (dated?.year !== undefined) entry.year = dated.year;
  if (dated?.month !== undefined) entry.month = dated.month;
  entry.categories = categories;
  entry.links = links;
  entry.ids = ids;
  entry.titleKey = key;
  entry.line = first.line;
  return entry as CatalogEntry;
}

/** The ids of a group's links in order, as if gathered from its entry's links (its items' links, each URL once). */
function gatheredIds(group: Item[]): PaperIds {
  const gathered = new LinkIdsGathered();
  for (const item of group) gathered.addAll(item.ids);
  return gathered.ids();
}

// ——— the document ———

/** Parses awesome-list markdown into entries, the list's name, and warnings for lines it could not read. */
export function parseAwesomeList(markdown: string): ParsedList {
  return runAtOnce(parseDocument(markdown));
}

/** parseAwesomeList in slices that hand the thread back (lib/slices.ts): for large lists in the background. */
export function parseAwesomeListInSlices(markdown: string): Promise<ParsedList> {
  return runInSlices(parseDocument(markdown));
}

/** Items merged between two points where the parse may pause. */
const ITEMS_PER_STEP = 256;

function* parseDocument(markdown: string): Sliced<ParsedList> {
  const warnings: ParseWarning[] = [];
  const items: Item[] = [];
  const linkKeys = new Map<string, string>();
  let name = '';
  let headings: Array<{ level: number; text: string }> = [];
  let inNonPaperSection = false;
  let category: string | undefined;
  /** The entry each open list item made (by depth), so a nested "- [code](url)" adds to its parent. */
  let entryAtDepth: Array<Item | undefined> = [];
  /** Bold titles with nothing else yet: entries once a nested item gives them a paper link. */
  const pending = new WeakSet<Item>();

  const record = (result: ItemResult, line: number): Item | undefined => {
    if (!result) return undefined;
    if ('skipped' in result) warnings.push({ line, message: result.warning, skipped: 1 });
    else if (result.warning) warnings.push({ line, message: result.warning });
    if (!('item' in result)) return undefined;
    const item: Item = Object.assign(result.item, { line }, category ? { category } : {});
    if (result.pending) pending.add(item);
    else items.push(item);
    return item;
  };

  const onBlock = (block: Block): void => {
    if (block.kind === 'warning') {
      warnings.push({ line: block.line, message: block.message, ...(block.skipped && { skipped: block.skipped }) });
      return;
    }
    if (block.kind === 'heading') {
      const text = stripLeadingSymbols(plainOf(block.content));
      entryAtDepth = [];
      if (block.level === 1 && name === '') {
        name = text;
        return;
      }
      headings = headings.filter((h) => h.level < block.level);
      if (CONTENTS_HEADING.test(titleKey(text))) {
        inNonPaperSection = true;
        return;
      }
      headings.push({ level: block.level, text });
      inNonPaperSection = headings.some((h) => isNonPaperHeading(h.text));
      category = headings.map((h) => h.text).join(CATEGORY_SEPARATOR) || undefined;
      return;
    }
    if (inNonPaperSection) return;
    if (block.kind === 'item') {
      entryAtDepth.length = block.depth;
      const parent = entryAtDepth.findLast((entry) => entry !== undefined);
      // A bold title waiting for links takes only links named for what they are: "- [Title](url)" under it is a paper of its own.
      if (parent && block.depth > 0 && (pending.has(parent) ? onlyLinkNames(block.content) : onlyLinks(block.content))) {
        for (const link of httpLinks(linksOf(block.content), parent.ids, linkKeys)) addLink(parent.links, link);
        if (pending.has(parent) && parent.links.some((link) => link.kind === 'paper')) {
          pending.delete(parent);
          items.push(parent);
        }
        entryAtDepth[block.depth] = undefined;
        return;
      }
      entryAtDepth[block.depth] = record(readListItem(block.content, linkKeys), block.line);
      return;
    }
    const roles = block.header.map((cell) => columnRole(plainOf(cell)));
    if (!roles.includes('title') && !roles.includes('name')) {
      // Layout tables (logos, badges) carry no papers; one with links may have held some.
      if (block.rows.some((row) => row.cells.some((cell) => linksOf(cell).length > 0))) {
        // Rows with a paper link are skipped papers; badges and avatars are not.
        const withPapers = block.rows.filter((row) => row.cells.some((cell) => linksOf(cell).some(isPaperLink))).length;
        warnings.push({ line: block.line, message: 'a table without a title or paper column; its rows are skipped', ...(withPapers > 0 && { skipped: withPapers }) });
      }
      return;
    }
    for (const row of block.rows) record(readTableRow(roles, row.cells, linkKeys), row.line);
  };

  yield* readBlocks(String(markdown ?? ''), onBlock);
  warnings.sort((a, b) => a.line - b.line);
  return { name, entries: yield* mergeItems(items), warnings, linkKeys };
}
