import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Badge, type BadgeProps } from '../../components/Badge';
import { MAX_RELATED } from '../../components/EntryView';
import { BADGE_TAG, createBadgeHost } from '../../components/BadgeHost';
import type { Paper, PageMatch } from '../../lib/types';
import { withAuthorList } from '../fixtures/authors';
import { freshRoot, shownText, unmount } from './pageTest';

function paper(overrides: Partial<Paper> & Pick<Paper, 'id' | 'title'>): Paper {
  return withAuthorList({
    authors: 'Harsha Nori et al.',
    venue: 'arXiv',
    year: 2023,
    month: 11,
    categories: ['Evaluating General-Purpose LLMs in Medicine via Prompting'],
    links: [],
    ids: { repos: [] },
    titleKey: overrides.title.toLowerCase(),
    line: 1,
    lists: ['seed'],
    ...overrides,
  });
}

const listed = paper({
  id: 'arxiv:2311.16452',
  title: 'Can Generalist Foundation Models Outcompete Special-Purpose Tuning? Case Study in Medicine',
  categories: ['Evaluation › Strategies', 'Specialized Medical LLMs'],
  links: [
    { kind: 'paper', url: 'https://arxiv.org/abs/2311.16452', label: 'paper' },
    { kind: 'code', url: 'https://github.com/microsoft/promptbase', label: 'code' },
    { kind: 'blog', url: 'javascript:alert(1)', label: 'blog' },
  ],
});

const neighbours = Array.from({ length: 7 }, (_, i) =>
  paper({
    id: `arxiv:2310.0000${i}`,
    title: `Neighbour paper ${i}`,
    year: 2023,
    month: 10,
    links: i === 2 ? [{ kind: 'paper', url: 'javascript:void(0)', label: 'paper' }] : [{ kind: 'paper', url: `https://arxiv.org/abs/2310.0000${i}`, label: 'paper' }],
  }),
);

const match: PageMatch = { paper: listed, via: 'arxiv', related: neighbours, saved: false, listNames: ['LLMs in Medicine'] };

let root: HTMLElement;
beforeEach(() => {
  root = freshRoot();
});
afterEach(() => unmount(root));

function draw(overrides: Partial<BadgeProps> = {}) {
  const props: BadgeProps = {
    match,
    collapsed: false,
    onToggleSave: vi.fn(),
    onSetStatus: vi.fn(),
    onCollapsedChange: vi.fn(),
    onDismiss: vi.fn(),
    ...overrides,
  };
  render(<Badge {...props} />, root);
  return props;
}

const $ = (selector: string) => root.querySelector(selector);
const $$ = (selector: string) => [...root.querySelectorAll(selector)];

describe('Badge card', () => {
  it('says which list holds the paper and shows the title as listed', () => {
    draw();
    expect(shownText($('.in'))).toBe('In LLMs in Medicine');
    expect($('.title')?.textContent).toBe(listed.title);
  });

  it('shows every category by its leaf, with the full path on hover', () => {
    draw();
    const categories = $$('.category');
    expect(categories.map((c) => c.textContent)).toEqual(['Strategies', 'Specialized Medical LLMs']);
    expect(categories.map((c) => c.getAttribute('title'))).toEqual(['Evaluation › Strategies', 'Specialized Medical LLMs']);
  });

  it('shows a category named like the list with its parent, so it does not read as the list', () => {
    const survey = { ...listed, categories: ['Valuable Resources › Related Surveys › LLMs in Medicine', 'Evaluation › Strategies'] };
    draw({ match: { ...match, paper: survey } });
    expect(shownText($('.in'))).toBe('In LLMs in Medicine');
    expect($$('.category').map((c) => c.textContent)).toEqual(['Related Surveys › LLMs in Medicine', 'Strategies']);
  });

  it('shows authors, date and venue', () => {
    draw();
    expect($('.meta')?.textContent).toBe('Harsha Nori et al. · arXiv · Nov 2023');
  });

  it('names every paper a shared address is listed for', () => {
    draw({ match: { ...match, via: 'link', sharedWith: [{ id: 'title:b', title: 'Paper B' }, { id: 'title:c', title: 'Paper C' }] } });
    expect($('[data-shared]')?.textContent).toBe('This address is listed for 3 papers: this one and “Paper B”, “Paper C”.');
    draw();
    expect($('[data-shared]')).toBeNull();
  });

  it('shows the authors from the structured names, not from a byline string', () => {
    // A byline bent by an old re-split; the names themselves are right.
    const bent = { ...listed, authors: 'Organization, World Health, Jr., Rivera', authorList: { names: [{ literal: 'World Health Organization' }, { family: 'Rivera', given: 'J. Q.', suffix: 'Jr.' }], etAl: false } };
    draw({ match: { ...match, paper: bent } });
    expect($('.authors')?.textContent).toBe('World Health Organization, J. Q. Rivera Jr.');
  });

  it('renders only http(s) links', () => {
    draw();
    const links = $$('.link') as HTMLAnchorElement[];
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['paper', 'https://arxiv.org/abs/2311.16452'],
      ['code', 'https://github.com/microsoft/promptbase'],
    ]);
    expect(links.every((a) => a.getAttribute('rel')?.includes('noopener'))).toBe(true);
    expect(root.innerHTML).not.toContain('javascript:');
  });

  it('lists at most five related entries, each linking to its paper', () => {
    draw();
    const items = $$('.related-item');
    expect(items).toHaveLength(MAX_RELATED);
    expect(items.map((li) => li.getAttribute('data-paper-id'))).toEqual(neighbours.slice(0, 5).map((p) => p.id));
    const firstLink = items[0]?.querySelector('a');
    expect(firstLink?.getAttribute('href')).toBe('https://arxiv.org/abs/2310.00000');
    // An entry whose only link is not http(s) is shown as text.
    expect(items[2]?.querySelector('a')).toBeNull();
    expect(items[2]?.textContent).toContain('Neighbour paper 2');
  });

  it('has no related section when the list holds nothing related', () => {
    draw({ match: { ...match, related: [] } });
    expect($('.related')).toBeNull();
  });

  it('shows the save state with aria-pressed and asks to toggle it', () => {
    const props = draw();
    const save = $('.lantern-save') as HTMLButtonElement;
    expect(save.getAttribute('aria-pressed')).toBe('false');
    save.click();
    expect(props.onToggleSave).toHaveBeenCalledTimes(1);
    draw({ match: { ...match, saved: true } });
    expect(($('.lantern-save') as HTMLButtonElement).getAttribute('aria-pressed')).toBe('true');
  });

  it('offers to save with a reading status, and once saved asks for another one when pressed', () => {
    const unsaved = draw();
    expect($('.status-picker')?.getAttribute('aria-label')).toBe(`Save “${listed.title}” as`);
    expect($('.status-picker')?.hasAttribute('data-reading-status')).toBe(false);
    expect(shownText($('.status-label'))).toBe('Save as');
    expect(($$('.status-choice') as HTMLButtonElement[]).map((c) => c.getAttribute('aria-pressed'))).toEqual(['false', 'false', 'false']);
    ($$('.status-choice')[1] as HTMLButtonElement).click();
    expect(unsaved.onSetStatus).toHaveBeenCalledWith('reading');
    const props = draw({ match: { ...match, saved: true, status: 'reading' } });
    expect(shownText($('.status-label'))).toBe('Status');
    const group = $('.status-picker');
    expect(group?.getAttribute('role')).toBe('group');
    expect(group?.getAttribute('aria-label')).toBe(`Reading status of “${listed.title}”`);
    const choices = $$('.status-choice') as HTMLButtonElement[];
    expect(choices.map((c) => [shownText(c), c.getAttribute('aria-pressed'), c.tabIndex])).toEqual([
      ['To read', 'false', -1],
      ['Reading', 'true', 0],
      ['Read', 'false', -1],
    ]);
    choices[1]!.click();
    expect(props.onSetStatus).not.toHaveBeenCalled();
    choices[2]!.click();
    expect(props.onSetStatus).toHaveBeenCalledWith('read');
  });

  it('moves between the status choices with the arrow keys, wrapping around', () => {
    draw({ match: { ...match, saved: true, status: 'to-read' } });
    const choices = $$('.status-choice') as HTMLButtonElement[];
    const press = (key: string) => (document.activeElement as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    choices[0]!.focus();
    press('ArrowRight');
    expect(document.activeElement).toBe(choices[1]);
    press('ArrowLeft');
    press('ArrowLeft');
    expect(document.activeElement).toBe(choices[2]);
    press('ArrowRight');
    expect(document.activeElement).toBe(choices[0]);
  });

  it('keeps the toggle focused and enabled across a save (keyboard users stay in place)', () => {
    let saved = false;
    const redraw = () => draw({ match: { ...match, saved }, onToggleSave: () => ((saved = !saved), redraw()) });
    act(() => {
      redraw();
    });
    const save = $('.lantern-save') as HTMLButtonElement;
    save.focus();
    act(() => save.click());
    expect(document.activeElement).toBe($('.lantern-save'));
    expect(($('.lantern-save') as HTMLButtonElement).disabled).toBe(false);
    expect($('.lantern-save')?.getAttribute('aria-pressed')).toBe('true');
  });

  it('asks once before unsaving a paper with a note or tags (Keep keeps it), and unsaves others at once', () => {
    const onToggleSave = vi.fn();
    act(() => {
      draw({ match: { ...match, saved: true, hasNoteOrTags: true }, onToggleSave });
    });
    act(() => ($('.lantern-save') as HTMLButtonElement).click());
    expect(onToggleSave).not.toHaveBeenCalled();
    expect(shownText($('[data-confirm-remove]'))).toContain('Your note and tags go with it');
    const keep = $$('[data-confirm-remove] button')[1] as HTMLButtonElement;
    expect(document.activeElement).toBe(keep);
    act(() => keep!.click());
    expect($('[data-confirm-remove]')).toBeNull();
    // Not to the page: the button pressed is gone, the focus is on Save.
    expect(document.activeElement).toBe($('.lantern-save'));
    expect(onToggleSave).not.toHaveBeenCalled();

    act(() => ($('.lantern-save') as HTMLButtonElement).click());
    act(() => ($$('[data-confirm-remove] button')[0] as HTMLButtonElement).click());
    expect(onToggleSave).toHaveBeenCalledTimes(1);

    act(() => {
      draw({ match: { ...match, saved: true, hasNoteOrTags: false }, onToggleSave });
    });
    act(() => ($('.lantern-save') as HTMLButtonElement).click());
    expect($('[data-confirm-remove]')).toBeNull();
    expect(onToggleSave).toHaveBeenCalledTimes(2);
  });

  it('offers Undo for a paper removed and still restorable, and Undo saves it again', () => {
    const props = draw({ match: { ...match, saved: false, recentlyRemoved: true } });
    expect(shownText($('[data-removed]'))).toContain('Removed from your reading list.');
    // Over the status row, which stays (hidden and inert) so that the card keeps its height.
    expect($('[data-removed]')?.parentElement?.className).toBe('state-row');
    expect(($('.state-choice') as HTMLElement).inert).toBe(true);
    ($('[data-removed] button') as HTMLButtonElement).click();
    expect(props.onToggleSave).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe($('.lantern-save'));
    draw({ match: { ...match, saved: true, recentlyRemoved: false } });
    expect($('[data-removed]')).toBeNull();
    expect(($('.state-choice') as HTMLElement).inert).toBe(false);
    draw({ match: { ...match, saved: false } });
    expect($('[data-removed]')).toBeNull();
  });

  it('collapses with its button and with Escape, and can be dismissed', () => {
    const props = draw();
    ($('[aria-label="Collapse"]') as HTMLButtonElement).click();
    expect(props.onCollapsedChange).toHaveBeenLastCalledWith(true);

    const save = $('.lantern-save') as HTMLButtonElement;
    save.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(props.onCollapsedChange).toHaveBeenCalledTimes(2);

    ($('[aria-label="Hide on this page"]') as HTMLButtonElement).click();
    expect(props.onDismiss).toHaveBeenCalledTimes(1);
  });

  it('renders hostile list text as text, never as markup', () => {
    const hostile = paper({ id: 'title:x', title: '<img src=x onerror=alert(1)><script>alert(1)</script>' });
    draw({ match: { ...match, paper: hostile, listNames: ['<b>list</b>'] } });
    expect($('.title')?.textContent).toBe(hostile.title);
    expect($('img')).toBeNull();
    expect($('script')).toBeNull();
    expect($('b')).toBeNull();
  });
});

describe('Badge: what the paper cites', () => {
  it('says how many listed papers the references cite, expandable to each with its category', () => {
    const cites = [
      { id: 'arxiv:1', title: 'First cited', categories: ['Models › Specialized Medical LLMs'], status: 'none' as const, isNew: false },
      { id: 'doi:10.1/x', title: '<b>Second</b> cited', categories: ['Surveys'], status: 'saved' as const, isNew: false },
    ];
    draw({ cites });
    expect($('.cites-summary')?.textContent).toBe('Cites 2 papers from the list');
    expect($$('.cites-item').map((li) => [li.getAttribute('data-paper-id'), li.querySelector('.cites-title')?.textContent, li.querySelector('.cites-category')?.textContent])).toEqual([
      ['arxiv:1', 'First cited', 'Specialized Medical LLMs'],
      ['doi:10.1/x', '<b>Second</b> cited', 'Surveys'],
    ]);
    expect($('.cites b')).toBeNull();
    // Not among the related entries (automation reads those by .related-item).
    expect($$('.related-item').some((li) => li.closest('.cites'))).toBe(false);
  });

  it('says nothing when the references cite no listed paper', () => {
    draw({ cites: [] });
    expect($('.cites')).toBeNull();
  });
});

describe('Badge pill', () => {
  it('is a single button that names the list and expands on click', () => {
    const props = draw({ collapsed: true });
    expect($('.card')).toBeNull();
    const pill = $('.pill') as HTMLButtonElement;
    expect(shownText(pill)).toBe('In LLMs in Medicine');
    expect(pill.getAttribute('aria-expanded')).toBe('false');
    pill.click();
    expect(props.onCollapsedChange).toHaveBeenCalledWith(false);
  });

  it('says "In the list" when the list name is too long for a pill, naming it for screen readers', () => {
    const longName = 'Large Language Models Illuminate a Progressive Pathway to Artificial Healthcare Assistant: A Review';
    draw({ collapsed: true, match: { ...match, listNames: [longName] } });
    expect(shownText($('.pill'))).toBe('In the list');
    expect($('.pill')?.getAttribute('aria-label')).toContain(longName);
  });

  it('shows the reading status in the icon’s place and says it in words, its text the same saved or not', () => {
    draw({ collapsed: true });
    const unsaved = { status: $('.pill')?.getAttribute('data-status'), text: shownText($('.pill')) };
    expect(unsaved.status).toBe('none');
    draw({ collapsed: true, match: { ...match, saved: true, status: 'reading' } });
    const pill = $('.pill')!;
    expect(pill.getAttribute('data-status')).toBe('reading');
    expect(shownText(pill)).toBe(unsaved.text);
    expect(pill.querySelector('.glyph .state')).not.toBeNull();
    expect(pill.getAttribute('aria-label')).toBe('Lantern: in LLMs in Medicine (Reading). Show details');
    expect(pill.getAttribute('title')).toBe(`${listed.title}\nReading`);
  });

  it('writes the same text in its card whatever the reader did with the paper (a page’s window.find searches it)', () => {
    const zotero = { inZotero: false, sending: false, onSend: vi.fn(), onNotice: vi.fn() };
    const states: Partial<PageMatch>[] = [
      { saved: false },
      { saved: true, status: 'to-read' },
      { saved: true, status: 'read', hasNoteOrTags: true },
      { saved: false, recentlyRemoved: true },
    ];
    const texts = states.flatMap((state) =>
      [false, true].map((inZotero) => {
        draw({ match: { ...match, ...state }, zotero: { ...zotero, inZotero } });
        return root.textContent;
      }),
    );
    expect(new Set(texts).size).toBe(1);
    // What the reader sees does change: the words are drawn.
    draw({ match: { ...match, saved: false, recentlyRemoved: true }, zotero: { ...zotero, inZotero: true } });
    expect(shownText($('[data-removed]'))).toContain('Removed');
    expect(shownText($('.lantern-save'))).toBe('Save');
    expect(shownText($('[data-in-zotero]'))).toBe('In Zotero');
    draw({ match: { ...match, saved: true }, zotero });
    expect(shownText($('.lantern-save'))).toBe('Saved');
    expect($('[data-in-zotero]')).toBeNull();
  });

  it('moves focus to the pill when the user collapses, but never steals focus on first draw', () => {
    const outside = document.createElement('input');
    document.body.append(outside);
    outside.focus();
    let collapsed = false;
    const redraw = () =>
      draw({
        collapsed,
        onCollapsedChange: (next) => {
          collapsed = next;
          redraw();
        },
      });
    act(() => {
      redraw();
    });
    expect(document.activeElement).toBe(outside);
    act(() => ($('[aria-label="Collapse"]') as HTMLButtonElement).click());
    expect(document.activeElement).toBe($('.pill'));
    outside.remove();
  });
});

describe('BadgeHost', () => {
  /** The shadow roots elements attached during `run`, as the page could never see them. */
  function capturingShadowRoots(run: () => void): ShadowRoot[] {
    const roots: ShadowRoot[] = [];
    const attach = HTMLElement.prototype.attachShadow;
    const spy = vi.spyOn(HTMLElement.prototype, 'attachShadow').mockImplementation(function (this: HTMLElement, init: ShadowRootInit) {
      const root = attach.call(this, init);
      roots.push(root);
      return root;
    });
    try {
      run();
    } finally {
      spy.mockRestore();
    }
    return roots;
  }

  /** A click the browser would mark as the user's own (happy-dom marks none). */
  function trustedClick(): MouseEvent {
    const event = new MouseEvent('click', { bubbles: true, composed: true });
    Object.defineProperty(event, 'isTrusted', { value: true });
    return event;
  }

  it('draws into <lantern-badge data-paper-id> with a closed shadow root and its own styles', () => {
    let host!: NonNullable<ReturnType<typeof createBadgeHost>>;
    const [shadow] = capturingShadowRoots(() => {
      host = createBadgeHost(document)!;
      host.draw({ match, collapsed: false, onToggleSave: vi.fn(), onSetStatus: vi.fn(), onCollapsedChange: vi.fn(), onDismiss: vi.fn() });
    });
    const element = document.querySelector(BADGE_TAG) as HTMLElement;
    expect(element).toBe(host.element);
    expect(element.getAttribute('data-paper-id')).toBe(listed.id);
    // The page sees the host only: no shadowRoot, no attributes beyond the paper id.
    expect(element.shadowRoot).toBeNull();
    expect(element.getAttributeNames()).toEqual(['data-paper-id']);
    expect(shadow?.mode).toBe('closed');
    // (vitest serves CSS imports empty; the E2E screenshots check the styles themselves)
    expect(shadow?.querySelector('style')).not.toBeNull();
    expect(shadow?.querySelector('.title')?.textContent).toBe(listed.title);
    // Nothing of the badge leaks into the page's own DOM.
    expect(element.children).toHaveLength(0);
    host.remove();
    expect(document.querySelector(BADGE_TAG)).toBeNull();
  });

  it('ignores synthetic clicks and keys, and answers the user’s own', () => {
    const onToggleSave = vi.fn();
    const onCollapsedChange = vi.fn();
    let host!: NonNullable<ReturnType<typeof createBadgeHost>>;
    const [shadow] = capturingShadowRoots(() => {
      host = createBadgeHost(document)!;
      host.draw({ match, collapsed: false, onToggleSave, onSetStatus: vi.fn(), onCollapsedChange, onDismiss: vi.fn() });
    });
    const save = shadow!.querySelector('.lantern-save') as HTMLButtonElement;
    save.click();
    save.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    save.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    expect(onToggleSave).not.toHaveBeenCalled();
    expect(onCollapsedChange).not.toHaveBeenCalled();

    save.dispatchEvent(trustedClick());
    expect(onToggleSave).toHaveBeenCalledTimes(1);
    host.remove();
  });

  it('gives up (no badge) when the browser refuses the element a shadow root', () => {
    // A page's own `lantern-badge` definition runs only once the host is in the page, after its
    // closed root is attached (page-attacks.e2e.ts tries it in real browsers); a refusal is all
    // that is left to handle here.
    vi.spyOn(HTMLElement.prototype, 'attachShadow').mockImplementationOnce(() => {
      throw new DOMException('Not supported', 'NotSupportedError');
    });
    expect(createBadgeHost(document)).toBeNull();
    expect(document.querySelector(BADGE_TAG)).toBeNull();
  });
});
