/**
 * The options page on a real (fake-indexeddb) reading list: its sections, the Data section's
 * export, import and clear (with its typed confirmation and the backup it keeps), and the plain
 * words a refused permission or a failed list gets.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { App } from '../../entrypoints/options/App';
import { readingListServices } from '../../entrypoints/options/readingListServices';
import type { OptionsServices, RefreshState } from '../../entrypoints/options/services';
import { restoreSaved } from '../../lib/db/readingList';
import { LanternDB } from '../../lib/db/schema';
import { parseJSONBackup } from '../../lib/formats/jsonBackup';
import { DEFAULT_MARK_SETTINGS } from '../../lib/markSettings';
import { DEFAULT_ZOTERO_SETTINGS } from '../../lib/zotero/settings';
import { savedItem } from '../fixtures/imports/savedItems';
import { buttonNamed as buttonIn, until } from './pageTest';

const NOW = Date.UTC(2026, 10, 25, 12);

const MEDITRON = savedItem(
  { id: 'arxiv:2311.16079', title: 'MEDITRON-70B: Scaling Medical Pretraining for Large Language Models', ids: { arxiv: '2311.16079', repos: [] } },
  { note: 'Compare with Med-PaLM 2.', tags: ['pretraining'], addedAt: NOW - 1000, updatedAt: NOW - 1000 },
);
const SINGHAL = savedItem(
  { id: 'doi:10.1038/s41586-023-06291-2', title: 'Large language models encode clinical knowledge', ids: { doi: '10.1038/s41586-023-06291-2', repos: [] } },
  { addedAt: NOW - 2000, updatedAt: NOW - 2000 },
);

const REFRESH_STATE: RefreshState = {
  lists: [{ id: 'seed', name: 'LLMs in Medicine', sourceUrl: 'https://github.com/AI-in-Health/MedLLMsPracticalGuide', enabled: true, fetchedAt: NOW, entryCount: 3 }],
  states: {},
  schedule: { intervalHours: 24 },
} as unknown as RefreshState;

let db: LanternDB;
let count = 0;
let host: HTMLElement;
let downloads: { fileName: string; text: string }[];
let calls: string[];
let permissionGranted: boolean;

function services(): OptionsServices {
  return {
    getRefreshState: async () => ({ ok: true, value: REFRESH_STATE }),
    refreshLists: async () => ({ ok: true, value: [{ listId: 'seed', status: 'failed', message: 'The list could not be fetched: the network is offline.' }] }) as never,
    requestOrigin: async (origin) => {
      calls.push(`request ${origin}`);
      return permissionGranted;
    },
    addList: async (url) => {
      calls.push(`add ${url}`);
      return { ok: true, value: { ok: true, list: { ...REFRESH_STATE.lists[0]!, id: 'other', name: 'Awesome Clinical NLP', entryCount: 42 }, summary: { skippedLines: 2 } } } as never;
    },
    removeList: async () => ({ ok: true, value: undefined }) as never,
    setListEnabled: async () => ({ ok: true, value: undefined }) as never,
    setSchedule: async () => ({ ok: true, value: undefined }) as never,
    watchProgress: () => () => undefined,
    isAllSitesEnabled: async () => false,
    setAllSites: async () => permissionGranted,
    readMarkSettings: async () => DEFAULT_MARK_SETTINGS,
    setMarkSettings: async () => undefined,
    isScholarCountriesEnabled: async () => false,
    setScholarCountries: async () => permissionGranted,
    readAppearance: async () => 'auto',
    setAppearance: async () => undefined,
    storageEstimate: async () => ({ usage: 3 * 1_048_576, quota: 80 * 1_073_741_824 }),
    download: (fileName, text) => downloads.push({ fileName, text }),
    now: () => NOW,
    loadZoteroSettings: async () => DEFAULT_ZOTERO_SETTINGS,
    saveZoteroSettings: async () => undefined,
    readSyncEnabled: async () => true,
    setSyncEnabled: async () => undefined,
    watchSyncStatus: (onChange) => {
      onChange(null);
      return () => undefined;
    },
    ...readingListServices(db, '1.2.3', () => NOW),
  };
}

const section = (heading: string): HTMLElement => {
  const found = [...host.querySelectorAll('section')].find((s) => s.querySelector('h2')?.textContent === heading);
  if (!found) throw new Error(`No section ${heading}`);
  return found;
};

function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

async function choose(file: File): Promise<void> {
  const input = section('Data').querySelector<HTMLInputElement>('input[type=file]')!;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

const dataNotice = () => section('Data').querySelector(':scope > .notice');

const buttonNamed = (name: string | RegExp, within: ParentNode = host): HTMLButtonElement => buttonIn(name, within);

beforeEach(async () => {
  db = new LanternDB(`options-app-test-${++count}`);
  await db.open();
  host = document.createElement('div');
  document.body.append(host);
  downloads = [];
  calls = [];
  permissionGranted = true;
  await restoreSaved(db, [MEDITRON, SINGHAL]);
  await act(async () => {
    render(<App services={services()} />, host);
  });
  await until(() => expect(section('Data').querySelector('[data-storage-used]')?.textContent).toContain('2 saved papers'));
});

afterEach(async () => {
  await act(async () => render(null, host));
  host.remove();
  db.close();
  await LanternDB.delete(`options-app-test-${count}`);
});

describe('options page', () => {
  it('shows its sections in order, and what the reading list takes on disk', () => {
    expect([...host.querySelectorAll('section > h2')].map((h) => h.textContent)).toEqual([
      'Lists',
      'Checking for updates',
      'Recognition',
      'Marks',
      'Appearance',
      'Zotero',
      'Sync',
      'Data',
    ]);
    expect(section('Data').querySelector('[data-storage-used]')?.textContent).toBe('2 saved papers. Storage used: 3.0 MB of 80.0 GB available.');
  });

  it('exports a JSON backup under the same file name as the library’s, that reads back with every saved paper', async () => {
    await act(async () => buttonNamed('Export backup').click());
    await until(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]!.fileName).toMatch(/^lantern-backup-2026-11-2[56]\.json$/);
    const back = parseJSONBackup(downloads[0]!.text);
    expect(back.ok && back.items.map((item) => item.id).sort()).toEqual([MEDITRON.id, SINGHAL.id].sort());
    expect(dataNotice()?.textContent).toBe('Exported 2 saved papers.');
  });

  it('imports a BibTeX file with the library’s message, and keeps the list before it as an automatic backup', async () => {
    await choose(new File(['@article{new, title = {A Paper Never Seen}, author = {Rivera, Jr., J. Q.}, year = {2024}, doi = {10.5555/never}}'], 'refs.bib'));
    await until(() => expect(dataNotice()?.textContent).toMatch(/^Imported 1 paper\. /));
    expect(await db.saved.count()).toBe(3);
    await until(() => expect(host.querySelector('[data-auto-backup] strong')?.textContent).toBe('Before importing “refs.bib”'));
  });

  it('says in plain words why a file was not imported, and changes nothing', async () => {
    await choose(new File(['TY  - JOUR'], 'refs.ris'));
    await until(() => expect(dataNotice()?.textContent).toBe('Nothing was imported: “refs.ris” is neither a Lantern JSON backup nor a BibTeX file.'));
    await choose(new File(['{"format": "lantern-backup", "items": [}'], 'broken.json'));
    await until(() => expect(dataNotice()?.textContent).toMatch(/^Nothing was imported from “broken\.json”: /));
    expect(dataNotice()?.getAttribute('role')).toBe('alert');
    expect(await db.saved.count()).toBe(2);
    expect(host.querySelector('[data-auto-backup]')).toBeNull();
  });

  it('clears the reading list only after the typed word, keeps it as an automatic backup, and restores it exactly', async () => {
    await act(async () => buttonNamed('Clear reading list…').click());
    const confirmBox = host.querySelector<HTMLElement>('[aria-label="Confirm clearing the reading list"]')!;
    expect(confirmBox.textContent).toContain('This removes all 2 saved papers with their notes and tags. A copy is kept under “Automatic backups” below');
    const erase = buttonNamed('Delete everything saved', confirmBox);
    expect(erase.disabled).toBe(true);
    await act(async () => type(confirmBox.querySelector('input')!, 'delet'));
    expect(erase.disabled).toBe(true);
    await act(async () => type(confirmBox.querySelector('input')!, ' Delete '));
    expect(erase.disabled).toBe(false);
    await act(async () => erase.click());
    await until(() => expect(dataNotice()?.textContent).toBe('The reading list is now empty. A copy is kept under “Automatic backups”.'));
    expect(await db.saved.count()).toBe(0);

    await until(() => expect(host.querySelector('[data-auto-backup] strong')?.textContent).toBe('Before clearing the reading list'));
    const backup = host.querySelector<HTMLElement>('[data-auto-backup]')!;
    await act(async () => buttonNamed('Restore…', backup).click());
    await act(async () => buttonNamed('Replace reading list', backup).click());
    await until(async () => expect(await db.saved.count()).toBe(2));
    expect(await db.saved.get(MEDITRON.id)).toEqual(MEDITRON);
  });

  it('clearing an empty reading list takes no backup', async () => {
    await db.saved.clear();
    await act(async () => buttonNamed('Clear reading list…').click());
    const confirmBox = host.querySelector<HTMLElement>('[aria-label="Confirm clearing the reading list"]')!;
    await act(async () => type(confirmBox.querySelector('input')!, 'delete'));
    await act(async () => buttonNamed('Delete everything saved', confirmBox).click());
    await until(() => expect(dataNotice()?.textContent).toContain('The reading list is now empty.'));
    expect(host.querySelector('[data-auto-backup]')).toBeNull();
  });

  it('dates a list never fetched here by its source’s day, with no made-up hour, and a fetched one by its last refresh', async () => {
    // The bundled list's time is its source's date, 2023-12-23: its UTC midnight, the evening
    // before in the Americas.
    const bundled = { ...REFRESH_STATE.lists[0]!, fetchedAt: Date.parse('2023-12-23') };
    const refreshed = { ...bundled, id: 'other', name: 'Awesome Clinical NLP', fetchedAt: NOW };
    const state = { ...REFRESH_STATE, lists: [bundled, refreshed], states: { other: { lastSuccessAt: NOW } } } as unknown as RefreshState;
    await act(async () => render(null, host));
    await act(async () => render(<App services={{ ...services(), getRefreshState: async () => ({ ok: true, value: state }) }} />, host));
    const meta = (id: string) => host.querySelector(`[data-list-id="${id}"] .list-meta`)?.textContent;
    await until(() => expect(meta('seed')).toBe('3 entries · the list as of Dec 23, 2023 · source'));
    expect(meta('other')).toMatch(/^3 entries · last refreshed Nov 2[45], 2026, \d{1,2}:00\s?[AP]M · source$/);
  });

  it('asks for a list host’s permission inside the click, and says plainly when it is refused', async () => {
    permissionGranted = false;
    const lists = section('Lists');
    await act(async () => type(lists.querySelector<HTMLInputElement>('#add-list-url')!, 'https://gitlab.com/someone/awesome-papers/-/raw/main/README.md'));
    await act(async () => buttonNamed('Add list', lists).click());
    await until(() => expect(lists.querySelector('.notice')?.textContent).toBe('Lantern needs permission to read https://gitlab.com to follow this list.'));
    expect(calls).toEqual(['request https://gitlab.com/*']);

    permissionGranted = true;
    await act(async () => buttonNamed('Add list', lists).click());
    await until(() => expect(lists.querySelector('.notice')?.textContent).toBe('Added “Awesome Clinical NLP”: 42 entries, 2 lines skipped.'));
    expect(calls.at(-1)).toBe('add https://gitlab.com/someone/awesome-papers/-/raw/main/README.md');
  });

  it('shows what became of "Follow another list" next to its form, described by the address field, not at the top of the section', async () => {
    const lists = section('Lists');
    const form = lists.querySelector<HTMLFormElement>('form.add-list')!;
    const input = lists.querySelector<HTMLInputElement>('#add-list-url')!;
    const described = () => document.getElementById(input.getAttribute('aria-describedby') ?? '');
    await act(async () => type(input, 'ftp://example.org/list.md'));
    await act(async () => buttonNamed('Add list', lists).click());
    await until(() => expect(form.querySelector('[data-refresh-message]')?.textContent).toBe('Only web (https) addresses can be followed.'));
    expect(lists.querySelectorAll('[data-refresh-message]')).toHaveLength(1);
    expect(described()?.textContent).toBe('Only web (https) addresses can be followed.');

    permissionGranted = false;
    await act(async () => type(input, 'https://gitlab.com/someone/awesome-papers/-/raw/main/README.md'));
    await act(async () => buttonNamed('Add list', lists).click());
    await until(() => expect(described()?.textContent).toBe('Lantern needs permission to read https://gitlab.com to follow this list.'));
    expect(form.contains(described())).toBe(true);

    await act(async () => buttonNamed('Update now').click());
    await until(() => expect(lists.querySelector('[data-refresh-message]')?.textContent).toBe('LLMs in Medicine: The list could not be fetched: the network is offline.'));
    expect(form.querySelector('[data-refresh-message]')).toBeNull();
    expect(input.hasAttribute('aria-describedby')).toBe(false);
  });

  it('reports a failed update with the list’s name, and a refused all-sites permission', async () => {
    await act(async () => buttonNamed('Update now').click());
    await until(() => expect(section('Lists').querySelector('[data-refresh-message]')?.textContent).toBe('LLMs in Medicine: The list could not be fetched: the network is offline.'));

    permissionGranted = false;
    const recognition = section('Recognition');
    await act(async () => recognition.querySelector<HTMLInputElement>('input[type=checkbox]')!.click());
    await until(() => expect(recognition.querySelector('.notice')?.textContent).toBe('The permission was not granted, so Lantern stays on its usual sites.'));
    expect(recognition.querySelector<HTMLInputElement>('input[type=checkbox]')!.checked).toBe(false);
  });
});
