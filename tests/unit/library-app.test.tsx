/** The library page on a real (fake-indexeddb) reading list: editing, search, bulk removal with undo, export, import, errors. */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { App } from '../../entrypoints/library/App';
import type { LibraryServices } from '../../entrypoints/library/services';
import { REMOVED_KEPT_MS, restoreSaved } from '../../lib/db/readingList';
import { SET_ASIDE_KEY } from '../../lib/db/setAside';
import { LanternDB } from '../../lib/db/schema';
import { replaceListEntries } from '../../lib/db/catalog';
import { toJSONBackup } from '../../lib/formats/jsonBackup';
import type { CatalogEntry, SavedItem } from '../../lib/types';
import { savedItem } from '../fixtures/imports/savedItems';
import { buttonNamed as buttonIn, until } from './pageTest';

const NOW = Date.UTC(2026, 10, 25, 12);

const MEDITRON = savedItem(
  {
    id: 'arxiv:2311.16079',
    title: 'MEDITRON-70B: Scaling Medical Pretraining for Large Language Models',
    authors: 'Zeming Chen et al.',
    venue: 'arXiv',
    year: 2023,
    month: 11,
    categories: ['Specialized Medical LLMs'],
    links: [{ kind: 'paper', url: 'https://arxiv.org/abs/2311.16079', label: 'paper' }],
    ids: { arxiv: '2311.16079', repos: [] },
  },
  { addedAt: NOW - 1000, updatedAt: NOW - 1000, statusChangedAt: NOW - 1000 },
);
const SINGHAL = savedItem(
  {
    id: 'doi:10.1038/s41586-023-06291-2',
    title: 'Large language models encode clinical knowledge',
    authors: 'Karan Singhal et al.',
    venue: 'Nature',
    year: 2023,
    categories: ['Evaluation'],
    links: [{ kind: 'paper', url: 'javascript:alert(1)', label: 'paper' }],
    ids: { doi: '10.1038/s41586-023-06291-2', repos: [] },
  },
  { tags: ['benchmarks'], addedAt: NOW - 2000, updatedAt: NOW - 2000 },
);
const GONE = savedItem({ id: 'url:https://example.org/gone', title: 'A Paper That Left the List' }, { addedAt: NOW - 3000, updatedAt: NOW - 3000 });

function entryOf(item: SavedItem): CatalogEntry {
  const { url: _url, ...paper } = item.paper;
  return { ...paper, line: 1 };
}

let db: LanternDB;
let count = 0;
let host: HTMLElement;
let downloads: { fileName: string; text: string; mime: string }[];
let clock: number;

function services(): LibraryServices {
  return {
    db,
    download: (fileName, text, mime) => downloads.push({ fileName, text, mime }),
    requestPersistence: async () => true,
    now: () => clock,
    loadShortcut: async () => 'Alt+Shift+S',
    sendToZotero: async (ids) => ({ sent: [], notSent: [...ids], ok: false, message: 'Zotero isn’t running. Start it and try again. Nothing was sent.' }),
  };
}

const $ = <T extends Element = HTMLElement>(selector: string): T | null => host.querySelector<T>(selector);

/** Types `text` into a row's note as a reader does (focus, input, leave the field); returns the field. */
async function typeNote(rowElement: Element, text: string): Promise<HTMLTextAreaElement> {
  const note = rowElement.querySelector('textarea[name=note]') as HTMLTextAreaElement;
  await act(async () => {
    note.dispatchEvent(new Event('focus'));
    note.value = text;
    note.dispatchEvent(new Event('input', { bubbles: true }));
    note.dispatchEvent(new Event('blur'));
  });
  return note;
}
const rowIds = () => [...host.querySelectorAll('tbody tr[data-paper-id]')].map((r) => r.getAttribute('data-paper-id'));
const row = (id: string) => host.querySelector(`tr[data-paper-id="${id}"]`) as HTMLElement;

function change(element: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, value: string): void {
  element.value = value;
  element.dispatchEvent(new Event('input', { bubbles: true }));
  element.dispatchEvent(new Event('change', { bubbles: true }));
}

async function mount(): Promise<void> {
  await act(async () => {
    render(<App services={services()} />, host);
  });
}

const buttonNamed = (name: string | RegExp, within: ParentNode = host): HTMLButtonElement => buttonIn(name, within);

beforeEach(async () => {
  db = new LanternDB(`library-app-test-${++count}`);
  await db.open();
  host = document.createElement('div');
  document.body.append(host);
  downloads = [];
  clock = NOW;
});

afterEach(async () => {
  await act(async () => render(null, host));
  host.remove();
  db.close();
  await LanternDB.delete(`library-app-test-${count}`);
});

async function withThreeSaved(): Promise<void> {
  await replaceListEntries(
    db,
    { id: 'seed', name: 'LLMs in Medicine', sourceUrl: 'https://example.org/list', enabled: true, fetchedAt: NOW },
    [MEDITRON, SINGHAL].map(entryOf),
    { now: NOW },
  );
  await restoreSaved(db, [MEDITRON, SINGHAL, GONE]);
  await mount();
  await until(() => expect(rowIds()).toHaveLength(3));
}

describe('library page', () => {
  it('explains how to save papers when the list is empty, with the browser’s shortcut', async () => {
    await mount();
    await until(() => expect($('.empty')).not.toBeNull());
    expect($('.empty')?.textContent).toContain('Save to Lantern');
    expect($('.empty')?.textContent).toContain('Press Alt+Shift+S on a paper’s page.');
    expect($('[data-export]')).toBeNull();
  });

  it('lists saved papers newest first, marks those no longer in any list, and renders only http(s) links', async () => {
    await withThreeSaved();
    expect(rowIds()).toEqual([MEDITRON.id, SINGHAL.id, GONE.id]);
    expect(row(GONE.id).querySelector('[data-not-listed]')?.textContent).toBe('not in a followed list');
    // Which lists hold each paper is read apart from the saved items, so it may arrive a moment later.
    await until(() => expect(row(MEDITRON.id).querySelector('[data-not-listed]')).toBeNull());
    expect(row(MEDITRON.id).querySelector('.paper-title a')?.getAttribute('href')).toBe('https://arxiv.org/abs/2311.16079');
    expect(row(SINGHAL.id).querySelector('.paper-title a')).toBeNull();
  });

  it('shows each row’s authors from the structured names, not from a byline string', async () => {
    const bent = savedItem({
      id: 'title:global strategy on digital health',
      title: 'Global strategy on digital health',
      authors: 'Organization, World Health',
      authorList: { names: [{ literal: 'World Health Organization' }, { family: 'Berg', 'non-dropping-particle': 'van der', given: 'Jan' }], etAl: true },
      venue: 'WHO',
      year: 2021,
    });
    await restoreSaved(db, [bent]);
    await mount();
    await until(() => expect(row(bent.id)?.querySelector('.paper-byline')?.textContent).toBe('World Health Organization, Jan van der Berg et al. · WHO · 2021'));
  });

  it('names every control (for screen readers and voice control)', async () => {
    await withThreeSaved();
    await act(async () => {
      const all = $<HTMLInputElement>('input[name=select-all]')!;
      all.checked = true;
      all.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await until(() => expect($('.bulk-bar')).not.toBeNull());
    const controls = [...host.querySelectorAll<HTMLElement>('input, select, textarea, button')].filter((c) => c.getAttribute('aria-hidden') !== 'true');
    expect(controls.length).toBeGreaterThan(30);
    const unnamed = controls.filter((c) => {
      const name = c.getAttribute('aria-label') ?? c.closest('label')?.textContent ?? (c.tagName === 'BUTTON' ? c.textContent : '');
      return !name?.trim();
    });
    expect(unnamed.map((c) => c.outerHTML.slice(0, 80))).toEqual([]);
  });

  it('edits status (with its date), tags and star in place', async () => {
    await withThreeSaved();
    clock = NOW + 60_000;
    await act(async () => change(row(MEDITRON.id).querySelector('select[name=status]') as HTMLSelectElement, 'read'));
    await until(async () => expect((await db.saved.get(MEDITRON.id))?.status).toBe('read'));
    expect((await db.saved.get(MEDITRON.id))?.statusChangedAt).toBe(NOW + 60_000);

    const tagInput = row(MEDITRON.id).querySelector('input[name=tag]') as HTMLInputElement;
    await act(async () => {
      change(tagInput, 'pretraining');
    });
    await until(async () => expect((await db.saved.get(MEDITRON.id))?.tags).toEqual(['pretraining']));
    // The tag now autocompletes everywhere.
    await until(() => expect([...host.querySelectorAll('datalist option')].map((o) => o.getAttribute('value'))).toContain('pretraining'));

    await act(async () => buttonNamed('', row(SINGHAL.id).querySelector('.col-star') as HTMLElement).click());
    await until(async () => expect((await db.saved.get(SINGHAL.id))?.starred).toBe(true));
  });

  it('saves the note on blur', async () => {
    await withThreeSaved();
    await typeNote(row(GONE.id), 'Read §3 first');
    await until(async () => expect((await db.saved.get(GONE.id))?.note).toBe('Read §3 first'));
  });

  it('a note the storage refused (full) is saved at the next blur, once there is room, though the text did not change', async () => {
    await withThreeSaved();
    const put = db.saved.put.bind(db.saved);
    db.saved.put = (() => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))) as unknown as typeof db.saved.put;
    const note = await typeNote(row(GONE.id), 'Two hours of reading notes');
    await until(() => expect($('[role=alert]')?.textContent).toMatch(/full/i));
    db.saved.put = put;
    await act(async () => {
      note.dispatchEvent(new Event('focus'));
      note.dispatchEvent(new Event('blur'));
    });
    await until(async () => expect((await db.saved.get(GONE.id))?.note).toBe('Two hours of reading notes'));
  });

  it('searches with the popup engine, tags included, and filters by list', async () => {
    await withThreeSaved();
    await act(async () => change($<HTMLInputElement>('input[name=q]')!, 'meditron'));
    await until(() => expect(rowIds()).toEqual([MEDITRON.id]));
    await act(async () => change($<HTMLInputElement>('input[name=q]')!, 'benchmarks'));
    await until(() => expect(rowIds()).toEqual([SINGHAL.id]));
    await act(async () => change($<HTMLInputElement>('input[name=q]')!, ''));
    await act(async () => change($<HTMLSelectElement>('select[name=list-filter]')!, '\u0000none'));
    await until(() => expect(rowIds()).toEqual([GONE.id]));
  });

  it('sorts a query by best match, and goes back to the chosen order when it is cleared', async () => {
    await withThreeSaved();
    const sort = () => $<HTMLSelectElement>('select[name=sort]')!;
    await act(async () => change(sort(), 'title'));
    await until(() => expect(rowIds()).toEqual([GONE.id, SINGHAL.id, MEDITRON.id]));
    await act(async () => change($<HTMLInputElement>('input[name=q]')!, 'language'));
    await until(() => expect(sort().value).toBe('relevance'));
    await act(async () => change($<HTMLInputElement>('input[name=q]')!, ''));
    await until(() => expect(sort().value).toBe('title'));
    expect(rowIds()).toEqual([GONE.id, SINGHAL.id, MEDITRON.id]);
  });

  it('removes the selection with undo, and exports the selection or everything', async () => {
    await withThreeSaved();
    const exportLabel = () => $('.transfer-label')?.textContent;
    expect(exportLabel()).toBe('Export all 3 saved papers:');
    await act(async () => {
      const checkbox = row(SINGHAL.id).querySelector('input[name=select]') as HTMLInputElement;
      checkbox.checked = true;
      checkbox.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(exportLabel()).toBe('Export 1 selected:');
    await act(async () => buttonNamed('CSV').click());
    expect(downloads).toHaveLength(1);
    expect(downloads[0]!.fileName).toBe('lantern-reading-list-2026-11-25.csv');
    expect(downloads[0]!.text).toContain('Large language models encode clinical knowledge');
    expect(downloads[0]!.text).not.toContain('MEDITRON');

    await act(async () => {
      const all = $<HTMLInputElement>('input[name=select-all]')!;
      all.checked = true;
      all.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(async () => buttonNamed('Remove 3').click());
    // One of the three has tags: asked once for the whole selection, nothing removed yet.
    await until(() => expect($('[data-confirm-remove]')?.textContent).toContain('1 paper of 3 has your notes or tags'));
    expect(await db.saved.count()).toBe(3);
    await act(async () => buttonNamed('Remove', $('[data-confirm-remove]')!).click());
    await until(() => expect($('[data-undo]')?.textContent).toContain('Removed 3 papers'));
    expect(await db.saved.count()).toBe(0);
    await until(() => expect(host.querySelectorAll('[data-recently-removed] li')).toHaveLength(3));
    await act(async () => buttonNamed('Undo').click());
    await until(() => expect(rowIds()).toHaveLength(3));
    expect(await db.saved.get(SINGHAL.id)).toEqual(SINGHAL);
    await until(() => expect($('[data-recently-removed]')).toBeNull());

    await act(async () => buttonNamed('JSON backup').click());
    expect(JSON.parse(downloads[1]!.text).items).toHaveLength(3);
  });

  it('says when an upgrade kept saved papers aside, and where to get them', async () => {
    await withThreeSaved();
    await act(async () => render(null, host));
    expect($('[data-set-aside]')).toBeNull();
    const row = { table: 'saved', version: 5, at: NOW, reason: 'TypeError: no paper', value: { id: 'x', paper: null } };
    await db.kv.put({ key: SET_ASIDE_KEY, value: [row] });
    await mount();
    await until(() =>
      expect($('[data-set-aside]')?.textContent).toBe(
        '1 saved paper from an older version of Lantern could not be read; it is kept aside. Lantern settings › Data offers it as a file.',
      ),
    );
    expect($<HTMLAnchorElement>('[data-set-aside] a')!.getAttribute('href')).toBe('options.html#data-heading');
  });

  it('imports a backup with a plain-words message, and changes nothing on a broken file', async () => {
    await withThreeSaved();
    const input = $<HTMLInputElement>('input[name=import]')!;
    const choose = async (file: File) => {
      Object.defineProperty(input, 'files', { value: [file], configurable: true });
      await act(async () => {
        input.dispatchEvent(new Event('change', { bubbles: true }));
      });
    };
    const extra = savedItem({ id: 'doi:10.5555/new', title: 'A New Paper', ids: { doi: '10.5555/new', repos: [] } });
    await choose(new File([toJSONBackup([MEDITRON, extra], { exportedAt: NOW })], 'backup.json'));
    await until(() => expect($('[data-notice]')?.textContent).toContain('Imported 1 paper, 1 paper already there.'));
    expect(await db.saved.count()).toBe(4);

    await choose(new File(['@article{broken, title = {Unbalanced'], 'library.bib'));
    await until(() => expect($('[data-notice=error]')?.textContent).toMatch(/^Nothing was imported from “library\.bib”: /));
    expect(await db.saved.count()).toBe(4);

    await choose(new File(['TY  - JOUR'], 'refs.ris'));
    await until(() => expect($('[data-notice=error]')?.textContent).toContain('neither a Lantern JSON backup nor a BibTeX file'));
  });

  it('asks once before removing a paper with tags, lists it under Recently removed, and Restore brings it back exactly', async () => {
    await db.removed.put({ id: 'old', removedAt: NOW - REMOVED_KEPT_MS - 1, item: { ...GONE, id: 'old' } });
    await withThreeSaved();
    expect(await db.removed.get('old')).toBeUndefined();
    await act(async () => buttonNamed('Remove', row(SINGHAL.id)).click());
    await until(() => expect($('[data-confirm-remove]')?.textContent).toContain('This paper has your notes or tags'));
    await act(async () => buttonNamed('Keep', $('[data-confirm-remove]')!).click());
    expect($('[data-confirm-remove]')).toBeNull();
    expect(await db.saved.get(SINGHAL.id)).toEqual(SINGHAL);

    await act(async () => buttonNamed('Remove', row(SINGHAL.id)).click());
    await act(async () => buttonNamed('Remove', $('[data-confirm-remove]')!).click());
    await until(() => expect(rowIds()).toEqual([MEDITRON.id, GONE.id]));
    // A paper without a note or tags goes at once.
    clock = NOW + 1000;
    await act(async () => buttonNamed('Remove', row(GONE.id)).click());
    await until(() => expect(rowIds()).toEqual([MEDITRON.id]));
    expect($('[data-confirm-remove]')).toBeNull();
    await until(() =>
      expect([...host.querySelectorAll('[data-recently-removed] li')].map((li) => li.getAttribute('data-paper-id'))).toEqual([GONE.id, SINGHAL.id]),
    );
    clock = NOW + 5000;
    await act(async () => buttonNamed('Restore', host.querySelector(`[data-recently-removed] li[data-paper-id="${SINGHAL.id}"]`)!).click());
    await until(() => expect(rowIds()).toContain(SINGHAL.id));
    expect(await db.saved.get(SINGHAL.id)).toEqual(SINGHAL);
    await until(() => expect(host.querySelectorAll('[data-recently-removed] li')).toHaveLength(1));
  });

  it('reports storage failures in plain words', async () => {
    await withThreeSaved();
    db.close();
    await act(async () => change(row(MEDITRON.id).querySelector('select[name=status]') as HTMLSelectElement, 'reading'));
    await until(() => expect($('[role=alert]')?.textContent).toMatch(/^Lantern could not write to its storage, so this change was not saved/));
  });
});
