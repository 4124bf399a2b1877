import { useEffect, useState } from 'preact/hooks';
import type { AutoBackupInfo } from '../../lib/db/autoBackups';
import { plural } from '../../lib/words';
import type { OptionsServices } from './services';
import { dateTime, errorText, NoticeLine, type Notice } from './ui';

/** "Before importing “zotero.bib”", "Before a restore", "Before clearing the reading list", "Before merging …". */
function reasonText(info: AutoBackupInfo): string {
  if (info.reason === 'restore') return 'Before a restore';
  if (info.reason === 'clear') return 'Before clearing the reading list';
  if (info.reason === 'merge') return 'Before merging saved papers that were one paper';
  return info.source ? `Before importing “${info.source}”` : 'Before an import';
}

/**
 * The automatic backups (taken before every import, restore and merge of duplicates), newest first, each with
 * Restore (after a confirm: it replaces the whole reading list) and Download.
 * `changed` is bumped by the page after an import, so the list is read again.
 */
export function AutoBackups({ services, changed, onRestored }: { services: OptionsServices; changed: number; onRestored: () => void }) {
  const [backups, setBackups] = useState<AutoBackupInfo[] | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [savedCount, setSavedCount] = useState<number | null>(null);

  const reload = () => {
    services.listAutoBackups().then(setBackups, (e: unknown) => setNotice({ text: `Could not read the automatic backups: ${errorText(e)}`, error: true }));
    services.savedCount().then(setSavedCount, () => setSavedCount(null));
  };
  useEffect(reload, [services, changed]);

  const restore = async (info: AutoBackupInfo) => {
    setBusy(true);
    try {
      const outcome = await services.restoreAutoBackup(info.id);
      if (outcome.ok) {
        setNotice({
          text: `Restored ${plural(outcome.restored, 'saved paper')} from ${dateTime(info.takenAt)}. The reading list as it was just before is kept as a backup too.`,
        });
        onRestored();
      } else setNotice({ text: outcome.error, error: true });
    } catch (e) {
      setNotice({ text: `Could not restore: ${errorText(e)}`, error: true });
    } finally {
      setBusy(false);
      setConfirming(null);
      reload();
    }
  };

  const download = async (info: AutoBackupInfo) => {
    const text = await services.autoBackupFile(info.id);
    if (text === undefined) setNotice({ text: 'This backup is no longer kept.', error: true });
    else services.download(`lantern-auto-backup-${new Date(info.takenAt).toISOString().slice(0, 19).replace(/:/g, '-')}.json`, text, 'application/json');
  };

  return (
    <div class="auto-backups" aria-labelledby="auto-backups-heading" role="group">
      <h3 id="auto-backups-heading">Automatic backups</h3>
      <p class="hint">Lantern keeps a copy of the reading list before every import, restore and clear, and before it merges saved papers that were one paper (the last 3, in this browser only).</p>
      {backups !== null && backups.length === 0 && <p class="hint">None yet.</p>}
      {backups !== null && backups.length > 0 && (
        <ul class="backups">
          {backups.map((info) => (
            <li key={info.id} class="backup" data-auto-backup={info.id}>
              <div class="backup-head">
                <span>
                  <strong>{reasonText(info)}</strong>
                  <span class="hint"> · {dateTime(info.takenAt)} · {plural(info.count, 'saved paper')}</span>
                </span>
                <span class="list-actions">
                  <button type="button" disabled={busy || confirming !== null} onClick={() => setConfirming(info.id)}>
                    Restore…
                  </button>
                  <button type="button" class="link-button" onClick={() => void download(info)}>
                    Download
                  </button>
                </span>
              </div>
              {confirming === info.id && (
                <div class="confirm" role="group" aria-label="Confirm restoring this backup">
                  <p>
                    This replaces your reading list{savedCount !== null ? ` (${plural(savedCount, 'saved paper')} now)` : ''} with the{' '}
                    {plural(info.count, 'saved paper')} of this backup, with their notes, tags and statuses; papers it does not hold go to the library’s
                    Recently removed. Your reading list as it is now is kept as an automatic backup first.
                  </p>
                  <div class="row">
                    <button type="button" class="danger" disabled={busy} onClick={() => void restore(info)}>
                      Replace reading list
                    </button>
                    <button type="button" disabled={busy} onClick={() => setConfirming(null)}>
                      Cancel
                    </button>
                  </div>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <NoticeLine notice={notice} />
    </div>
  );
}
