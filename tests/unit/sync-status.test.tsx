import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../lib/sync/engine';
import { syncStatusLines } from '../../lib/sync/statusText';
import { SyncSection } from '../../entrypoints/options/SyncSection';
import type { OptionsServices } from '../../entrypoints/options/services';

const base: SyncStatus = { at: Date.UTC(2026, 0, 5), savedTotal: 340, savedSynced: 312, notSynced: 28, notesNotSynced: 1, bytes: 96_140, quotaBytes: 102_400 };

describe('sync status in plain words', () => {
  it('says what is synced, the space used, and what is not synced', () => {
    expect(syncStatusLines(base)).toEqual([
      '312 of 340 saved papers synced · 93.9 kB of 100 kB of sync space used.',
      '28 papers are not synced: the browser’s sync space is full. They stay in this browser. Starred and newest papers sync first, so star a paper to sync it.',
      'One note is too long for the sync space left, so it is not synced; it stays in this browser.',
    ]);
  });

  it('says nothing of what is not synced when everything is', () => {
    expect(syncStatusLines({ ...base, savedTotal: 3, savedSynced: 3, notSynced: 0, notesNotSynced: 0, bytes: 900 })).toEqual([
      '3 of 3 saved papers synced · 0.9 kB of 100 kB of sync space used.',
    ]);
  });

  it('adds a problem and a held write', () => {
    const lines = syncStatusLines({ ...base, notSynced: 1, notesNotSynced: 0, problem: 'Something failed.', waitingUntil: Date.UTC(2026, 0, 5, 10, 30) });
    expect(lines[1]).toMatch(/^One paper is not synced/);
    expect(lines[2]).toMatch(/^The browser limits how often sync may write: the latest changes sync at /);
    expect(lines[3]).toBe('Something failed.');
  });
});

describe('the options page’s Sync section', () => {
  afterEach(() => render(null, document.body));

  function services(enabled: boolean, status: SyncStatus | null) {
    const calls: boolean[] = [];
    let listener: ((s: SyncStatus | null) => void) | undefined;
    const fake = {
      readSyncEnabled: async () => enabled,
      setSyncEnabled: async (on: boolean) => {
        calls.push(on);
      },
      watchSyncStatus(onChange: (s: SyncStatus | null) => void) {
        listener = onChange;
        onChange(status);
        return () => undefined;
      },
    } as Partial<OptionsServices> as OptionsServices;
    return { fake, calls, push: (s: SyncStatus) => listener?.(s) };
  }

  it('shows the switch on by default with the figures, and turns off', async () => {
    const { fake, calls, push } = services(true, base);
    await act(async () => render(<SyncSection services={fake} />, document.body));
    await act(async () => undefined);
    const box = document.querySelector<HTMLInputElement>('input[name=sync-enabled]')!;
    expect(box.checked).toBe(true);
    const figures = document.querySelector('[data-sync-state=on]')!;
    expect(figures.getAttribute('data-synced')).toBe('312');
    expect(figures.textContent).toContain('28 papers are not synced');
    await act(async () => push({ ...base, savedSynced: 340, savedTotal: 340, notSynced: 0 }));
    expect(document.querySelector('[data-sync-state=on]')!.getAttribute('data-synced')).toBe('340');
    await act(async () => {
      box.click();
    });
    expect(calls).toEqual([false]);
    expect(document.querySelector('[data-sync-state=off]')!.textContent).toMatch(/^Sync is off/);
  });
});
