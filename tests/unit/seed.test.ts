/**
 * Seeding the bundled list at install, update and start: a seeding that fails (a full storage,
 * most often) is recorded in plain words for the popup, and cleared by the next that works.
 */
import 'fake-indexeddb/auto';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Dexie from 'dexie';
import { seedOn } from '../../entrypoints/background/seed';
import { LanternDB } from '../../lib/db/schema';
import { describeSeedFailure, watchSeedFailure } from '../../lib/seedFailure';
import type { CatalogEntry, CatalogSnapshot } from '../../lib/types';
import { withAuthorList } from '../fixtures/authors';

const entry = (n: number): CatalogEntry =>
  withAuthorList({ id: `arxiv:2401.0000${n}`, title: `Paper ${n}`, titleKey: `paper ${n}`, line: n, authors: '', venue: '', categories: ['Evaluation'], links: [], ids: { arxiv: `2401.0000${n}`, repos: [] } });
const snapshot: CatalogSnapshot = { format: 1, name: 'LLMs in Medicine', sourceUrl: 'https://example.org/list.md', sourceDate: '2026-01-01T00:00:00Z', entries: [entry(1), entry(2)] };

/** The sentence the popup would show now. */
async function recorded(): Promise<string | null> {
  let now: string | null = null;
  const stop = watchSeedFailure((sentence) => (now = sentence));
  await new Promise((resolve) => setTimeout(resolve, 10));
  stop();
  return now;
}

const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

beforeEach(() => {
  fakeBrowser.reset();
});

describe('seeding the bundled list', () => {
  it('records a full storage in plain words, stores nothing, and the next start stores the list and clears it', async () => {
    const db = new LanternDB(`seed-${Math.random()}`);
    const write = vi.spyOn(db, 'transaction').mockRejectedValue(quotaError());
    const console_ = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await seedOn({ kind: 'installed', reason: 'install' }, db, snapshot);
    expect(await db.lists.count()).toBe(0);
    expect(await recorded()).toMatch(/^Your browser’s storage for Lantern is full, so the list of papers could not be stored\..*tries again each time the browser starts\.$/);
    write.mockRestore();
    console_.mockRestore();
    await seedOn({ kind: 'startup' }, db, snapshot);
    expect(await db.lists.count()).toBe(1);
    expect(await recorded()).toBeNull();
    db.close();
  });

  it('shows nothing for a stored value that is not a sentence', async () => {
    await fakeBrowser.storage.local.set({ 'seed.failure': { html: '<b>x</b>' } });
    expect(await recorded()).toBeNull();
  });
});

describe('describeSeedFailure', () => {
  it('names a full storage, also when Dexie wraps the browser’s error', () => {
    const wrapped = new Dexie.AbortError('Transaction aborted', quotaError());
    expect(describeSeedFailure(quotaError())).toMatch(/storage for Lantern is full/);
    expect(describeSeedFailure(wrapped)).toMatch(/storage for Lantern is full/);
  });

  it('gives any other error with the browser’s own words', () => {
    expect(describeSeedFailure(new Error('Internal error opening backing store'))).toBe(
      'Lantern could not store its list of papers (Internal error opening backing store). Lantern tries again each time the browser starts.',
    );
  });
});
