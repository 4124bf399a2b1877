/**
 * Why the bundled list could not be stored, in plain words, for the popup to say instead of
 * "Loading the list…". Kept in storage.local, not the database: the database that refused the
 * list (full, most often) may refuse this row too.
 */
import { storage } from 'wxt/utils/storage';
import { toStorageError } from './db/readingList';

const seedFailureItem = storage.defineItem<unknown>('local:seed.failure', { fallback: null });

/** The sentence for a failed seeding: a full storage said as such, anything else with the browser's own detail. */
export function describeSeedFailure(error: unknown): string {
  const problem = toStorageError(error);
  const retry = 'Lantern tries again each time the browser starts.';
  if (problem.kind === 'quota') {
    return `Your browser’s storage for Lantern is full, so the list of papers could not be stored. Free some space (other sites’ data, large downloads), then restart the browser. ${retry}`;
  }
  const detail = problem.cause instanceof Error ? problem.cause.message : String(problem.cause);
  return `Lantern could not store its list of papers (${detail}). ${retry}`;
}

/** Records why seeding failed (a sentence from describeSeedFailure), or clears it (null) after a seeding that worked. Never rejects. */
export async function recordSeedFailure(sentence: string | null): Promise<void> {
  await (sentence === null ? seedFailureItem.removeValue() : seedFailureItem.setValue(sentence)).catch(() => undefined);
}

/** Calls back with the recorded failure (null when none, or when what is stored is not a sentence), now and on every change; returns the unsubscribe. */
export function watchSeedFailure(onChange: (sentence: string | null) => void): () => void {
  const shown = (value: unknown) => onChange(typeof value === 'string' && value !== '' ? value : null);
  seedFailureItem.getValue().then(shown, () => shown(null));
  return seedFailureItem.watch(shown);
}
