/** Sync's status in plain words, for the options page. */
import { plural } from '../words';
import type { SyncStatus } from './engine';

/** "93.9 kB": in units of 1,024 bytes, so the browser's 102,400-byte sync space reads "100 kB", as its documentation says. */
export function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toLocaleString('en', { maximumFractionDigits: 1 })} kB`;
}

function clock(at: number): string {
  return new Date(at).toLocaleTimeString('en', { hour: '2-digit', minute: '2-digit' });
}

/**
 * The lines the options page shows for a status: what is synced and the space it takes, then
 * what is not synced and why, then anything that went wrong or waits.
 */
export function syncStatusLines(status: SyncStatus): string[] {
  const lines = [
    `${status.savedSynced.toLocaleString('en')} of ${plural(status.savedTotal, 'saved paper')} synced · ${kilobytes(status.bytes)} of ${kilobytes(status.quotaBytes)} of sync space used.`,
  ];
  if (status.notSynced > 0) {
    const what = status.notSynced === 1 ? 'One paper is not synced' : `${status.notSynced.toLocaleString('en')} papers are not synced`;
    const stay = status.notSynced === 1 ? 'It stays' : 'They stay';
    lines.push(`${what}: the browser’s sync space is full. ${stay} in this browser. Starred and newest papers sync first, so star a paper to sync it.`);
  }
  if (status.notesNotSynced > 0) {
    lines.push(
      status.notesNotSynced === 1
        ? 'One note is too long for the sync space left, so it is not synced; it stays in this browser.'
        : `${status.notesNotSynced.toLocaleString('en')} notes are too long for the sync space left, so they are not synced; they stay in this browser.`,
    );
  }
  if (status.waitingUntil !== undefined) lines.push(`The browser limits how often sync may write: the latest changes sync at ${clock(status.waitingUntil)}.`);
  if (status.problem) lines.push(status.problem);
  return lines;
}
