/**
 * The syntax layer of the list parser: markdown → the blocks the entry rules read (headings, list
 * items, table rows), each with its inline content as a small tree (text, bold, italic, links).
 *
 * Markdown is read by markdown-it (CommonMark + GFM tables); HTML inside it (anchors, `<h1>`
 * headings, whole `<table>`s, `<b>`/`<i>`) by htmlparser2's tokenizer, because the MV3 service
 * worker that parses lists has no DOMParser. Both read in time linear in their input. Never throws.
 */
import { LinkifyIt } from 'linkify-it';
import MarkdownIt, { type Token } from 'markdown-it';
import { Parser as HtmlParser } from 'htmlparser2';
import type { Sliced } from '../slices';

/** Inline content: what a reader sees, with the markup the entry rules look at kept as structure. */
export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'break' }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] }
  /** `bare`: a URL written as plain text (or `<https://…>`), so its label is the URL itself. */
  | { kind: 'link'; url: string; children: Inline[]; bare?: boolean };

export type Block =
  /** `level` 1–6, from `#`, an underline, or an HTML `<hN>`. */
  | { kind: 'heading'; level: number; content: Inline[]; line: number }
  /**
   * One list item's own text (its paragraphs, not its sub-lists). `depth` 0 for a top-level item;
   * items come in document order, so an item's parent comes before it.
   */
  | { kind: 'item'; content: Inline[]; line: number; depth: number }
  /** A markdown or HTML table: the first row's cells, then each further row with its line. */
  | { kind: 'table'; header: Inline[][]; rows: Array<{ cells: Inline[][]; line: number }>; line: number }
  | { kind: 'warning'; message: string; line: number; skipped?: number };

// ——— markdown-it, set up for lists ———

const markdownIt = new MarkdownIt('default', { html: true, linkify: false });
// Every link is kept as written (entities and escapes decoded): the entry rules keep only http(s)
// links themselves, and a `javascript:` link must not turn back into text that looks unclosed.
markdownIt.validateLink = () => true;
markdownIt.normalizeLink = (url) => url;
markdownIt.normalizeLinkText = (text) => text;

const linkify = new LinkifyIt();

/** markdown-it's parse environment: where reference definitions (`[3]: https://…`) are collected. */
type Env = Record<string, unknown>;

// ——— inline content ———

/** A frame of inline content being built: the root, or an open bold, italic or link. */
interface Frame {
  node: Inline & { children: Inline[] };
  /** What closes it: a markdown token type or an HTML tag name. */
  closer: string;
}

/** Builds inline content from open/close events (markdown tokens and HTML tags alike); stray closers are ignored. */
class InlineBuilder {
  /** A container for the content; its kind is never read. */
  private readonly root: Inline & { children: Inline[] } = { kind: 'strong', children: [] };
  private readonly frames: Frame[] = [{ node: this.root, closer: '' }];

  get content(): Inline[] {
    return this.root.children;
  }

  text(text: string): void {
    if (text === '') return;
    const children = this.frames.at(-1)!.node.children;
    const last = children.at(-1);
    if (last?.kind === 'text') last.text += text;
    else children.push({ kind: 'text', text });
  }

  leaf(node: Inline): void {
    this.frames.at(-1)!.node.children.push(node);
  }

  open(node: Inline & { children: Inline[] }, closer: string): void {
    this.leaf(node);
    this.frames.push({ node, closer });
  }

  /** Closes the innermost frame `closer` opened, and any still open inside it; a stray closer is ignored. */
  close(closer: string): void {
    for (let i = this.frames.length - 1; i > 0; i--) {
      if (this.frames[i]!.closer === closer) {
        this.frames.length = i;
        return;
      }
    }
  }

  /** Starts a new line of content (a second paragraph of an item, a `<br>`). */
  lineBreak(): void {
    const children = this.frames.at(-1)!.node.children;
    if (children.length > 0 && children.at(-1)!.kind !== 'break') children.push({ kind: 'break' });
  }
}

/** What one inline HTML tag does to inline content. */
function applyHtmlTag(builder: InlineBuilder, tag: { name: string; attribs?: Record<string, string>; closing: boolean }): void {
  const { name } = tag;
  if (name === 'br' || name === 'p' || name === 'div') {
    builder.lineBreak();
    return;
  }
  const closer = `html:${name === 'b' ? 'strong' : name === 'i' ? 'em' : name}`;
  if (tag.closing) {
    builder.close(closer);
    return;
  }
  if (name === 'a') builder.open({ kind: 'link', url: (tag.attribs?.href ?? '').trim(), children: [] }, closer);
  else if (name === 'b' || name === 'strong') builder.open({ kind: 'strong', children: [] }, closer);
  else if (name === 'i' || name === 'em') builder.open({ kind: 'em', children: [] }, closer);
}

const CLOSING_TAG = /^<\/([a-zA-Z][a-zA-Z0-9-]*)\s*>$/;

/**
 * The one tag of an inline HTML token: an opening tag read by htmlparser2 (attributes, entities),
 * a closing tag by its name (htmlparser2 drops a closing tag it saw no opening for); comments are nothing.
 */
function readInlineTag(html: string): { name: string; attribs: Record<string, string>; closing: boolean } | undefined {
  const closing = CLOSING_TAG.exec(html);
  if (closing) return { name: closing[1]!.toLowerCase(), attribs: {}, closing: true };
  let tag: { name: string; attribs: Record<string, string>; closing: boolean } | undefined;
  const parser = new HtmlParser({ onopentag: (name, attribs) => (tag ??= { name, attribs, closing: false }) }, { decodeEntities: true, lowerCaseTags: true });
  parser.write(html);
  parser.end();
  return tag;
}

/** Text of a text node with bare URLs (with a scheme) turned into links. */
function addText(builder: InlineBuilder, text: string): void {
  // Checked first: linkify's own test is far slower than a substring search on text without URLs.
  if (!text.includes('://')) {
    builder.text(text);
    return;
  }
  const matches = linkify.match(text) ?? [];
  let at = 0;
  for (const match of matches) {
    // "[paper](https://…" without its ")" is a broken link, not a bare URL: left as text, it is counted as broken.
    if (match.index >= 2 && text.startsWith('](', match.index - 2)) continue;
    builder.text(text.slice(at, match.index));
    builder.leaf({ kind: 'link', url: match.url, children: [{ kind: 'text', text: match.raw }], bare: true });
    at = match.lastIndex;
  }
  builder.text(text.slice(at));
}

/** A link's target as written, without the doubled parentheses of `[paper]((https://…))`. */
function cleanUrl(url: string): string {
  let clean = url.trim();
  while (clean.startsWith('(') && clean.endsWith(')')) clean = clean.slice(1, -1).trim();
  return clean;
}

function addInlineTokens(builder: InlineBuilder, tokens: Token[]): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
      case 'text_special':
        addText(builder, token.content);
        break;
      case 'softbreak':
        builder.text(' ');
        break;
      case 'hardbreak':
        builder.lineBreak();
        break;
      case 'code_inline':
        builder.leaf({ kind: 'code', text: token.content });
        break;
      case 'strong_open':
        builder.open({ kind: 'strong', children: [] }, 'strong_close');
        break;
      case 'em_open':
        builder.open({ kind: 'em', children: [] }, 'em_close');
        break;
      case 'link_open':
        builder.open({ kind: 'link', url: cleanUrl(String(token.attrGet('href') ?? '')), children: [], ...(token.markup === 'autolink' && { bare: true }) }, 'link_close');
        break;
      case 'strong_close':
      case 'em_close':
      case 'link_close':
        builder.close(token.type);
        break;
      case 'html_inline': {
        const tag = readInlineTag(token.content);
        if (tag) applyHtmlTag(builder, tag);
        break;
      }
      default:
        // Images, strikethrough markers: nothing a reader of titles and links needs.
        break;
    }
  }
}

// ——— HTML blocks ———

/**
 * Reads the HTML blocks of a document as one stream (a `<table>` opened in one block is often
 * closed in a later one, with markdown cells between): headings, tables and their rows, and the
 * inline content of cells. Markdown blocks inside an open cell are added to that cell.
 */
class HtmlReader {
  private readonly parser: HtmlParser;
  private heading: { level: number; builder: InlineBuilder; line: number } | undefined;
  private tables: HtmlTable[] = [];
  private row: { cells: Array<{ content: Inline[]; colspan: number; rowspan: number }>; line: number } | undefined;
  private cell: { builder: InlineBuilder; colspan: number; rowspan: number } | undefined;
  /** Position of the block being read in the stream, and a newline-counting cursor. */
  private blockStart = 0;
  private blockText = '';
  private cursor = { index: 0, line: 0 };

  constructor(private readonly emit: (block: Block) => void) {
    this.parser = new HtmlParser(
      {
        onopentag: (name, attribs) => this.open(name, attribs),
        onclosetag: (name) => this.close(name),
        ontext: (text) => this.text(text),
      },
      { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
    );
  }

  /** The builder markdown inline content goes to while a cell or heading is open. */
  get openInline(): InlineBuilder | undefined {
    return this.cell?.builder ?? this.heading?.builder;
  }

  read(html: string, line: number): void {
    this.blockText = html;
    this.cursor = { index: 0, line };
    this.parser.write(html);
    this.blockStart += html.length;
  }

  /** Line of the tag being read; the cursor only moves forward, so a block is scanned once. */
  private lineHere(): number {
    const target = Math.max(0, this.parser.startIndex - this.blockStart);
    if (target < this.cursor.index) return this.cursor.line;
    let { index, line } = this.cursor;
    for (; index < target && index < this.blockText.length; index++) if (this.blockText.charCodeAt(index) === 10) line++;
    this.cursor = { index, line };
    return line;
  }

  private open(name: string, attribs: Record<string, string>): void {
    const level = /^h([1-6])$/.exec(name);
    if (level && !this.cell) {
      this.heading = { level: Number(level[1]), builder: new InlineBuilder(), line: this.lineHere() };
      return;
    }
    if (name === 'table') this.tables.push({ rows: [], spans: [], line: this.lineHere() });
    else if (name === 'tr' && this.tables.length > 0) this.row = { cells: [], line: this.lineHere() };
    else if ((name === 'td' || name === 'th') && this.row) this.cell = { builder: new InlineBuilder(), colspan: span(attribs.colspan), rowspan: span(attribs.rowspan) };
    else if (this.openInline) applyHtmlTag(this.openInline, { name, attribs, closing: false });
  }

  private close(name: string): void {
    if (/^h[1-6]$/.test(name) && this.heading) {
      const { level, builder, line } = this.heading;
      this.heading = undefined;
      this.emit({ kind: 'heading', level, content: builder.content, line });
    } else if ((name === 'td' || name === 'th') && this.cell) {
      const { builder, colspan, rowspan } = this.cell;
      this.row?.cells.push({ content: builder.content, colspan, rowspan });
      this.cell = undefined;
    } else if (name === 'tr' && this.row) {
      const table = this.tables.at(-1);
      if (table && this.row.cells.length > 0) table.rows.push({ cells: layRow(table, this.row.cells), line: this.row.line });
      this.row = undefined;
    } else if (name === 'table') {
      const table = this.tables.pop();
      if (table && table.rows.length > 0) {
        const [header, ...rows] = table.rows;
        this.emit({ kind: 'table', header: header!.cells, rows, line: table.line });
      }
    } else if (this.openInline) applyHtmlTag(this.openInline, { name, closing: true });
  }

  private text(text: string): void {
    const builder = this.openInline;
    if (builder) addText(builder, text.replace(/\s+/g, ' '));
  }
}

interface HtmlTable {
  rows: Array<{ cells: Inline[][]; line: number }>;
  /** Rows still covered by a cell above, by column (`rowspan`). */
  spans: number[];
  line: number;
}

/** Largest colspan or rowspan honoured: a table is laid out in time linear in what it says. */
const MAX_SPAN = 100;

function span(value: string | undefined): number {
  const parsed = Number.parseInt(value ?? '', 10);
  return Number.isFinite(parsed) && parsed > 1 ? Math.min(parsed, MAX_SPAN) : 1;
}

/**
 * A row's cells at their columns: a cell spanning columns or rows (`colspan`, `rowspan`) leaves the
 * places it covers empty, so every column keeps its header's meaning (HTML's table layout, simplified).
 */
function layRow(table: HtmlTable, cells: Array<{ content: Inline[]; colspan: number; rowspan: number }>): Inline[][] {
  const laid: Inline[][] = [];
  let column = 0;
  const skipCovered = (): void => {
    while ((table.spans[column] ?? 0) > 0) {
      table.spans[column]!--;
      laid[column++] = [];
    }
  };
  for (const cell of cells) {
    skipCovered();
    for (let i = 0; i < cell.colspan; i++) {
      laid[column] = i === 0 ? cell.content : [];
      if (cell.rowspan > 1) table.spans[column] = cell.rowspan - 1;
      column++;
    }
  }
  for (; column < table.spans.length; column++) {
    if ((table.spans[column] ?? 0) > 0) {
      table.spans[column]!--;
      laid[column] = [];
    }
  }
  return laid;
}

// ——— blocks ———

/**
 * Where a document may be cut so that each piece parses as it would inside the whole: before a
 * line that starts a heading or a top-level list item at column 0, outside fenced code, HTML
 * comments and other HTML blocks. Pieces let a long list be parsed a slice at a time.
 */
function* pieces(markdown: string, size: number): Generator<{ text: string; line: number; hasDefinitions: boolean }> {
  let start = 0;
  let startLine = 0;
  let line = 0;
  let fence: string | undefined;
  let inComment = false;
  let inHtml = false;
  /** The closing tag of the raw HTML block (<pre>, <script>…) the line is in: it ends there, not at a blank line. */
  let rawEnd: string | undefined;
  let hasDefinitions = false;
  let at = 0;
  while (at < markdown.length) {
    let end = markdown.indexOf('\n', at);
    if (end < 0) end = markdown.length;
    const first = markdown.charCodeAt(at);
    if (at - start >= size && fence === undefined && !inComment && !inHtml && rawEnd === undefined && isPieceStart(markdown, at, first)) {
      yield { text: markdown.slice(start, at), line: startLine, hasDefinitions };
      start = at;
      startLine = line;
      hasDefinitions = false;
    }
    const text = markdown.slice(at, Math.min(end, at + 200));
    const indent = text.length - text.trimStart().length;
    const body = text.trimStart();
    if (fence !== undefined) {
      if (indent <= 3 && body.startsWith(fence)) fence = undefined;
    } else if (inComment) {
      if (markdown.slice(at, end).includes('-->')) inComment = false;
    } else if (rawEnd !== undefined) {
      if (markdown.slice(at, end).toLowerCase().includes(rawEnd)) rawEnd = undefined;
    } else if (indent <= 3 && (body.startsWith('```') || body.startsWith('~~~'))) {
      fence = body.slice(0, /^(`+|~+)/.exec(body)![1]!.length);
    } else if (body.startsWith('<!--')) {
      inComment = !markdown.slice(at, end).includes('-->');
    } else if (body === '' || body === '\r') {
      inHtml = false;
    } else if (body.startsWith('<')) {
      const raw = RAW_HTML_BLOCK.exec(body);
      const close = raw && `</${raw[1]!.toLowerCase()}>`;
      if (close && !markdown.slice(at, end).toLowerCase().includes(close)) rawEnd = close;
      else inHtml = true;
    }
    if (!hasDefinitions && body.startsWith('[') && markdown.slice(at, end).includes(']:')) hasDefinitions = true;
    at = end + 1;
    line++;
  }
  if (start < markdown.length) yield { text: markdown.slice(start), line: startLine, hasDefinitions };
}

/** The start of a CommonMark HTML block of type 1, which only its closing tag ends ("</pre>"), however many blank lines come first. */
const RAW_HTML_BLOCK = /^<(pre|script|style|textarea)(?:[\s>]|$)/i;

/** `#` (a heading) or a bullet `-`, `*`, `+` followed by a space, at column 0. */
function isPieceStart(markdown: string, at: number, first: number): boolean {
  const next = markdown.charCodeAt(at + 1);
  if (first === 35) return true;
  return (first === 45 || first === 42 || first === 43) && (next === 32 || next === 9);
}

/**
 * Longest line read, in characters. No list writes a paper on a longer line, and it bounds what a
 * hostile line can cost: markdown-it reads some runs of brackets in time that grows faster than
 * their length, so a cap on the line keeps the whole parse linear in the document's length.
 */
export const MAX_LINE_CHARS = 20_000;

/** The text with every line cut to MAX_LINE_CHARS (a warning each), and its number of lines. */
function cutLongLines(text: string, emit: (block: Block) => void): { text: string; lineCount: number } {
  const kept: string[] = [];
  let lineCount = 0;
  let from = 0;
  let cut = false;
  for (let start = 0; start <= text.length; lineCount++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start > MAX_LINE_CHARS) {
      kept.push(text.slice(from, start + MAX_LINE_CHARS));
      from = end;
      cut = true;
      emit({ kind: 'warning', line: lineCount + 1, message: `the line is longer than ${MAX_LINE_CHARS.toLocaleString('en')} characters; the rest of it was not read` });
    }
    start = end + 1;
  }
  if (!cut) return { text, lineCount };
  kept.push(text.slice(from));
  return { text: kept.join(''), lineCount };
}

/** Characters per piece: small enough for a slice, large enough that markdown-it's setup is noise. */
const PIECE_CHARS = 32_768;

/**
 * Every block of the document in order, through `emit`; yields between pieces (lib/slices.ts).
 * Reference definitions (`[3]: https://…`) anywhere in the document serve links everywhere.
 */
export function* readBlocks(markdown: string, emit: (block: Block) => void): Sliced<void> {
  const { text, lineCount } = cutLongLines(markdown.replace(/\r\n?/g, '\n'), emit);
  const env: Env = {};
  const all = [...pieces(text, PIECE_CHARS)];
  // Definitions first, so that a link in the first piece finds a definition at the end of the list.
  for (const piece of all) {
    if (!piece.hasDefinitions) continue;
    markdownIt.block.parse(piece.text, markdownIt, env, []);
    yield;
  }
  const html = new HtmlReader(emit);
  for (const piece of all) {
    const tokens: Token[] = [];
    markdownIt.block.parse(piece.text, markdownIt, env, tokens);
    readTokens(tokens, { lineOffset: piece.line, lineCount }, env, html, emit);
    yield;
  }
}

function inlineOf(token: Token, env: Env): Token[] {
  const children: Token[] = [];
  markdownIt.inline.parse(token.content, markdownIt, env, children);
  return children;
}

/** Turns one piece's block tokens into blocks. */
function readTokens(tokens: Token[], { lineOffset, lineCount }: { lineOffset: number; lineCount: number }, env: Env, html: HtmlReader, emit: (block: Block) => void): void {
  const lineOf = (token: Token): number => (token.map ? token.map[0] : 0) + lineOffset + 1;
  /** Open list items, innermost last; `emitted` once its own text is complete (its first sub-list or its end). */
  const items: Array<{ builder: InlineBuilder; line: number; emitted: boolean }> = [];
  let table: { header: Inline[][]; rows: Array<{ cells: Inline[][]; line: number }>; line: number; row?: { cells: Inline[][]; line: number } } | undefined;
  let heading: { level: number; line: number } | undefined;
  let paragraphDepth = 0;

  const flushItem = (item: (typeof items)[number], depth: number): void => {
    if (item.emitted) return;
    item.emitted = true;
    emit({ kind: 'item', content: item.builder.content, line: item.line, depth });
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    switch (token.type) {
      case 'heading_open':
        heading = { level: Number(token.tag.slice(1)), line: lineOf(token) };
        break;
      case 'heading_close':
        heading = undefined;
        break;
      case 'list_item_open':
        items.push({ builder: new InlineBuilder(), line: lineOf(token), emitted: false });
        break;
      case 'list_item_close':
        flushItem(items.at(-1)!, items.length - 1);
        items.pop();
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        if (items.length > 0) flushItem(items.at(-1)!, items.length - 1);
        break;
      case 'paragraph_open':
        paragraphDepth++;
        break;
      case 'paragraph_close':
        paragraphDepth--;
        break;
      case 'table_open':
        table = { header: [], rows: [], line: lineOf(token) };
        break;
      case 'tr_open':
        if (table) table.row = { cells: [], line: lineOf(token) };
        break;
      case 'tr_close':
        if (table?.row) {
          if (table.header.length === 0) table.header = table.row.cells;
          else table.rows.push(table.row);
          table.row = undefined;
        }
        break;
      case 'table_close':
        if (table) emit({ kind: 'table', header: table.header, rows: table.rows, line: table.line });
        table = undefined;
        break;
      case 'html_block':
        readHtmlBlock(token, lineOf(token), lineCount, html, emit);
        break;
      case 'inline': {
        const children = inlineOf(token, env);
        if (heading) {
          const builder = new InlineBuilder();
          addInlineTokens(builder, children);
          emit({ kind: 'heading', level: heading.level, content: builder.content, line: heading.line });
        } else if (table?.row) {
          const builder = new InlineBuilder();
          addInlineTokens(builder, children);
          table.row.cells.push(builder.content);
        } else if (html.openInline) {
          html.openInline.lineBreak();
          addInlineTokens(html.openInline, children);
        } else if (items.length > 0 && paragraphDepth > 0 && !items.at(-1)!.emitted) {
          const { builder } = items.at(-1)!;
          builder.lineBreak();
          addInlineTokens(builder, children);
        }
        break;
      }
      default:
        // Code, quotes' markers, rules, definitions: no entries in them.
        break;
    }
  }
  for (let depth = items.length - 1; depth >= 0; depth--) flushItem(items[depth]!, depth);
}

function readHtmlBlock(token: Token, line: number, lineCount: number, html: HtmlReader, emit: (block: Block) => void): void {
  const content = token.content;
  // CommonMark runs an unclosed comment to the end of the document; say so, as it hides the rest.
  if (content.trimStart().startsWith('<!--') && !content.includes('-->')) {
    emit({ kind: 'warning', line: lineCount, message: 'an HTML comment is never closed; the text after it was skipped', skipped: 1 });
    return;
  }
  // The same for a <pre>, <script>, <style> or <textarea> block outside any list or quote.
  const raw = token.level === 0 ? RAW_HTML_BLOCK.exec(content.trimStart()) : null;
  if (raw && !content.toLowerCase().includes(`</${raw[1]!.toLowerCase()}>`)) {
    emit({ kind: 'warning', line: lineCount, message: `an HTML <${raw[1]!.toLowerCase()}> block is never closed; the text after it was skipped`, skipped: 1 });
    return;
  }
  html.read(content, line);
}
