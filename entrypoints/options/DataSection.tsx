import { useEffect, useState } from 'preact/hooks';
import { importChosenFile } from '../../lib/formats/importFile';
import { plural } from '../../lib/words';
import { AutoBackups } from './AutoBackups';
import { SetAside } from './SetAside';
import type { OptionsServices } from './services';
import { errorText, NoticeLine, type Notice } from './ui';

/** "0.9 MB", "78.1 GB": browsers offer tens of gigabytes, which read badly in megabytes. */
function storageSize(bytes: number | undefined): string {
  if (bytes === undefined) return '?';
  const mb = bytes / 1_048_576;
  return mb >= 1024 ? `${(mb / 1024).toFixed(1)} GB` : `${mb.toFixed(1)} MB`;
}

const CLEAR_WORD = 'delete';

export function DataSection({ services }: { services: OptionsServices }) {
  const [notice, setNotice] = useState<Notice>(null);
  const [estimate, setEstimate] = useState<{ usage?: number; quota?: number } | null>(null);
  const [savedCount, setSavedCount] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [backupsChanged, setBackupsChanged] = useState(0);

  const refreshFigures = () => {
    services.storageEstimate().then(setEstimate, () => setEstimate({}));
    services.savedCount().then(setSavedCount, () => setSavedCount(null));
  };
  useEffect(refreshFigures, [services]);

  const exportBackup = async () => {
    try {
      const file = await services.exportBackup();
      services.download(file.fileName, file.text, file.mediaType);
      setNotice({ text: `Exported ${plural(savedCount ?? 0, 'saved paper')}.` });
    } catch (e) {
      setNotice({ text: `Could not export: ${errorText(e)}`, error: true });
    }
  };

  const importBackup = async (e: Event) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const { error, text, warnings } = await importChosenFile(file, (fileText, format, fileName) => services.importBackup(fileText, format, fileName));
    // Warnings are about parts of the file: an entry skipped, merged with another, or an identifier dropped.
    const told = warnings.length > 0 ? ` ${plural(warnings.length, 'warning')}: ${warnings.slice(0, 3).join('; ')}` : '';
    setNotice({ text: text + told, error });
    refreshFigures();
    setBackupsChanged((changes) => changes + 1);
  };

  const clear = async () => {
    try {
      await services.clearReadingList();
      setNotice({ text: 'The reading list is now empty. A copy is kept under “Automatic backups”.' });
    } catch (e) {
      setNotice({ text: `Could not clear: ${errorText(e)}`, error: true });
    }
    setConfirming(false);
    setTyped('');
    refreshFigures();
    setBackupsChanged((changes) => changes + 1);
  };

  return (
    <section aria-labelledby="data-heading">
      <h2 id="data-heading">Data</h2>
      <p class="hint" data-storage-used>
        {savedCount !== null && `${plural(savedCount, 'saved paper')}. `}
        {estimate && estimate.usage !== undefined && `Storage used: ${storageSize(estimate.usage)}${estimate.quota ? ` of ${storageSize(estimate.quota)} available` : ''}.`}
      </p>
      <div class="row">
        <button type="button" onClick={() => void exportBackup()}>
          Export backup
        </button>
        <label class="button">
          Import backup…
          <input type="file" accept=".json,.bib,.bibtex,application/json" class="visually-hidden" onChange={(e) => void importBackup(e)} />
        </label>
        <button type="button" class="danger" onClick={() => setConfirming(true)} disabled={confirming}>
          Clear reading list…
        </button>
      </div>
      {confirming && (
        <div class="confirm" role="group" aria-label="Confirm clearing the reading list">
          <p>
            This removes all {savedCount !== null ? plural(savedCount, 'saved paper') : 'saved papers'} with their notes and tags. A copy is kept
            under “Automatic backups” below, where you can restore it. With sync on, they are also removed on your other devices. Type <strong>{CLEAR_WORD}</strong> to confirm.
          </p>
          <div class="row">
            <input type="text" aria-label={`Type ${CLEAR_WORD} to confirm`} value={typed} onInput={(e) => setTyped((e.target as HTMLInputElement).value)} />
            <button type="button" class="danger" disabled={typed.trim().toLowerCase() !== CLEAR_WORD} onClick={() => void clear()}>
              Delete everything saved
            </button>
            <button
              type="button"
              onClick={() => {
                setConfirming(false);
                setTyped('');
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      <NoticeLine notice={notice} />
      <SetAside services={services} />
      <AutoBackups services={services} changed={backupsChanged} onRestored={refreshFigures} />
    </section>
  );
}
