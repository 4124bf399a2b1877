import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { App } from '../../entrypoints/popup/App';
import { createPopupCatalog } from '../../entrypoints/popup/catalog';
import type { PopupServices, TabListings } from '../../entrypoints/popup/services';
import type { TabPaper } from '../../components/ThisTab';
import { namesFromByline } from '../../lib/names';
import type { Paper, ReadingStatus } from '../../lib/types';
import { buildSearchIndex } from '../../lib/search/engine';
import { freshRoot, shownText, unmount } from './pageTest';

function paper(id: string, title: string, authors: string, year: number, month: number, categories: string[], links: Paper['links']): Paper {
  const arxiv = id.startsWith('arxiv:') ? id.slice(6) : undefined;
  return {
    id,
    title,
    authors,
    authorList: namesFromByline(authors),
    venue: 'arXiv',
    year,
    month,
    categories,
    links,
    ids: { repos: [], ...(arxiv ? { arxiv } : {}) },
    titleKey: title.toLowerCase(),
    line: 1,
    lists: ['seed'],
  };
}

const PAPERS: Paper[] = [
  paper('arxiv:2311.16079', 'MEDITRON-70B: Scaling Medical Pretraining for Large Language Models', 'Zeming Chen et al.', 2023, 11, ['Specialized Medical LLMs'], [
    { kind: 'paper', url: 'https://arxiv.org/abs/2311.16079', label: 'paper' },
    { kind: 'code', url: 'https://github.com/epfLLM/meditron', label: 'code' },
  ]),
  paper('arxiv:2306.08666', 'Radiology-GPT: A Large Language Model for Radiology', 'Zhengliang Liu et al.', 2023, 6, ['Specialized Medical LLMs'], [
    { kind: 'paper', url: 'https://arxiv.org/abs/2306.08666', label: 'paper' },
  ]),
  paper('arxiv:2212.13138', 'Large Language Models Encode Clinical Knowledge', 'Karan Singhal et al.', 2022, 12, ['Evaluation'], [
    { kind: 'paper', url: 'https://arxiv.org/abs/2212.13138', label: 'paper' },
    { kind: 'other', url: 'javascript:alert(1)', label: 'evil' },
  ]),
  paper('arxiv:2310.19061', 'Can GPT-4V(ision) Serve Medical Applications?', 'Zhiling Yan et al.', 2023, 10, ['Multimodal LLMs in Medicine › GPT-4V'], [
    { kind: 'paper', url: 'https://arxiv.org/abs/2310.19061', label: 'paper' },
  ]),
];

interface Harness {
  services: PopupServices;
  opened: string[];
  closed: number;
  saved: Set<string>;
  /** Reading status of saved papers not "to-read". */
  statuses: Map<string, ReadingStatus>;
  /** Saved papers that hold a note or tags (kept when removed, as the reading list does). */
  withNotes: Set<string>;
  /** Removed papers, restorable. */
  removed: Set<string>;
}

function makeServices(tab: TabPaper | null = null, listings: TabListings = { listed: [], cites: [] }): Harness {
  const listeners = new Set<(ids: ReadonlySet<string>, statuses: ReadonlyMap<string, ReadingStatus>) => void>();
  const h: Harness = { opened: [], closed: 0, saved: new Set(), statuses: new Map(), withNotes: new Set(), removed: new Set(), services: undefined as unknown as PopupServices };
  const removedListeners = new Set<(ids: ReadonlySet<string>) => void>();
  const statusesNow = () => new Map([...h.saved].map((id) => [id, h.statuses.get(id) ?? 'to-read']));
  const notify = () => {
    listeners.forEach((l) => l(new Set(h.saved), statusesNow()));
    removedListeners.forEach((l) => l(new Set(h.removed)));
  };
  const setSaved = async (id: string, saved: boolean) => {
    if (saved) {
      h.saved.add(id);
      h.removed.delete(id);
    } else if (h.saved.delete(id)) h.removed.add(id);
    notify();
  };
  h.services = {
    watchCatalog: (onChange) => {
      onChange(
        createPopupCatalog({
          index: buildSearchIndex(PAPERS),
          papersForHits: async (hits) => hits.map((h) => PAPERS.find((p) => p.id === h.id)!),
          listName: 'LLMs in Medicine',
          lists: [{ id: 'seed', name: 'LLMs in Medicine' }],
          papersByKeys: async (keys) => PAPERS.filter((p) => keys.includes(`arxiv:${p.ids.arxiv}`)),
        }),
      );
      return () => undefined;
    },
    watchEntriesSeenAt: (onChange) => {
      onChange(undefined);
      return () => undefined;
    },
    watchSaved(onChange) {
      listeners.add(onChange);
      onChange(new Set(h.saved), statusesNow());
      return () => listeners.delete(onChange);
    },
    watchInZotero: (onChange) => {
      onChange(new Set());
      return () => undefined;
    },
    watchRemoved(onChange) {
      removedListeners.add(onChange);
      onChange(new Set(h.removed));
      return () => removedListeners.delete(onChange);
    },
    hasNoteOrTags: async (id) => h.saved.has(id) && h.withNotes.has(id),
    sendToZotero: async (ids) => ({ sent: [], notSent: [...ids], ok: false, message: 'Zotero isn’t running. Start it and try again. Nothing was sent.' }),
    copyText: async (_text, what) => `Copied the ${what} to the clipboard.`,
    setSaved: (p, saved) => setSaved(p.id, saved),
    loadTab: async () => tab,
    setTabSaved: (t, saved) => setSaved(t.kind === 'listed' ? t.paper.id : t.paperId, saved),
    setStatus: async (id, status) => {
      if (!h.saved.has(id)) return;
      h.statuses.set(id, status);
      notify();
    },
    loadTabListings: async () => listings,
    setListedSaved: (id, saved) => setSaved(id, saved),
    loadShortcut: async () => 'Alt+Shift+S',
    openUrl: (url) => h.opened.push(url),
    close: () => h.closed++,
    libraryUrl: 'chrome-extension://x/library.html',
    optionsUrl: 'chrome-extension://x/options.html',
    modKey: 'Ctrl',
  };
  return h;
}

let root: HTMLElement;

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await act(async () => new Promise((r) => setTimeout(r, 0)));
}

async function mount(h: Harness, initialQuery?: string): Promise<void> {
  await act(() => render(<App services={h.services} initialQuery={initialQuery} />, root));
  await flush();
}

function input(): HTMLInputElement {
  return root.querySelector('input[type=search]')!;
}

async function type(text: string): Promise<void> {
  await act(() => {
    input().value = text;
    input().dispatchEvent(new Event('input', { bubbles: true }));
  });
  await flush();
}

async function key(k: string, init: KeyboardEventInit = {}): Promise<void> {
  await act(() => {
    input().dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init }));
  });
  await flush();
}

const resultIds = () => [...root.querySelectorAll('[role=listbox] [data-paper-id]')].map((e) => e.getAttribute('data-paper-id'));

beforeEach(() => {
  root = freshRoot();
});
afterEach(() => unmount(root));

describe('popup', () => {
  it('focuses the search box and shows categories with counts and the newest papers when empty', async () => {
    await mount(makeServices());
    expect(document.activeElement).toBe(input());
    const chips = [...root.querySelectorAll('.chip')].map((c) => c.textContent);
    expect(chips).toContain('Specialized Medical LLMs2');
    expect(resultIds()).toEqual(['arxiv:2311.16079', 'arxiv:2310.19061', 'arxiv:2306.08666', 'arxiv:2212.13138']);
    expect(root.querySelector('[data-entry-count]')?.getAttribute('data-entry-count')).toBe('4');
    expect(root.querySelector('[data-entry-count]')?.textContent).toBe('4 papers · LLMs in Medicine');
    const heading = root.querySelector('[aria-live=polite]');
    expect([heading?.textContent, heading?.classList.contains('section-heading')]).toEqual(['Newest papers', true]);
  });

  it('shows on each category chip how many of its papers are read, being read and saved', async () => {
    const h = makeServices();
    h.saved = new Set(['arxiv:2311.16079', 'arxiv:2306.08666', 'arxiv:2212.13138']);
    h.statuses = new Map([
      ['arxiv:2311.16079', 'read'],
      ['arxiv:2306.08666', 'reading'],
    ]);
    await mount(h);
    const chip = (category: string) => root.querySelector<HTMLElement>(`.chip[data-category="${category}"]`)!;
    const figures = (category: string) => ['read', 'reading', 'saved', 'total'].map((k) => chip(category).getAttribute(`data-${k}`));
    expect(figures('Specialized Medical LLMs')).toEqual(['1', '1', '2', '2']);
    expect(chip('Specialized Medical LLMs').querySelector('.chip-count')?.textContent).toBe('1 of 2 read');
    expect(chip('Specialized Medical LLMs').querySelector('.chip-count')?.getAttribute('aria-label')).toBe('2 papers: 1 read, 1 reading, 2 saved');
    expect(figures('Evaluation')).toEqual(['0', '0', '1', '1']);
    expect(figures('Multimodal LLMs in Medicine › GPT-4V')).toEqual(['0', '0', '0', '1']);
    expect(chip('Multimodal LLMs in Medicine › GPT-4V').querySelector('.chip-count')?.textContent).toBe('1');
  });

  it('shows results as options of a labelled listbox, with the count announced', async () => {
    await mount(makeServices());
    await type('radi');
    const listbox = root.querySelector('[role=listbox]')!;
    expect(listbox.getAttribute('aria-label')).toBe('Results');
    expect(input().getAttribute('aria-controls')).toBe(listbox.id);
    expect(resultIds()).toEqual(['arxiv:2306.08666']);
    expect(root.querySelector('[aria-live=polite]')?.textContent).toBe('1 result');
    const option = listbox.querySelector('[role=option]')!;
    expect(option.querySelector('h3')?.textContent).toBe('Radiology-GPT: A Large Language Model for Radiology');
    // Named by its title alone, not by the buttons inside it.
    expect(option.getAttribute('aria-labelledby')).toBe(option.querySelector('h3')?.id);
    expect([...option.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Radi', 'Radi']);
    expect(option.textContent).toContain('Zhengliang Liu et al.');
    expect(option.textContent).toContain('arXiv · Jun 2023');
  });

  it('carries over what was typed before it started', async () => {
    await mount(makeServices(), 'meditron');
    expect(input().value).toBe('meditron');
    expect(input().selectionStart).toBe('meditron'.length);
    expect(resultIds()).toEqual(['arxiv:2311.16079']);
  });

  it('renders only http(s) links', async () => {
    await mount(makeServices());
    await type('singhal');
    const hrefs = [...root.querySelectorAll('[role=option] a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://arxiv.org/abs/2212.13138']);
  });

  it('moves with the arrow keys, points the input at the active option, and opens it with Enter', async () => {
    const h = makeServices();
    await mount(h);
    await type('large language');
    expect(resultIds().length).toBeGreaterThan(1);
    expect(input().hasAttribute('aria-activedescendant')).toBe(false);
    await key('ArrowDown');
    await key('ArrowDown');
    const options = [...root.querySelectorAll('[role=option]')];
    expect(options.map((o) => o.getAttribute('aria-selected'))).toEqual(options.map((_, i) => String(i === 1)));
    expect(input().getAttribute('aria-activedescendant')).toBe(options[1]!.id);
    await key('ArrowUp');
    await key('ArrowUp');
    expect(input().getAttribute('aria-activedescendant')).toBe(options[options.length - 1]!.id);
    await key('Enter');
    const last = PAPERS.find((p) => p.id === options[options.length - 1]!.getAttribute('data-paper-id'))!;
    expect(h.opened).toEqual([last.links[0]!.url]);
  });

  it('saves the active result with Ctrl+S and shows it saved', async () => {
    const h = makeServices();
    await mount(h);
    await type('meditron');
    await key('ArrowDown');
    await key('s', { ctrlKey: true });
    expect([...h.saved]).toEqual(['arxiv:2311.16079']);
    expect(root.querySelector('[data-paper-id="arxiv:2311.16079"] [aria-pressed]')?.getAttribute('aria-pressed')).toBe('true');
    await key('s', { ctrlKey: true });
    expect(h.saved.size).toBe(0);
  });

  it('asks once before unsaving a result with a note or tags, then offers Undo in its row', async () => {
    const h = makeServices();
    h.saved.add('arxiv:2311.16079');
    h.withNotes.add('arxiv:2311.16079');
    await mount(h);
    await type('meditron');
    const row = () => root.querySelector('[role=listbox] [data-paper-id="arxiv:2311.16079"]')!;
    const press = async (selector: string) => {
      await act(() => row().querySelector<HTMLButtonElement>(selector)!.click());
      await flush();
    };
    await press('.lantern-save');
    expect(shownText(row().querySelector('[data-confirm-remove]'))).toContain('Your note and tags go with it');
    expect(h.saved.has('arxiv:2311.16079')).toBe(true);
    await press('[data-confirm-remove] button:last-of-type');
    expect(row().querySelector('[data-confirm-remove]')).toBeNull();
    expect(h.saved.has('arxiv:2311.16079')).toBe(true);

    await press('.lantern-save');
    await press('[data-confirm-remove] button:first-of-type');
    expect(h.saved.has('arxiv:2311.16079')).toBe(false);
    expect(shownText(row().querySelector('[data-removed]'))).toContain('Removed from your reading list.');
    // The buttons act on the row's paper only: the row itself (which opens the paper) is not clicked.
    await press('[data-removed] button');
    expect(h.opened).toEqual([]);
    expect(h.saved.has('arxiv:2311.16079')).toBe(true);
    expect(row().querySelector('[data-removed]')).toBeNull();
  });

  it('clears with the first Esc and closes with the second', async () => {
    const h = makeServices();
    await mount(h);
    await type('radi');
    await key('Escape');
    expect(input().value).toBe('');
    expect(h.closed).toBe(0);
    await key('Escape');
    expect(h.closed).toBe(1);
  });

  it('filters by category from a chip, and by saved only', async () => {
    const h = makeServices();
    h.saved.add('arxiv:2212.13138');
    await mount(h);
    const chip = [...root.querySelectorAll<HTMLButtonElement>('.chip')].find((c) => c.dataset.category === 'Evaluation')!;
    await act(() => chip.click());
    await flush();
    expect(resultIds()).toEqual(['arxiv:2212.13138']);
    expect(root.querySelector('.active-filters')?.textContent).toContain('Evaluation');
    await key('Escape');
    await act(() => root.querySelector<HTMLButtonElement>('.filters-toggle')!.click());
    await flush();
    const savedOnly = root.querySelector<HTMLInputElement>('input[name=savedOnly]')!;
    await act(() => savedOnly.click());
    await flush();
    expect(resultIds()).toEqual(['arxiv:2212.13138']);
  });

  it('goes straight to a pasted arXiv id, and says plainly when an id is not in the list', async () => {
    await mount(makeServices());
    await type('https://arxiv.org/pdf/2311.16079v2');
    expect(resultIds()).toEqual(['arxiv:2311.16079']);
    expect(root.querySelector('[aria-live=polite]')?.textContent).toBe('arXiv:2311.16079 is in the list');
    await type('2401.00001');
    expect(resultIds()).toEqual([]);
    expect(root.querySelector('[data-lookup=missing]')?.textContent).toBe('No entry in the list has arXiv:2401.00001; it may be listed under another identifier.');
  });

  it('offers the page of a pasted id that is not in the list, to open in a new tab', async () => {
    await mount(makeServices());
    await type('arXiv:2401.00001');
    expect(root.querySelector('a[data-lookup-link]')?.getAttribute('href')).toBe('https://arxiv.org/abs/2401.00001');
    await type('doi: 10.1000/xyz123');
    expect(root.querySelector('[data-lookup=missing]')?.textContent).toBe('No entry in the list has DOI 10.1000/xyz123; it may be listed under another identifier.');
    expect(root.querySelector('a[data-lookup-link]')?.getAttribute('href')).toBe('https://doi.org/10.1000/xyz123');
    expect(root.querySelector<HTMLAnchorElement>('a[data-lookup-link]')?.target).toBe('_blank');
  });

  it('says so when nothing matches', async () => {
    await mount(makeServices());
    await type('zzzzqx');
    expect(resultIds()).toEqual([]);
    expect(root.querySelector('[aria-live=polite]')?.textContent).toBe('No results');
  });

  it('shows this tab with its save toggle, and offers to save an unlisted paper', async () => {
    const listed = makeServices({ kind: 'listed', paper: PAPERS[1]!, listNames: ['LLMs in Medicine'] });
    await mount(listed);
    const section = root.querySelector('[data-this-tab=listed]')!;
    expect(section.getAttribute('data-paper-id')).toBe('arxiv:2306.08666');
    await act(() => section.querySelector<HTMLButtonElement>('[aria-pressed]')!.click());
    await flush();
    expect([...listed.saved]).toEqual(['arxiv:2306.08666']);
    render(null, root);

    const unlisted = makeServices({ kind: 'unlisted', paperId: 'arxiv:2499.00001', identity: { url: 'https://arxiv.org/abs/2499.00001', arxiv: '2499.00001', title: 'A Paper Not in the List' } });
    await mount(unlisted);
    const offer = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Save this paper')!;
    expect(root.querySelector('[data-this-tab=unlisted]')?.textContent).toContain('A Paper Not in the List');
    await act(() => offer.click());
    await flush();
    expect([...unlisted.saved]).toEqual(['arxiv:2499.00001']);
    expect(root.querySelector('[data-this-tab=unlisted] [aria-pressed]')?.getAttribute('aria-pressed')).toBe('true');
  });

  it('offers this tab’s reading status once saved, and sets it', async () => {
    const listed = makeServices({ kind: 'listed', paper: PAPERS[1]!, listNames: ['LLMs in Medicine'] });
    await mount(listed);
    expect(root.querySelector('[data-this-tab] .status-picker')).toBeNull();
    listed.saved.add('arxiv:2306.08666');
    await act(() => listed.services.setStatus('arxiv:2306.08666', 'to-read'));
    await flush();
    const picker = () => root.querySelector('[data-this-tab] .status-picker');
    expect(picker()?.getAttribute('data-reading-status')).toBe('to-read');
    await act(() => root.querySelector<HTMLButtonElement>('[data-this-tab] [data-status-choice=reading]')!.click());
    await flush();
    expect(listed.statuses.get('arxiv:2306.08666')).toBe('reading');
    expect(picker()?.getAttribute('data-reading-status')).toBe('reading');
    expect(root.querySelector('[data-this-tab] [data-status-choice=reading]')?.getAttribute('aria-pressed')).toBe('true');
  });

  it('shows a saved result’s reading status, and none on results not saved', async () => {
    const h = makeServices();
    h.saved.add(PAPERS[0]!.id);
    h.statuses.set(PAPERS[0]!.id, 'read');
    await mount(h);
    await type('a');
    const statusOf = (id: string) => root.querySelector(`[role=option][data-paper-id="${id}"] .entry-status`)?.textContent ?? null;
    expect(resultIds()).toEqual(expect.arrayContaining([PAPERS[0]!.id, PAPERS[1]!.id]));
    expect(statusOf(PAPERS[0]!.id)).toBe('Read');
    expect(statusOf(PAPERS[1]!.id)).toBeNull();
  });

  it('shows the save-page shortcut with this tab, and links to the library', async () => {
    await mount(makeServices({ kind: 'listed', paper: PAPERS[0]!, listNames: ['LLMs in Medicine'] }));
    expect(root.querySelector('[data-this-tab] [data-shortcut]')?.textContent).toBe('On the page, Alt+Shift+S saves it too.');
    expect(root.querySelector<HTMLAnchorElement>('a[href$="library.html"]')).not.toBeNull();
  });
});

describe('popup with many results', () => {
  it('shows the first screenful before the rest of the papers is read, then all of them', async () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      paper(`arxiv:2401.${String(10000 + i)}`, `Triage model ${i} for emergency care`, 'A et al.', 2024, 1, ['Agents'], []),
    );
    let releaseRest: () => void = () => undefined;
    const asked: number[] = [];
    const h = makeServices();
    h.services.watchCatalog = (onChange) => {
      onChange(
        createPopupCatalog({
          index: buildSearchIndex(many),
          papersForHits: async (hits) => {
            asked.push(hits.length);
            // The papers after the first screenful arrive when the test says so.
            if (hits.length === 20) await new Promise<void>((resolve) => (releaseRest = resolve));
            return hits.map((hit) => many.find((p) => p.id === hit.id)!);
          },
          listName: 'Triage',
          lists: [{ id: 'seed', name: 'Triage' }],
          papersByKeys: async () => [],
        }),
      );
      return () => undefined;
    };
    await mount(h);
    asked.length = 0;
    await type('triage');
    expect(asked).toEqual([10, 20]);
    expect(root.querySelectorAll('[role=option][data-paper-id]')).toHaveLength(10);
    await act(async () => releaseRest());
    await flush();
    expect(root.querySelectorAll('[role=option][data-paper-id]')).toHaveLength(30);
  });
});

describe('popup on a page that lists or cites listed papers', () => {
  const hit = (id: string, title: string, status: 'none' | 'saved' = 'none') => ({
    id,
    title,
    categories: ['Models › Specialized Medical LLMs'],
    status,
    isNew: false,
  });

  it('says when the page has more than Lantern marks', async () => {
    await mount(makeServices(null, { listed: [hit('arxiv:1', 'First listed')], cites: [], capped: true }));
    expect(root.querySelector('[data-listed-count]')?.textContent).toBe('1 listed paper on this page');
    expect(root.querySelector('[data-capped]')?.textContent).toBe('Lantern stopped at 1,000 marks on this page: the rest are not marked.');
  });

  it('says how many listed papers the page has, each with Save', async () => {
    const h = makeServices(null, { listed: [hit('arxiv:1', 'First listed'), hit('arxiv:2', 'Second listed')], cites: [] });
    await mount(h);
    const heading = root.querySelector('[data-listed-count]');
    expect(heading?.textContent).toBe('2 listed papers on this page');
    expect(root.querySelector('[data-capped]')).toBeNull();
    const items = [...root.querySelectorAll('.listed-item')];
    expect(items.map((li) => li.getAttribute('data-paper-id'))).toEqual(['arxiv:1', 'arxiv:2']);
    expect(items[0]!.querySelector('.listed-category')?.textContent).toBe('Specialized Medical LLMs');
    await act(() => (items[1]!.querySelector('.lantern-save') as HTMLButtonElement).click());
    await flush();
    expect([...h.saved]).toEqual(['arxiv:2']);
    expect(root.querySelectorAll('.listed-item')[1]!.querySelector('.lantern-save')?.getAttribute('aria-pressed')).toBe('true');

    // With a note, unsaving asks once in the item; then the item offers Undo.
    h.withNotes.add('arxiv:2');
    const second = () => root.querySelectorAll('.listed-item')[1]!;
    const press = async (selector: string) => {
      await act(() => second().querySelector<HTMLButtonElement>(selector)!.click());
      await flush();
    };
    await press('.lantern-save');
    expect(second().querySelector('[data-confirm-remove]')).not.toBeNull();
    expect([...h.saved]).toEqual(['arxiv:2']);
    await press('[data-confirm-remove] button:first-of-type');
    expect(h.saved.size).toBe(0);
    await press('[data-removed] button');
    expect([...h.saved]).toEqual(['arxiv:2']);
  });

  it('on an unlisted paper: "Not in the list · cites 2 papers from it" and the Suggest link', async () => {
    const suggestUrl = 'https://github.com/o/l/issues/new?title=Suggest%3A+T&body=x';
    const h = makeServices(null, { listed: [], cites: [hit('arxiv:1', 'A'), hit('arxiv:2', 'B')], paperListed: false, suggestUrl });
    await mount(h);
    expect(root.querySelector('[data-cites-count]')?.textContent).toBe('Not in the list · cites 2 papers from it');
    expect(root.querySelector('a[data-suggest]')?.getAttribute('href')).toBe(suggestUrl);
    expect(root.querySelector('[data-listed-count]')).toBeNull();
  });

  it('on a listed paper: "Cites 1 paper from the list", no Suggest', async () => {
    const h = makeServices(null, { listed: [], cites: [hit('arxiv:1', 'A')], paperListed: true });
    await mount(h);
    expect(root.querySelector('[data-cites-count]')?.textContent).toBe('Cites 1 paper from the list');
    expect(root.querySelector('a[data-suggest]')).toBeNull();
  });
});

describe('popup: the first results come first', () => {
  /** Services whose catalog is stored (or not) and whose first results wait for `release`. */
  function gated(stored: boolean) {
    const h = makeServices();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const watchCatalog = h.services.watchCatalog;
    h.services.watchCatalog = (onChange, onError) =>
      watchCatalog((catalog) => onChange({ ...catalog, search: async (query, request) => (await released, catalog.search(query, request)) }), onError);
    h.services.catalogStored = Promise.resolve(stored);
    let watched = 0;
    const watchSaved = h.services.watchSaved;
    h.services.watchSaved = (onChange) => (watched++, watchSaved(onChange));
    return { h, release, watched: () => watched };
  }

  it('opens the reading list only once the first results are shown, when they come from the stored index', async () => {
    const { h, release, watched } = gated(true);
    await mount(h, 'radiology');
    expect(root.querySelector('[data-paper-id]')).toBeNull();
    expect(watched()).toBe(0);
    release();
    await flush();
    expect(root.querySelector('[data-paper-id="arxiv:2306.08666"]')).not.toBeNull();
    expect(watched()).toBe(1);
  });

  it('says in plain words why the bundled list could not be stored, where it would say "Loading the list…"', async () => {
    const h = makeServices();
    h.services.watchCatalog = () => () => undefined;
    let report: (sentence: string | null) => void = () => undefined;
    h.services.watchSeedFailure = (onChange) => {
      report = onChange;
      onChange(null);
      return () => undefined;
    };
    await mount(h);
    const status = () => root.querySelector('[aria-live=polite]')?.textContent;
    expect(status()).toBe('Loading the list…');
    // A sentence, not the "Newest papers" heading it gives way to.
    expect(root.querySelector('[aria-live=polite]')?.classList.contains('section-heading')).toBe(false);
    expect(root.querySelector('[data-seed-failure]')).toBeNull();
    const sentence = 'Your browser’s storage for Lantern is full, so the list of papers could not be stored. <img src=x onerror=alert(1)>';
    await act(() => report(sentence));
    await flush();
    const notice = root.querySelector('[data-seed-failure]');
    expect(notice?.getAttribute('role')).toBe('alert');
    expect(notice?.textContent).toBe(sentence);
    expect(notice?.querySelector('img')).toBeNull();
    expect(status()).toBe('');
  });

  it('opens it at once when the index has to be built first', async () => {
    const { h, watched } = gated(false);
    await mount(h, 'radiology');
    expect(root.querySelector('[data-paper-id]')).toBeNull();
    expect(watched()).toBe(1);
  });
});
