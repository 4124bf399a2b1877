import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMarkLayer, type MarkActions } from '../../components/MarkLayer';
import { createMarkChips, MARK_TAG } from '../../components/MarkChips';
import { LANTERN_ICON, STATUS_GLYPHS, svgElement } from '../../components/icons';
import { LanternMark, StatusGlyphs } from '../../components/EntryView';
import { render } from 'preact';
import type { ListedHit, MarkStatus } from '../../lib/listing/hit';
import type { ListingItem } from '../../lib/listing/item';
import { MARK_CAP } from '../../lib/listing/marks';

/** The closed roots the layer attaches, read from the test side (the page never gets them). */
const roots = new Map<Element, ShadowRoot>();
const attach = HTMLElement.prototype.attachShadow;
vi.spyOn(HTMLElement.prototype, 'attachShadow').mockImplementation(function (this: HTMLElement, init: ShadowRootInit) {
  const root = attach.call(this, init);
  roots.set(this, root);
  return root;
});

afterEach(() => {
  document.body.innerHTML = '';
  roots.clear();
});

const hit = (id: string, status: MarkStatus = 'none'): ListedHit => ({ id, title: `Title of ${id}`, categories: ['Models › Generalist'], status, isNew: false });

/** One listing item per id, each in its own <li> with a title <div>. */
function listing(ids: readonly string[]): ListingItem[] {
  return ids.map((id) => {
    const li = document.createElement('li');
    const title = document.createElement('div');
    title.className = 'title';
    title.textContent = `Title of ${id}`;
    li.append(title);
    document.body.append(li);
    return { query: { arxiv: id }, anchor: title, place: 'append', group: li };
  });
}

function marks(): { id: string | null; status: string | undefined; mode: string | undefined }[] {
  return [...document.querySelectorAll(MARK_TAG)].map((host) => ({
    id: host.getAttribute('data-paper-id'),
    status: roots.get(host)?.querySelector<HTMLElement>('.root')?.dataset.status,
    mode: roots.get(host)?.mode,
  }));
}

function actions(lookup: MarkActions['lookup'] = async () => null, capped: MarkActions['capped'] = () => undefined): MarkActions {
  return { loadCard: async () => null, save: async () => undefined, sendToZotero: async () => ({ message: '', sent: false }), inZotero: async () => false, lookup, capped };
}

describe('createMarkLayer', () => {
  it('marks the listed items only, once per paper per group, in closed roots after their titles', () => {
    const items = listing(['a', 'b', 'c']);
    const layer = createMarkLayer(document, actions());
    layer.mark(items, [hit('a'), null, hit('c', 'reading')], 'listing');
    expect(marks()).toEqual([
      { id: 'a', status: 'none', mode: 'closed' },
      { id: 'c', status: 'reading', mode: 'closed' },
    ]);
    expect(items[0]!.anchor.lastElementChild?.localName).toBe(MARK_TAG);
    // Each mark shows the Lantern icon in its chip.
    const icons = [...document.querySelectorAll(MARK_TAG)].map((host) => roots.get(host)?.querySelectorAll('button.chip > .glyph > svg.mark').length);
    expect(icons).toEqual([1, 1]);
    // The same paper again in the same group (its code link, a later batch): no second mark.
    layer.mark([{ ...items[0]!, anchor: items[0]!.group }], [hit('a')], 'listing');
    expect(marks()).toHaveLength(2);
    layer.remove();
    expect(marks()).toEqual([]);
  });

  it('words a saved paper’s status as its card does (To read, Reading, Read) in its label and tooltip, and writes nothing of it in the chip', () => {
    const layer = createMarkLayer(document, actions());
    layer.mark(listing(['a', 'b', 'c', 'd']), [hit('a', 'saved'), hit('b', 'reading'), hit('c', 'read'), { ...hit('d'), isNew: true }], 'listing');
    const buttons = [...document.querySelectorAll(MARK_TAG)].map((host) => roots.get(host)!.querySelector('button')!);
    expect(buttons.map((b) => b.title)).toEqual(['Title of a\nTo read', 'Title of b\nReading', 'Title of c\nRead', 'Title of d\nNew']);
    expect(buttons[0]!.getAttribute('aria-label')).toBe('In the list: Title of a (Generalist, To read). Show details');
    // The chip's text is the same in every state: the status is a glyph in the icon's place (Mark.css).
    expect(new Set(buttons.map((b) => b.textContent))).toEqual(new Set(['Generalist']));
    expect(new Set(buttons.map((b) => b.querySelector('.glyph')?.childElementCount))).toEqual(new Set([3]));
  });

  it('shows a new entry as new ([data-new], "New" in its label) until it is no longer new', async () => {
    const lookup = vi.fn<MarkActions['lookup']>(async () => [{ ...hit('a'), isNew: false }]);
    const layer = createMarkLayer(document, actions(lookup));
    layer.mark(listing(['a', 'b']), [{ ...hit('a'), isNew: true }, hit('b')], 'listing');
    const root = (id: string) => roots.get(document.querySelector(`${MARK_TAG}[data-paper-id="${id}"]`)!)!.querySelector<HTMLElement>('.root')!;
    expect(root('a').hasAttribute('data-new')).toBe(true);
    expect(root('a').querySelector('button')?.getAttribute('aria-label')).toBe('In the list: Title of a (Generalist, New). Show details');
    expect(root('b').hasAttribute('data-new')).toBe(false);
    await layer.refresh();
    expect(root('a').hasAttribute('data-new')).toBe(false);
  });

  it('stops at MARK_CAP marks on the page, across batches, and says so once', () => {
    const capped = vi.fn();
    const layer = createMarkLayer(document, actions(undefined, capped));
    const ids = Array.from({ length: MARK_CAP + 5 }, (_, i) => `p${i}`);
    layer.mark(listing(ids.slice(0, 10)), ids.slice(0, 10).map((id) => hit(id)), 'links');
    layer.mark(listing(ids.slice(10, MARK_CAP)), ids.slice(10, MARK_CAP).map((id) => hit(id)), 'links');
    // Exactly MARK_CAP: nothing was left unmarked yet.
    expect(capped).not.toHaveBeenCalled();
    layer.mark(listing(ids.slice(MARK_CAP)), ids.slice(MARK_CAP).map((id) => hit(id)), 'links');
    layer.mark(listing(['more']), [hit('more')], 'links');
    expect(marks()).toHaveLength(MARK_CAP);
    expect(capped).toHaveBeenCalledTimes(1);
  }, 30_000);

  it('asks again about every marked paper, by how it was read, and shows each one’s status now', async () => {
    const lookup = vi.fn<MarkActions['lookup']>(async (queries) => queries.map((q) => (q.arxiv === 'b' ? null : hit(q.arxiv!, 'saved'))));
    const layer = createMarkLayer(document, actions(lookup));
    const items = listing(['a', 'b', 'c']);
    layer.mark(items.slice(0, 2), [hit('a'), hit('b')], 'listing');
    layer.mark(items.slice(2), [hit('c')], 'references');
    await layer.refresh();
    expect(lookup.mock.calls.map(([queries, read]) => [queries.map((q) => q.arxiv), read])).toEqual([
      [['a', 'b'], 'listing'],
      [['c'], 'references'],
    ]);
    // b is no longer listed (the list changed): it keeps what it showed.
    expect(marks().map((m) => m.status)).toEqual(['saved', 'none', 'saved']);
  });

  it('asks once more when told again while asking, and never twice at once', async () => {
    let answer: () => void = () => undefined;
    let inFlight = 0;
    let most = 0;
    const lookup = vi.fn<MarkActions['lookup']>(async (queries) => {
      most = Math.max(most, ++inFlight);
      await new Promise<void>((resolve) => (answer = resolve));
      inFlight--;
      return queries.map((q) => hit(q.arxiv!, 'read'));
    });
    const layer = createMarkLayer(document, actions(lookup));
    layer.mark(listing(['a']), [hit('a')], 'listing');
    const first = layer.refresh();
    void layer.refresh();
    void layer.refresh();
    answer();
    await vi.waitFor(() => expect(lookup).toHaveBeenCalledTimes(2));
    answer();
    await first;
    expect(most).toBe(1);
    expect(marks()[0]!.status).toBe('read');
  });
  it('follows a switch of the system’s scheme on a page without a background of its own', () => {
    const scheme = Object.assign(new EventTarget(), { matches: false, media: '(prefers-color-scheme: dark)' });
    const matchMedia = vi.spyOn(window, 'matchMedia').mockImplementation(() => scheme as unknown as MediaQueryList);
    // The page supports both schemes: the browser draws its canvas as the system prefers.
    const meta = Object.assign(document.createElement('meta'), { name: 'color-scheme', content: 'light dark' });
    document.head.append(meta);
    try {
      const layer = createMarkLayer(document, actions());
      layer.mark(listing(['a']), [hit('a')], 'listing');
      const theme = () => roots.get(document.querySelector(MARK_TAG)!)?.querySelector<HTMLElement>('.root')?.dataset.theme;
      expect(theme()).toBe('light');
      scheme.matches = true;
      scheme.dispatchEvent(new Event('change'));
      expect(theme()).toBe('dark');
      // Once removed, the layer no longer listens.
      const stopped = vi.spyOn(scheme, 'removeEventListener');
      layer.remove();
      expect(stopped).toHaveBeenCalledWith('change', expect.any(Function));
    } finally {
      matchMedia.mockRestore();
      meta.remove();
    }
  });
  it('stays light on a page without a background that declares no dark scheme, even when the system is dark', () => {
    // The browser draws such a page on white: a dark mark would stand out on it.
    const matchMedia = vi.spyOn(window, 'matchMedia').mockImplementation(() => ({ matches: true, media: '(prefers-color-scheme: dark)', addEventListener() {}, removeEventListener() {} }) as unknown as MediaQueryList);
    try {
      const layer = createMarkLayer(document, actions());
      layer.mark(listing(['a']), [hit('a')], 'listing');
      expect(roots.get(document.querySelector(MARK_TAG)!)?.querySelector<HTMLElement>('.root')?.dataset.theme).toBe('light');
      layer.remove();
    } finally {
      matchMedia.mockRestore();
    }
  });
});

describe('an open mark card', () => {
  function trustedClick(): MouseEvent {
    const event = new MouseEvent('click', { bubbles: true, composed: true });
    Object.defineProperty(event, 'isTrusted', { value: true });
    return event;
  }
  const paper = { id: 'a', title: 'Title of a', authors: '', authorList: { names: [], etAl: false }, venue: '', categories: [], links: [], ids: { repos: [] }, titleKey: 'title of a', line: 1, lists: ['seed'] };

  it('follows the reading list when the layer is asked again: a paper removed elsewhere is no longer shown saved', async () => {
    if (!HTMLElement.prototype.showPopover) HTMLElement.prototype.showPopover = () => undefined;
    let saved = true;
    const loadCard = vi.fn<MarkActions['loadCard']>(async () => ({ paper, via: 'arxiv', related: [], listNames: ['LLMs in Medicine'], saved, recentlyRemoved: !saved, ...(saved && { status: 'reading' as const }) }));
    const layer = createMarkLayer(document, { ...actions(async (queries) => queries.map((q) => hit(q.arxiv!, saved ? 'reading' : 'none'))), loadCard });
    layer.mark(listing(['a']), [hit('a', 'reading')], 'listing');
    const root = roots.get(document.querySelector(MARK_TAG)!)!;
    root.querySelector('button')!.dispatchEvent(trustedClick());
    await vi.waitFor(() => expect(root.querySelector('.card .status-picker')?.getAttribute('data-reading-status')).toBe('reading'));
    saved = false;
    await layer.refresh();
    expect(root.querySelector('.card .status-picker')?.hasAttribute('data-reading-status')).toBe(false);
    expect([...root.querySelectorAll('.card .status-choice')].map((c) => c.getAttribute('aria-pressed'))).toEqual(['false', 'false', 'false']);
    expect(root.querySelector('.card .lantern-save')?.getAttribute('aria-pressed')).toBe('false');
    expect(loadCard).toHaveBeenCalledTimes(2);
  });

  it.each([
    ['the same mark twice: its card once', ['a', 'a'], ['Title of a']],
    ['two marks: the last one’s card only', ['a', 'b'], ['Title of b']],
  ])('opens one card for clicks made while it loads, %s; Esc closes it', async (_case, clicked, shown) => {
    if (!HTMLElement.prototype.showPopover) HTMLElement.prototype.showPopover = () => undefined;
    const waiting: (() => void)[] = [];
    const loadCard = vi.fn<MarkActions['loadCard']>(
      (id) => new Promise((resolve) => waiting.push(() => resolve({ paper: { ...paper, id, title: `Title of ${id}` }, via: 'arxiv', related: [], listNames: ['LLMs in Medicine'], saved: false, recentlyRemoved: false }))),
    );
    const layer = createMarkLayer(document, { ...actions(), loadCard });
    layer.mark(listing(['a', 'b']), [hit('a'), hit('b')], 'listing');
    const shadows = [...document.querySelectorAll(MARK_TAG)].map((host) => roots.get(host)!);
    const cards = () => shadows.flatMap((root) => [...root.querySelectorAll('.card .title')].map((t) => t.textContent));
    for (const id of clicked) shadows[id === 'a' ? 0 : 1]!.querySelector('button')!.dispatchEvent(trustedClick());
    for (const done of waiting.splice(0)) done();
    await vi.waitFor(() => expect(cards()).toEqual(shown));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(cards()).toEqual(shown);
    const escape = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true });
    Object.defineProperty(escape, 'isTrusted', { value: true });
    for (const root of shadows) root.querySelector('.card')?.dispatchEvent(escape);
    expect(cards()).toEqual([]);
    layer.remove();
  });

  it('takes over the marks drawn before it (a listing readers’ chips): a click opens nothing until it is there, then their card', async () => {
    if (!HTMLElement.prototype.showPopover) HTMLElement.prototype.showPopover = () => undefined;
    const loadCard = vi.fn<MarkActions['loadCard']>(async () => ({ paper, via: 'arxiv', related: [], listNames: ['LLMs in Medicine'], saved: false, recentlyRemoved: false }));
    const chips = createMarkChips(document, actions());
    const opened: string[] = [];
    chips.onOpen = (mark) => opened.push(mark.hit.id);
    chips.mark(listing(['a']), [hit('a')], 'listing');
    const root = roots.get(document.querySelector(MARK_TAG)!)!;
    const styles = () => root.adoptedStyleSheets.length + root.querySelectorAll('style').length;
    const chipStyles = styles();
    root.querySelector('button')!.dispatchEvent(trustedClick());
    expect(opened).toEqual(['a']);
    expect(root.querySelector('.card')).toBeNull();
    const layer = createMarkLayer(document, { ...actions(), loadCard }, chips);
    root.querySelector('button')!.dispatchEvent(trustedClick());
    await vi.waitFor(() => expect(root.querySelector('.card .title')?.textContent).toBe('Title of a'));
    expect(opened).toEqual(['a']);
    // The card's styles join the chip's in that mark's root, once.
    expect(styles()).toBe(chipStyles + 1);
    layer.remove();
    expect(document.querySelector(MARK_TAG)).toBeNull();
  });
});

describe('the page glyphs', () => {
  it('are drawn the same as plain DOM (a chip) and by Preact (the badge, a card)', () => {
    for (const [shape, Glyph] of [
      [LANTERN_ICON, LanternMark],
      [STATUS_GLYPHS, StatusGlyphs],
    ] as const) {
      const holder = document.createElement('div');
      render(<Glyph />, holder);
      expect(svgElement(document, shape).outerHTML).toBe(holder.innerHTML);
      expect(holder.querySelectorAll('*').length).toBeGreaterThan(3);
    }
  });
});
