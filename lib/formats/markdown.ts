/**
 * Markdown writer in the seed list's awesome-list style, so a reading list can be published as
 * a list and read back by Lantern's own list parser (lib/catalog/parse.ts):
 *
 *   # Title
 *   ## Category
 *   ### Subcategory
 *   - [YYYY/MM] **Title** *Authors. Venue.* [[paper](url)] [[code](url)]
 *
 * Items go under the heading path of each of their categories (a paper in two categories is
 * listed twice, as the seed list does, and the parser merges it back); items without one come
 * before the first heading. Text is backslash-escaped where markdown would read it as markup.
 */
import { isNonPaperHeading } from '../catalog/parse';
import { CATEGORY_SEPARATOR } from '../categories';
import { parseHttpUrl } from '../ids';
import { unambiguousDisplayName } from '../names';
import type { EntryLink, SavedItem } from '../types';
import { cleanVenue, paperUrl } from './paperKind';

export interface MarkdownOptions {
  /** The list's name, written as its `#` heading. */
  title: string;
}

/** Heading levels 2…6 hold categories; deeper paths are joined into the last level's text. */
const DEEPEST_HEADING = 6;

function escapeMarkdown(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/[\\`*_[\]<>]/g, '\\$&');
}

/** Inside `*…*` an asterisk would end the emphasis whatever escapes it, so it is left out (it marks co-first authors). */
function escapeItalic(text: string): string {
  return escapeMarkdown(text.replace(/\*/g, ''));
}

/** Link targets: whitespace and angle brackets encoded; parentheses too when unbalanced, as they would end the link. */
function linkTarget(url: string): string {
  const encoded = url.trim().replace(/[\s<>]/g, (char) => encodeURIComponent(char));
  let depth = 0;
  for (const char of encoded) {
    if (char === '(') depth += 1;
    else if (char === ')' && --depth < 0) break;
  }
  return depth === 0 ? encoded : encoded.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

function itemLinks(item: SavedItem): EntryLink[] {
  const links = item.paper.links.filter((link) => parseHttpUrl(link.url));
  const main = paperUrl(item.paper);
  if (main && !links.some((link) => link.url === main)) links.unshift({ kind: 'paper', url: main, label: 'paper' });
  return links;
}

function itemLine(item: SavedItem): string {
  const { paper } = item;
  const parts = ['-'];
  if (paper.year !== undefined) {
    parts.push(paper.month === undefined ? `[${paper.year}]` : `[${paper.year}/${String(paper.month).padStart(2, '0')}]`);
  }
  parts.push(`**${escapeMarkdown(paper.title)}**`);
  // The parser splits "Authors. Venue." at the last ". "; without authors a venue alone would be read as authors.
  const byline = paper.authorList.names.map(unambiguousDisplayName).join(', ');
  const authors = escapeItalic(paper.authorList.etAl ? `${byline} et al` : byline).replace(/\.$/, '');
  const venue = escapeItalic(cleanVenue(paper.venue));
  if (authors !== '') {
    // `authors` has no final period (taken off above): one closes the byline, "et al." included.
    parts.push(venue === '' ? `*${authors}.*` : `*${authors}. ${venue}.*`);
  }
  const links = itemLinks(item).map((link) => `[[${escapeMarkdown(link.label || link.kind)}](${linkTarget(link.url)})]`);
  if (links.length > 0) parts.push(links.join(' '));
  return parts.join(' ');
}

/** The category as heading texts; categories the parser treats as navigation ("News", "Contributors") count as none. */
function headingPath(category: string): string[] {
  const path = category.split(CATEGORY_SEPARATOR).map((part) => part.replace(/\s+/g, ' ').trim()).filter((part) => part !== '');
  if (path.some(isNonPaperHeading)) return [];
  const maxDepth = DEEPEST_HEADING - 1;
  return path.length <= maxDepth ? path : [...path.slice(0, maxDepth - 1), path.slice(maxDepth - 1).join(CATEGORY_SEPARATOR)];
}

interface HeadingNode {
  name: string;
  items: SavedItem[];
  children: Map<string, HeadingNode>;
}

function newNode(name: string): HeadingNode {
  return { name, items: [], children: new Map() };
}

function headingText(name: string): string {
  // A heading's text is read as markdown too; a leading "#" or number-dot would change its meaning.
  return escapeMarkdown(name).replace(/^(#|\d+\.)/, '\\$1');
}

function writeNode(node: HeadingNode, depth: number, lines: string[]): void {
  for (const item of node.items) lines.push(itemLine(item));
  for (const child of node.children.values()) {
    lines.push('', `${'#'.repeat(depth + 2)} ${headingText(child.name)}`, '');
    writeNode(child, depth + 1, lines);
  }
}

/** The items as awesome-list markdown, grouped under category headings in order of first appearance. */
export function toMarkdown(items: readonly SavedItem[], options: MarkdownOptions): string {
  const root = newNode('');
  for (const item of items) {
    const paths = item.paper.categories.map(headingPath).filter((path) => path.length > 0);
    const uniquePaths = [...new Map(paths.map((path) => [path.join(CATEGORY_SEPARATOR), path])).values()];
    if (uniquePaths.length === 0) root.items.push(item);
    for (const path of uniquePaths) {
      let node = root;
      for (const name of path) {
        let child = node.children.get(name);
        if (!child) {
          child = newNode(name);
          node.children.set(name, child);
        }
        node = child;
      }
      node.items.push(item);
    }
  }
  const lines = [`# ${headingText(options.title.trim() || 'Reading list')}`, ''];
  writeNode(root, 0, lines);
  return lines.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}
