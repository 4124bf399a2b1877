/**
 * The cheap, DOM-reading half of page recognition: `readPageMeta` copies the few metadata tags
 * Lantern understands out of a document into plain data. Every recognizer then works on that
 * data (pure, testable without a DOM, and runnable where there is no DOMParser).
 */
import { cleanText, cleanUrl, MAX_TITLE } from './text';

export interface MetaTag {
  /** The tag's `name` or `property`, lower-cased: "citation_doi", "dc.identifier", "og:title". */
  name: string;
  content: string;
  /** The `scheme` attribute, lower-cased (Dublin Core: "doi", "uri", …). */
  scheme?: string;
}

/** What a page says about itself, as plain data. */
export interface PageMeta {
  url: string;
  /** The recognized tags in document order. */
  meta: MetaTag[];
  /** Text of the page's main heading (first `h1` inside `main`/`article`, else the first `h1`). */
  heading?: string;
}

/** The tag names any recognizer reads; others are not copied (a page can have thousands). */
export const KNOWN_META_NAMES: ReadonlySet<string> = new Set([
  'citation_doi',
  'dc.identifier',
  'dc.identifier.doi',
  'prism.doi',
  'bepress_citation_doi',
  'citation_arxiv_id',
  'citation_pmid',
  'citation_title',
  'dc.title',
  'og:title',
  'citation_author',
  'citation_journal_title',
  'citation_conference_title',
  'citation_publication_date',
  'citation_date',
  'citation_online_date',
  'dc.date',
]);

/** Bounds on what is read from a hostile page: tags looked at, and length of any one value. */
const MAX_TAGS_SCANNED = 5000;
const MAX_META_VALUE = 4096;
const MAX_HEADING_SCAN = 4 * MAX_TITLE;
const MAX_HEADING_NODES = 2000;

/** Copies the known metadata tags and the main heading of `doc`; never throws on odd pages. */
export function readPageMeta(url: string, doc: Document): PageMeta {
  const meta: MetaTag[] = [];
  const tags = doc.querySelectorAll('meta[name], meta[property]');
  const scanned = Math.min(tags.length, MAX_TAGS_SCANNED);
  for (let i = 0; i < scanned; i++) {
    const tag = tags[i]!;
    const content = tag.getAttribute('content');
    // Absurdly long values are junk, not metadata: dropped before any work is done on them.
    if (content === null || content.length > MAX_META_VALUE) continue;
    const names = new Set([tag.getAttribute('name'), tag.getAttribute('property')]);
    for (const rawName of names) {
      const name = rawName?.trim().toLowerCase();
      if (!name || !KNOWN_META_NAMES.has(name)) continue;
      const scheme = tag.getAttribute('scheme')?.trim().toLowerCase();
      meta.push(scheme ? { name, content, scheme } : { name, content });
    }
  }
  const heading = mainHeading(doc);
  return heading === undefined ? { url: cleanUrl(url), meta } : { url: cleanUrl(url), meta, heading };
}

function mainHeading(doc: Document): string | undefined {
  const h1 = doc.querySelector('main h1, article h1, [role="main"] h1') ?? doc.querySelector('h1');
  return h1 ? visibleText(h1, MAX_HEADING_SCAN) : undefined;
}

const INVISIBLE_ELEMENTS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);

/**
 * The element's text without script/style content, or undefined past `limit` characters or
 * MAX_HEADING_NODES nodes. Iterative, so a hostile page's deeply nested heading cannot overflow the stack.
 */
export function visibleText(root: Element, limit: number): string | undefined {
  let text = '';
  let visited = 0;
  const pending: Node[] = [root];
  while (pending.length > 0) {
    if (++visited > MAX_HEADING_NODES) return undefined;
    const node = pending.pop()!;
    if (node.nodeType === 3) {
      text += node.nodeValue ?? '';
      if (text.length > limit) return undefined;
    } else if (node.nodeType === 1 && !INVISIBLE_ELEMENTS.has((node as Element).tagName.toUpperCase())) {
      // Children pushed last-first so they are read in document order.
      for (let child = node.lastChild; child; child = child.previousSibling) pending.push(child);
    }
  }
  return cleanText(text, MAX_TITLE);
}

/** The contents of every tag named `name`, in document order. */
export function metaValues(page: PageMeta, name: string): string[] {
  return page.meta.filter((tag) => tag.name === name).map((tag) => tag.content);
}

/** Builds a PageMeta from [name, content, scheme?] triples: the short form recognizer examples use. */
export function pageMeta(url: string, tags: ReadonlyArray<readonly [string, string, string?]>, heading?: string): PageMeta {
  const meta = tags.map(([name, content, scheme]): MetaTag => (scheme ? { name, content, scheme } : { name, content }));
  return heading === undefined ? { url, meta } : { url, meta, heading };
}

/** The distinct non-empty results of `read` over the contents of the tags named `names`, in tag order. */
export function distinctValues(page: PageMeta, names: readonly string[], read: (tag: MetaTag) => string | undefined): string[] {
  const values = new Set<string>();
  for (const tag of page.meta) {
    if (!names.includes(tag.name)) continue;
    const value = read(tag);
    if (value) values.add(value);
  }
  return [...values];
}
