import 'fake-indexeddb/auto';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackground, type Background } from '../../entrypoints/background/start';
import bundled from '../../assets/catalog.json';
import type { CatalogSnapshot } from '../../lib/types';
import { updateResultText } from '../../components/ListUpdates';
import { db } from '../../lib/db/instance';
import { fakePermissionEvents } from '../fixtures/permissionEvents';
import type { Reply } from '../../lib/messages';
import { progressText, type RefreshOutcome } from '../../lib/refresh';

async function send(type: string, data: unknown): Promise<Reply<unknown> | undefined> {
  const sender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') };
  const replies = await fakeBrowser.runtime.onMessage.trigger({ lantern: 1, type, data }, sender);
  return replies.find((r) => r !== undefined) as Reply<unknown> | undefined;
}

describe('the background’s refresh handlers', () => {
  let started: Background;
  afterEach(() => started.stop());
  beforeEach(async () => {
    fakeBrowser.reset();
    fakePermissionEvents();
    await db.delete();
    await db.open();
    started = startBackground(db, bundled as unknown as CatalogSnapshot);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
  });

  it('reports the lists, a daily schedule and nothing new after install', async () => {
    const reply = await send('getRefreshState', {});
    expect(reply).toMatchObject({ ok: true, value: { schedule: { intervalHours: 24 }, newEntries: 0 } });
    const lists = (reply as { value: { lists: Array<{ id: string }> } }).value.lists;
    expect(lists.map((l) => l.id)).toEqual(['seed']);
  });

  it('tells the next check in the future, though the bundled list’s date is long past', async () => {
    const before = Date.now();
    const reply = (await send('getRefreshState', {})) as { value: { nextCheckAt?: number } };
    expect(reply.value.nextCheckAt).toBeGreaterThan(before);
  });

  it('accepts only the offered schedules, and off clears the next check', async () => {
    expect(await send('setRefreshSchedule', { intervalHours: 5 })).toMatchObject({ ok: false, error: expect.stringMatching(/not one of the choices/) });
    expect(await send('setRefreshSchedule', { intervalHours: 0 })).toEqual({ ok: true, value: { intervalHours: 0 } });
    const state = (await send('getRefreshState', {})) as { value: { schedule: { intervalHours: number }; nextCheckAt?: number } };
    expect(state.value.schedule.intervalHours).toBe(0);
    expect(state.value.nextCheckAt).toBeUndefined();
  });

  it('keeps the bundled list: it can be turned off, not removed', async () => {
    expect(await send('removeList', { listId: 'seed' })).toMatchObject({ ok: false, error: expect.stringMatching(/turn it off/) });
    expect(await send('setListEnabled', { listId: 'seed', enabled: false })).toEqual({ ok: true, value: { enabled: false } });
    expect((await db.lists.get('seed'))?.enabled).toBe(false);
    expect(await send('setListEnabled', { listId: 'nope', enabled: true })).toMatchObject({ ok: false });
  });

  it('refuses malformed requests before any handler runs', async () => {
    expect(await send('addList', { url: 42 })).toMatchObject({ ok: false, error: expect.stringMatching(/Invalid data/) });
    expect(await send('refreshLists', { listIds: 'seed' })).toMatchObject({ ok: false, error: expect.stringMatching(/Invalid data/) });
  });
});

describe('what the popup and options page say', () => {
  const summary = { at: 1, added: 12, changed: 2, removed: 1, total: 100, skippedLines: 0, addedTitles: [], unchanged: false };

  it('sums a whole update in one line, failures first', () => {
    const updated: RefreshOutcome = { listId: 'seed', status: 'updated', summary };
    const unchanged: RefreshOutcome = { listId: 'b', status: 'unchanged', summary: { ...summary, added: 0, changed: 0, removed: 0, unchanged: true } };
    const failed: RefreshOutcome = { listId: 'c', status: 'failed', failure: { kind: 'offline' }, message: 'Could not reach the list’s server: check the connection, then try again. The previous copy is kept.' };
    expect(updateResultText([updated, unchanged])).toBe('Updated: 12 new entries, 3 other changes.');
    expect(updateResultText([unchanged])).toBe('The list is up to date.');
    expect(updateResultText([updated, failed])).toBe(failed.message);
  });

  it('words progress in bytes while fetching and in changes while saving', () => {
    expect(progressText({ listId: 'a', phase: 'fetching', bytes: 3 * 1_048_576, totalBytes: 17 * 1_048_576 })).toBe('Downloading… 3.0 MB of 17.0 MB');
    expect(progressText({ listId: 'a', phase: 'applying', applied: 40_000, total: 100_000 })).toBe('Saving… 40,000 of 100,000 entries');
    expect(progressText({ listId: 'a', phase: 'done' })).toBeUndefined();
    expect(progressText('garbage')).toBeUndefined();
  });
});
