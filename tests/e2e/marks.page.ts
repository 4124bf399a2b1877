/**
 * Marks as E2E specs see them. A mark's shadow root is closed, so the page (and page.evaluate)
 * cannot look inside: these helpers read it from the test side through the DevTools protocol
 * (DOM.getDocument with pierce: true) and click it with real mouse input at its box, as a user
 * would (a trusted event).
 */
import type { CDPSession, Page } from 'playwright-core';

interface CdpNode {
  nodeId: number;
  backendNodeId: number;
  nodeType: number;
  nodeName: string;
  localName?: string;
  nodeValue?: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  shadowRootType?: string;
}

export interface MarkView {
  paperId: string | null;
  /** Whether its shadow root is closed (pages cannot read it). */
  closed: boolean;
  status: string | null;
  isNew: boolean;
  /** The mark's words as shown: category leaf, status, "New" ("|"-separated). */
  text: string;
  /** The button's accessible name. */
  label: string;
  /** The element the mark was inserted into, as "tag.class". */
  parent: string;
  /** The element right before the mark, as "tag.class" (null: first child). */
  previous: string | null;
  /** The card, when open: its title and Save state. */
  card: { title: string; saved: string | null } | null;
  /** Node ids in the current document snapshot, for clicking. */
  buttonNodeId?: number;
  saveNodeId?: number;
}

function attrs(node: CdpNode): Map<string, string> {
  const map = new Map<string, string>();
  const list = node.attributes ?? [];
  for (let i = 0; i + 1 < list.length; i += 2) map.set(list[i]!, list[i + 1]!);
  return map;
}

function describeNode(node: CdpNode | undefined): string | null {
  if (!node) return null;
  const cls = attrs(node).get('class')?.split(' ')[0];
  return `${node.localName ?? node.nodeName.toLowerCase()}${cls ? `.${cls}` : ''}`;
}

function textOf(node: CdpNode): string {
  if (node.nodeType === 3) return node.nodeValue ?? '';
  return [...(node.children ?? []), ...(node.shadowRoots ?? [])].map(textOf).join('');
}

function find(node: CdpNode, test: (n: CdpNode) => boolean): CdpNode | undefined {
  if (test(node)) return node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) {
    const found = find(child, test);
    if (found) return found;
  }
  return undefined;
}

const hasClass = (name: string) => (n: CdpNode) => attrs(n).get('class')?.split(' ').includes(name) ?? false;

async function documentTree(cdp: CDPSession): Promise<CdpNode> {
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
  return root;
}

function collectMarks(node: CdpNode, parent: CdpNode | undefined, previous: CdpNode | undefined, out: MarkView[]): void {
  // A page's own <lantern-mark> (no shadow root) is not one of Lantern's marks.
  if (node.localName === 'lantern-mark' && node.shadowRoots?.[0]) {
    const shadow = node.shadowRoots[0];
    const root = find(shadow, hasClass('root'));
    const button = find(shadow, hasClass('chip'));
    const card = find(shadow, hasClass('card'));
    const save = card && find(card, hasClass('lantern-save'));
    const rootAttrs = root ? attrs(root) : new Map<string, string>();
    out.push({
      paperId: attrs(node).get('data-paper-id') ?? null,
      closed: shadow.shadowRootType === 'closed',
      status: rootAttrs.get('data-status') ?? null,
      isNew: rootAttrs.has('data-new'),
      text: button
        ? [find(button, hasClass('leaf')), find(button, hasClass('status'))]
            .map((n) => (n ? textOf(n) : ''))
            .concat(rootAttrs.has('data-new') ? ['New'] : [])
            .filter((t) => t !== '')
            .join('|')
        : '',
      label: button ? (attrs(button).get('aria-label') ?? '') : '',
      parent: describeNode(parent) ?? '',
      previous: describeNode(previous),
      card: card ? { title: textOf(find(card, hasClass('title')) ?? card), saved: save ? (attrs(save).get('aria-pressed') ?? null) : null } : null,
      buttonNodeId: button?.nodeId,
      saveNodeId: save?.nodeId,
    });
    return;
  }
  const children = node.children ?? [];
  let before: CdpNode | undefined;
  for (const child of [...(node.shadowRoots ?? []), ...children]) {
    collectMarks(child, node, before, out);
    if (child.nodeType === 1) before = child;
  }
}

/** Every mark on the page, in document order, read inside their closed roots. */
export async function readMarks(page: Page): Promise<MarkView[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const out: MarkView[] = [];
    collectMarks(await documentTree(cdp), undefined, undefined, out);
    return out;
  } finally {
    await cdp.detach();
  }
}

/** Waits until the marks' paper ids are `ids` (in order), then checks they stay so a moment later. */
export async function waitForMarks(page: Page, ids: readonly string[]): Promise<MarkView[]> {
  const want = JSON.stringify(ids);
  for (;;) {
    const marks = await readMarks(page);
    if (JSON.stringify(marks.map((m) => m.paperId)) === want) {
      // Later batches (links after references) would add marks now: look once more.
      await page.waitForTimeout(400);
      return readMarks(page);
    }
    await page.waitForTimeout(100);
  }
}

/** Clicks a node (by its id in a fresh snapshot) with the real mouse, at its centre. */
async function clickNode(page: Page, pick: (marks: MarkView[]) => number | undefined): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const out: MarkView[] = [];
    collectMarks(await documentTree(cdp), undefined, undefined, out);
    const nodeId = pick(out);
    if (nodeId === undefined) throw new Error('Nothing to click.');
    await cdp.send('DOM.scrollIntoViewIfNeeded', { nodeId });
    const { model } = (await cdp.send('DOM.getBoxModel', { nodeId })) as { model: { content: number[] } };
    const [x1, y1, , , x3, y3] = model.content as [number, number, number, number, number, number];
    await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
  } finally {
    await cdp.detach();
  }
}

/** Opens the card of the `index`-th mark of a paper with a real click. */
export async function clickMark(page: Page, paperId: string, index = 0): Promise<void> {
  await clickNode(page, (marks) => marks.filter((m) => m.paperId === paperId)[index]?.buttonNodeId);
}

/** Presses Save in the open card with a real click. */
export async function clickCardSave(page: Page): Promise<void> {
  await clickNode(page, (marks) => marks.find((m) => m.saveNodeId !== undefined)?.saveNodeId);
}

/** Waits until some mark satisfies `test`. */
export async function waitForMark(page: Page, test: (mark: MarkView) => boolean): Promise<MarkView[]> {
  for (;;) {
    const marks = await readMarks(page);
    if (marks.some(test)) return marks;
    await page.waitForTimeout(100);
  }
}

/** The text of the first element with class `className` inside the shadow root of the first `<hostName>`, open or closed. */
export async function shadowText(page: Page, hostName: string, className: string): Promise<string | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const host = find(await documentTree(cdp), (n) => n.localName === hostName && (n.shadowRoots?.length ?? 0) > 0);
    const found = host?.shadowRoots?.[0] && find(host.shadowRoots[0], hasClass(className));
    return found ? textOf(found) : null;
  } finally {
    await cdp.detach();
  }
}
