/**
 * The popup with more than one list (the list filter) and with papers added by a refresh (the
 * "New" marks until the user has seen them).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { App } from '../../entrypoints/popup/App';
import { createPopupCatalog } from '../../entrypoints/popup/catalog';
import type { PopupCatalog, PopupServices } from '../../entrypoints/popup/services';
import type { ListChoice } from '../../lib/popup/filters';
import { entriesSeenAt, isNewPaper } from '../../lib/popup/newEntries';
import type { Paper } from '../../lib/types';
import { buildSearchIndex } from '../../lib/search/engine';
import { withAuthorList } from '../fixtures/authors';
import { freshRoot, unmount } from './pageTest';

function paper(arxiv: string, title: string, lists: string[], addedAt: number, year = 2024): Paper {
  return withAuthorList({
    id: `arxiv:${arxiv}`,
    title,
    authors: 'Ada Fixture et al.',
    venue: 'arXiv',
    year,
    month: 1,
    categories: ['Medical LLMs'],
    links: [{ kind: 'paper', url: `https://arxiv.org/abs/${arxiv}`, label: 'paper' }],
    ids: { arxiv, repos: [] },
    titleKey: title.toLowerCase(),
    line: 1,
    lists,
    addedAt,
  });
}

const SEEN_AT = 5000;
const OLD = paper('2301.00001', 'Clinical Notes Summarization with Language Models', ['seed'], 1000, 2023);
const SHARED = paper('2301.00002', 'Clinical Trial Matching with Language Models', ['seed', 'multimodal'], 1000, 2023);
const ADDED = paper('2501.00003', 'Clinical Radiology Reports from Language Models', ['seed'], 9000, 2025);
const OWN = paper('2502.00004', 'Clinical Dermatology Images and Language Models', ['multimodal'], 9000, 2025);
const PAPERS = [OLD, SHARED, ADDED, OWN];
const TWO_LISTS: ListChoice[] = [
  { id: 'seed', name: 'LLMs in Medicine' },
  { id: 'multimodal', name: 'Awesome Multimodal Medicine' },
];

interface Harness {
  services: PopupServices;
  /** Moves the "seen up to" clock, as Dismiss does through the background. */
  setSeenAt(seenAt: number | undefined): void;
  /** Sends a new catalog with these enabled lists, as turning a list off in the options does. */
  setLists(lists: ListChoice[]): void;
}

function makeServices(lists: ListChoice[], seenAt: number | undefined): Harness {
  let current = seenAt;
  const seenListeners = new Set<(seenAt: number | undefined) => void>();
  const catalogListeners = new Set<(catalog: PopupCatalog) => void>();
  const catalogOf = (enabled: ListChoice[]) =>
    createPopupCatalog({
      index: buildSearchIndex(PAPERS.filter((p) => p.lists.some((id) => enabled.some((l) => l.id === id)))),
      listName: enabled[0]!.name,
      lists: enabled,
      papersForHits: async (hits) => hits.map((h) => PAPERS.find((p) => p.id === h.id)!),
      papersByKeys: async () => [],
    });
  const services: PopupServices = {
    watchCatalog: (onChange) => {
      catalogListeners.add(onChange);
      onChange(catalogOf(lists));
      return () => catalogListeners.delete(onChange);
    },
    watchEntriesSeenAt: (onChange) => {
      seenListeners.add(onChange);
      onChange(current);
      return () => seenListeners.delete(onChange);
    },
    watchSaved: (onChange) => {
      onChange(new Set(), new Map());
      return () => undefined;
    },
    watchInZotero: (onChange) => {
      onChange(new Set());
      return () => undefined;
    },
    watchRemoved: (onChange) => {
      onChange(new Set());
      return () => undefined;
    },
    hasNoteOrTags: async () => false,
    sendToZotero: async (ids) => ({ sent: [], notSent: [...ids], ok: false, message: 'Zotero isn’t running. Start it and try again. Nothing was sent.' }),
    copyText: async (_text, what) => `Copied the ${what} to the clipboard.`,
    setSaved: async () => undefined,
    loadTab: async () => null,
    setTabSaved: async () => undefined,
    setStatus: async () => undefined,
    loadTabListings: async () => ({ listed: [], cites: [] }),
    setListedSaved: async () => undefined,
    loadShortcut: async () => null,
    openUrl: () => undefined,
    close: () => undefined,
    libraryUrl: 'chrome-extension://x/library.html',
    optionsUrl: 'chrome-extension://x/options.html',
    modKey: 'Ctrl',
  };
  return {
    services,
    setSeenAt(next) {
      current = next;
      seenListeners.forEach((l) => l(next));
    },
    setLists(enabled) {
      catalogListeners.forEach((l) => l(catalogOf(enabled)));
    },
  };
}

let root: HTMLElement;

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await act(async () => new Promise((r) => setTimeout(r, 0)));
}

async function mount(h: Harness, initialQuery = ''): Promise<void> {
  await act(() => render(<App services={h.services} initialQuery={initialQuery} />, root));
  await flush();
}

async function openFilters(): Promise<void> {
  await act(() => root.querySelector<HTMLButtonElement>('.filters-toggle')!.click());
  await flush();
}

async function choose(select: HTMLSelectElement, value: string): Promise<void> {
  await act(() => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await flush();
}

const resultIds = () => [...root.querySelectorAll('[role=listbox] [data-paper-id]')].map((e) => e.getAttribute('data-paper-id'));
const markedIds = () =>
  [...root.querySelectorAll('[role=listbox] [data-paper-id]')].filter((e) => e.querySelector('[data-new-entry]')).map((e) => e.getAttribute('data-paper-id'));

beforeEach(() => {
  root = freshRoot();
});
afterEach(() => unmount(root));

describe('the list filter', () => {
  it('offers the enabled lists by name and narrows results to the chosen one', async () => {
    await mount(makeServices(TWO_LISTS, SEEN_AT), 'clinical');
    expect(resultIds().sort()).toEqual(PAPERS.map((p) => p.id).sort());
    await openFilters();
    const select = root.querySelector<HTMLSelectElement>('select[name=list]')!;
    expect([...select.options].map((o) => [o.value, o.textContent])).toEqual([
      ['', 'All lists'],
      ['seed', 'LLMs in Medicine'],
      ['multimodal', 'Awesome Multimodal Medicine'],
    ]);

    await choose(select, 'multimodal');
    expect(resultIds().sort()).toEqual([SHARED.id, OWN.id].sort());
    expect(root.querySelector('.filters-count')?.textContent?.trim()).toBe('1');

    // Closed, the filter shows as a pill named after the list; removing it shows every list again.
    await openFilters();
    const pill = root.querySelector<HTMLButtonElement>('[aria-label="Remove filter Awesome Multimodal Medicine"]')!;
    expect(pill).not.toBeNull();
    await act(() => pill.click());
    await flush();
    expect(resultIds()).toHaveLength(PAPERS.length);
  });

  it('lets go of a list that is turned off while the popup is open', async () => {
    const h = makeServices(TWO_LISTS, SEEN_AT);
    await mount(h, 'clinical');
    await openFilters();
    await choose(root.querySelector<HTMLSelectElement>('select[name=list]')!, 'multimodal');
    expect(resultIds()).toHaveLength(2);
    await act(() => h.setLists(TWO_LISTS.slice(0, 1)));
    await flush();
    expect(root.querySelector('select[name=list]')).toBeNull();
    expect(root.querySelector('.filters-count')).toBeNull();
    expect(resultIds().sort()).toEqual([OLD.id, SHARED.id, ADDED.id].sort());
  });

  it('is not offered with a single list', async () => {
    await mount(makeServices(TWO_LISTS.slice(0, 1), SEEN_AT), 'clinical');
    await openFilters();
    expect(root.querySelector('select[name=category]')).not.toBeNull();
    expect(root.querySelector('select[name=list]')).toBeNull();
  });
});

describe('new entries', () => {
  it('counts a paper as new only when it arrived after the clock, and nothing before the clock starts', () => {
    expect(isNewPaper({ addedAt: 9000 }, SEEN_AT)).toBe(true);
    expect(isNewPaper({ addedAt: SEEN_AT }, SEEN_AT)).toBe(false);
    expect(isNewPaper({ addedAt: 1000 }, SEEN_AT)).toBe(false);
    expect(isNewPaper({ addedAt: 9000 }, undefined)).toBe(false);
    expect(isNewPaper({}, SEEN_AT)).toBe(false);
    expect(entriesSeenAt(1234)).toBe(1234);
    expect(entriesSeenAt('1234')).toBeUndefined();
    expect(entriesSeenAt(Number.NaN)).toBeUndefined();
    expect(entriesSeenAt(undefined)).toBeUndefined();
  });

  it('marks added papers in results and among the newest, with a label, until they are seen', async () => {
    const h = makeServices(TWO_LISTS, SEEN_AT);
    await mount(h, 'clinical');
    expect(markedIds().sort()).toEqual([ADDED.id, OWN.id].sort());
    const mark = root.querySelector(`[data-paper-id="${ADDED.id}"] [data-new-entry]`)!;
    expect(mark.textContent).toBe('New since you last looked:');
    expect(mark.closest('.entry-title')?.textContent).toContain(ADDED.title);

    h.setSeenAt(10_000);
    await flush();
    expect(markedIds()).toEqual([]);
    expect(resultIds()).toHaveLength(PAPERS.length);
  });

  it('marks the newest papers of the empty box too', async () => {
    await mount(makeServices(TWO_LISTS, SEEN_AT));
    expect(root.querySelector('[role=listbox]')?.getAttribute('aria-label')).toBe('Newest papers');
    expect(markedIds().sort()).toEqual([ADDED.id, OWN.id].sort());
  });

  it('marks nothing before the clock has started (just installed)', async () => {
    await mount(makeServices(TWO_LISTS, undefined), 'clinical');
    expect(resultIds()).toHaveLength(PAPERS.length);
    expect(markedIds()).toEqual([]);
  });
});
