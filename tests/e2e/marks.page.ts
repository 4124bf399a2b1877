/**
 * Marks as E2E specs see them: read inside their closed shadow roots from the test side
 * (devtools.ts), clicked with real mouse input at their box, as a user would (a trusted event).
 */
import type { Page } from 'playwright-core';
import { LISTINGS, readListing } from '../fixtures/listings/listings';
import { waitForSeed } from './badge.page';
import { closedShadow } from './devtools';
import { launchExtension, type ExtensionSession } from './harness';

/** How long a wait for marks lasts before it fails with what the page shows (well within a test's own timeout). */
const MARK_WAIT_MS = 20_000;

/** Lantern in a fresh browser, its list seeded, serving every listing fixture at its address. */
export async function launchWithListings(): Promise<ExtensionSession> {
  const ext = await launchExtension();
  ext.routePages(Object.fromEntries(LISTINGS.map((f) => [f.url, { body: readListing(f.file) }])));
  await waitForSeed(ext);
  return ext;
}

/** Opens `url` in a new tab. */
export async function openTab(ext: ExtensionSession, url: string): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(url);
  return page;
}

/**
 * From now on, counts the marks taken off the page (Lantern takes them all off to read a page
 * again, as after a navigation): returns a reader of the count so far.
 */
export async function countRemovedMarks(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const scope = window as unknown as { __lanternMarksRemoved: number };
    scope.__lanternMarksRemoved = 0;
    new MutationObserver((records) => {
      for (const record of records) for (const node of record.removedNodes) if ((node as Element).localName === 'lantern-mark') scope.__lanternMarksRemoved++;
    }).observe(document, { childList: true, subtree: true });
  });
  return () => page.evaluate(() => (window as unknown as { __lanternMarksRemoved: number }).__lanternMarksRemoved);
}

export interface MarkView {
  paperId: string | null;
  /** Whether its shadow root is closed (pages cannot read it). */
  closed: boolean;
  status: string | null;
  isNew: boolean;
  /** The mark's words as shown: its category leaf (the status and "New" are drawn, not written). */
  text: string;
  /** The button's accessible name. */
  label: string;
  /** The element the mark was inserted into, as "tag.class". */
  parent: string;
  /** The element right before the mark, as "tag.class" (null: first child). */
  previous: string | null;
  /** The card, when open: its title and Save state. */
  card: { title: string; saved: string | null } | null;
  /** The page's colours as the mark took them: "light" or "dark". */
  theme: string | null;
}

/**
 * Runs inside one mark's shadow root. It is sent as source text, so it uses nothing from this
 * module and binds no function to a name (the test compiler would wrap it with a helper the page lacks).
 */
function viewOf(root: ShadowRoot): MarkView {
  const host = root.host;
  const [parent, previous] = [host.parentElement, host.previousElementSibling].map((element) =>
    element ? `${element.localName}${element.classList[0] ? `.${element.classList[0]}` : ''}` : null,
  );
  const box = root.querySelector('.root');
  const button = root.querySelector('.chip');
  const card = root.querySelector('.card');
  const save = card?.querySelector('.lantern-save');
  const isNew = box?.hasAttribute('data-new') ?? false;
  return {
    paperId: host.getAttribute('data-paper-id'),
    closed: root.mode === 'closed',
    status: box?.getAttribute('data-status') ?? null,
    isNew,
    text: button?.querySelector('.leaf')?.textContent ?? '',
    label: button?.getAttribute('aria-label') ?? '',
    parent: parent ?? '',
    previous: previous ?? null,
    card: card ? { title: (card.querySelector('.title') ?? card).textContent ?? '', saved: save?.getAttribute('aria-pressed') ?? null } : null,
    theme: box?.getAttribute('data-theme') ?? null,
  };
}

/** Every mark on the page (a page's own <lantern-mark> without a shadow root is none), in document order. */
export function readMarks(page: Page): Promise<MarkView[]> {
  return closedShadow(page).evaluateAll('lantern-mark', viewOf);
}

/** Waits until the marks' paper ids are `ids` (in order), then checks they stay so a moment later. */
export async function waitForMarks(page: Page, ids: readonly string[]): Promise<MarkView[]> {
  const want = JSON.stringify(ids);
  const deadline = Date.now() + MARK_WAIT_MS;
  for (;;) {
    const marks = await readMarks(page);
    if (JSON.stringify(marks.map((m) => m.paperId)) === want) {
      // Later batches (links after references) would add marks now: look once more.
      await page.waitForTimeout(400);
      return readMarks(page);
    }
    if (Date.now() > deadline) throw new Error(`Waited ${MARK_WAIT_MS} ms on ${page.url()} for marks on ${want}; the page has ${JSON.stringify(marks.map((m) => m.paperId))}.`);
    await page.waitForTimeout(100);
  }
}

/** Clicks, with the real mouse at its centre, the element matching `selector` in the `index`-th mark of a paper (scrolled into view). */
async function clickInMark(page: Page, paperId: string, index: number, selector: string, clicks: 1 | 2 = 1): Promise<void> {
  const boxes = await closedShadow(page).evaluateAll(
    `lantern-mark[data-paper-id="${paperId}"]`,
    (root, sel) => {
      const element = root.querySelector(sel);
      if (!element) return null;
      element.scrollIntoView({ block: 'center' });
      const r = element.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    },
    selector,
  );
  const box = boxes.filter((b) => b !== null)[index];
  if (!box) throw new Error(`Nothing to click: ${selector} in mark ${index} of ${paperId}.`);
  if (clicks === 2) await page.mouse.dblclick(box.x, box.y);
  else await page.mouse.click(box.x, box.y);
}

/** A box in the window's coordinates (CSS px). */
export interface WindowBox {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * The boxes of the first mark of a paper: its chip, and its card's place when open (its popover's
 * box: the card itself slides in for a moment), read in its closed root.
 */
export async function markBoxes(page: Page, paperId: string): Promise<{ chip: WindowBox; card: WindowBox | null }> {
  const [boxes] = await closedShadow(page).evaluateAll(`lantern-mark[data-paper-id="${paperId}"]`, (root) => {
    const boxOf = (element: Element | null) => {
      if (!element) return null;
      const { top, bottom, left, right } = element.getBoundingClientRect();
      return { top, bottom, left, right };
    };
    return { chip: boxOf(root.querySelector('.chip'))!, card: boxOf(root.querySelector('.card-wrap')) };
  });
  if (!boxes) throw new Error(`No mark of ${paperId} on ${page.url()}.`);
  return boxes;
}

/** Opens the card of the `index`-th mark of a paper with a real click. */
export function clickMark(page: Page, paperId: string, index = 0): Promise<void> {
  return clickInMark(page, paperId, index, '.chip');
}

/** The cards in all the page's marks (one at most is ever open). */
export function cardCount(page: Page): Promise<number> {
  return closedShadow(page).evaluateHosts('lantern-mark', (hosts) => hosts.reduce((n, h) => n + (h.root?.querySelectorAll('.card-wrap').length ?? 0), 0));
}

/** Double-clicks the first mark of a paper (two real clicks in a row, as a double click makes them). */
export function doubleClickMark(page: Page, paperId: string): Promise<void> {
  return clickInMark(page, paperId, 0, '.chip', 2);
}

/** Clicks, with a real click, the element of the open card that `selector` finds. */
export async function clickInCard(page: Page, selector: string): Promise<void> {
  const open = (await readMarks(page)).find((m) => m.card !== null);
  if (!open?.paperId) throw new Error('No card is open.');
  await clickInMark(page, open.paperId, 0, `.card ${selector}`);
}

/** Presses Save in the open card with a real click. */
export function clickCardSave(page: Page): Promise<void> {
  return clickInCard(page, '.lantern-save');
}

/** Waits until some mark satisfies `test`; fails after MARK_WAIT_MS, saying what the marks were. */
export async function waitForMark(page: Page, test: (mark: MarkView) => boolean): Promise<MarkView[]> {
  const deadline = Date.now() + MARK_WAIT_MS;
  for (;;) {
    const marks = await readMarks(page);
    if (marks.some(test)) return marks;
    if (Date.now() > deadline) throw new Error(`Waited ${MARK_WAIT_MS} ms on ${page.url()} for a mark; the marks are ${JSON.stringify(marks.map(({ paperId, status }) => ({ paperId, status })))}.`);
    await page.waitForTimeout(100);
  }
}

/** The text of the first element with class `className` inside the shadow root of the first `<hostName>`, open or closed. */
export function shadowText(page: Page, hostName: string, className: string): Promise<string | null> {
  return closedShadow(page).evaluate(hostName, (root, name) => root.querySelector(`.${name}`)?.textContent ?? null, className);
}

/** Where an element of the page is laid out, vertically (CSS px, document coordinates). */
export interface VerticalBox {
  /** The element, as "tag.class". */
  element: string;
  top: number;
  height: number;
}

/** Every element of the page (Lantern's own hosts left out) laid out three ways, in document order. */
export interface MarkLayouts {
  marks: number;
  /** As the page is, with its marks. */
  withMarks: VerticalBox[];
  /** Each mark replaced by an empty inline gap of its width (margins included) and no height. */
  withGaps: VerticalBox[];
  /** The marks taken out: the page as it would be without them. */
  without: VerticalBox[];
}

/**
 * Lays the page out with its marks, with gaps of their width instead, and without them, all in
 * one task. A mark is inline: its width may push what follows it on its line sideways or onto a
 * next line, but compared with a gap of its width nothing should move up or down (a mark taller
 * than its line would make the line taller and move everything after it). Takes the marks out
 * for good: the page is not for further use.
 */
export function layoutsAroundMarks(page: Page): Promise<MarkLayouts> {
  return page.evaluate(() => {
    const elements = [...document.body.querySelectorAll('*')].filter((element) => !element.localName.startsWith('lantern-'));
    const layout = () =>
      elements.map((element) => {
        const box = element.getBoundingClientRect();
        return { element: `${element.localName}${element.classList[0] ? `.${element.classList[0]}` : ''}`, top: box.top + window.scrollY, height: box.height };
      });
    const withMarks = layout();
    const marks = [...document.querySelectorAll('lantern-mark')];
    const gaps = marks.map((mark) => {
      const { marginLeft, marginRight } = getComputedStyle(mark);
      const gap = document.createElement('span');
      gap.style.cssText = `display: inline-block; height: 0; width: ${mark.getBoundingClientRect().width}px; margin: 0 ${marginRight} 0 ${marginLeft}`;
      mark.replaceWith(gap);
      return gap;
    });
    const withGaps = layout();
    for (const gap of gaps) gap.remove();
    return { marks: marks.length, withMarks, withGaps, without: layout() };
  });
}

/** The elements whose top or height differ by more than half a pixel between two layouts of the same page, with both values. */
export function movedBetween(before: readonly VerticalBox[], after: readonly VerticalBox[]): { element: string; top: number[]; height: number[] }[] {
  return after.flatMap((box, i) => {
    const was = before[i]!;
    const same = Math.abs(box.top - was.top) <= 0.5 && Math.abs(box.height - was.height) <= 0.5;
    return same ? [] : [{ element: box.element, top: [was.top, box.top], height: [was.height, box.height] }];
  });
}
