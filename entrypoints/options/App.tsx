import { AutoBackups } from './AutoBackups';
import { SetAside } from './SetAside';
import { ZoteroSection } from './ZoteroSection';
import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_MARK_SETTINGS, type MarkSettings } from '../../lib/markSettings';
import { APPEARANCES, type Appearance } from '../../lib/appearance';
import { downloadText } from '../../lib/download';
import { importFormatOf } from '../../lib/export/importFile';
import { decodeImportBytes, sizeProblem } from '../../lib/export/importResult';
import { isHttpUrl } from '../../lib/ids/url';
import type { Response } from '../../lib/messages';
import { SCHEDULE_CHOICES, normalizeListUrl, type ListRefreshState, type RefreshOutcome } from '../../lib/refresh';
import type { ListInfo } from '../../lib/types';
import { plural } from '../../lib/words';
import type { OptionsServices } from './services';
import { dateTime, errorText, NoticeLine, type Notice } from './ui';

type RefreshState = Response<'getRefreshState'>;
/** A line of feedback under a section: what just happened, in plain words. */

const n = (count: number) => count.toLocaleString('en');

function scheduleLabel(hours: number): string {
  if (hours === 0) return 'Off (only “Update now”)';
  if (hours === 24) return 'Daily';
  if (hours === 168) return 'Weekly';
  return hours < 24 ? `Every ${hours} hours` : `Every ${hours / 24} days`;
}

function outcomeText(outcome: RefreshOutcome, name: string): string {
  if (outcome.status === 'failed') return `${name}: ${outcome.message}`;
  if (outcome.status === 'unchanged') return `${name}: no changes.`;
  const { added, changed, removed, skippedLines } = outcome.summary;
  return `${name}: ${plural(added, 'new entry', 'new entries')}, ${n(changed)} changed, ${n(removed)} removed${
    skippedLines > 0 ? ` (${plural(skippedLines, 'line')} could not be read)` : ''
  }.`;
}

/** "0.9 MB", "78.1 GB": browsers offer tens of gigabytes, which read badly in megabytes. */
function storageSize(bytes: number | undefined): string {
  if (bytes === undefined) return '?';
  const mb = bytes / 1_048_576;
  return mb >= 1024 ? `${(mb / 1024).toFixed(1)} GB` : `${mb.toFixed(1)} MB`;
}

export function App({ services }: { services: OptionsServices }) {
  const [state, setState] = useState<RefreshState | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [progress, setProgress] = useState<string | undefined>(undefined);

  const reload = async () => {
    const reply = await services.getRefreshState();
    if (reply.ok) {
      setState(reply.value);
      setLoadError(null);
    } else setLoadError(reply.error);
  };
  useEffect(() => {
    void reload();
    return services.watchProgress(setProgress);
  }, [services]);

  return (
    <main class="options">
      <h1>Lantern settings</h1>
      <NoticeLine notice={loadError ? { text: `Could not read Lantern’s lists: ${loadError}`, error: true } : null} />
      <ListsSection services={services} state={state} progress={progress} reload={reload} />
      <ScheduleSection services={services} state={state} reload={reload} />
      <RecognitionSection services={services} />
      <MarksSection services={services} />
      <AppearanceSection services={services} />
      <ZoteroSection services={services} />
      <DataSection services={services} />
    </main>
  );
}

function ListsSection({
  services,
  state,
  progress,
  reload,
}: {
  services: OptionsServices;
  state: RefreshState | null;
  progress: string | undefined;
  reload: () => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [url, setUrl] = useState('');

  const nameOf = (id: string) => state?.lists.find((l) => l.id === id)?.name ?? id;

  const run = async (work: () => Promise<Notice>) => {
    setBusy(true);
    try {
      setNotice(await work());
    } catch (e) {
      setNotice({ text: errorText(e), error: true });
    } finally {
      setBusy(false);
      await reload();
    }
  };

  const refresh = (listIds?: string[], acceptShrink = false) =>
    run(async () => {
      const reply = await services.refreshLists(listIds, acceptShrink);
      if (!reply.ok) return { text: reply.error, error: true };
      if (reply.value.length === 0) return { text: 'No enabled list to update.' };
      return {
        text: reply.value.map((o) => outcomeText(o, nameOf(o.listId))).join(' '),
        error: reply.value.some((o) => o.status === 'failed'),
      };
    });

  const add = (e: Event) => {
    e.preventDefault();
    const target = normalizeListUrl(url);
    if (!target.ok) {
      setNotice({ text: target.error, error: true });
      return;
    }
    // The permission request comes first, synchronously in the click: later it would be refused.
    const permitted = target.needsPermission ? services.requestOrigin(target.origin) : Promise.resolve(true);
    void run(async () => {
      if (!(await permitted)) return { text: `Lantern needs permission to read ${target.origin.replace('/*', '')} to follow this list.`, error: true };
      const reply = await services.addList(target.url);
      if (!reply.ok) return { text: reply.error, error: true };
      if (!reply.value.ok) return { text: reply.value.error, error: true };
      setUrl('');
      const { list, summary } = reply.value;
      return {
        text: `Added “${list.name}”: ${plural(list.entryCount, 'entry', 'entries')}, ${plural(summary.skippedLines, 'line')} skipped.`,
      };
    });
  };

  const remove = (list: ListInfo) => {
    if (!confirm(`Stop following “${list.name}”? Saved papers stay in your reading list.`)) return;
    void run(async () => {
      const reply = await services.removeList(list.id);
      return reply.ok ? { text: `Removed “${list.name}”.` } : { text: reply.error, error: true };
    });
  };

  const toggle = (list: ListInfo, enabled: boolean) =>
    run(async () => {
      const reply = await services.setListEnabled(list.id, enabled);
      return reply.ok ? null : { text: reply.error, error: true };
    });

  return (
    <section aria-labelledby="lists-heading">
      <h2 id="lists-heading">Lists</h2>
      <p class="hint">
        Lantern recognizes and searches the papers of the lists you follow. A paper in two lists appears once, with both lists named.
      </p>
      <div class="row">
        <button type="button" data-action="update-all" disabled={busy} onClick={() => void refresh()}>
          Update now
        </button>
        <span class="progress" role="status" aria-live="polite" data-refresh-progress>
          {busy ? (progress ?? 'Updating…') : ''}
        </span>
      </div>
      <NoticeLine notice={notice} refreshMessage />
      <ul class="lists">
        {state?.lists.map((list) => (
          <ListRow
            key={list.id}
            list={list}
            refresh={state.states[list.id]}
            busy={busy}
            onUpdate={() => void refresh([list.id])}
            onAcceptShrink={() => void refresh([list.id], true)}
            onRemove={list.id === 'seed' ? undefined : () => remove(list)}
            onToggle={(enabled) => void toggle(list, enabled)}
          />
        ))}
      </ul>
      <form class="add-list" onSubmit={add}>
        <label for="add-list-url">Follow another list</label>
        <div class="row">
          <input
            id="add-list-url"
            type="url"
            placeholder="https://github.com/owner/awesome-list"
            value={url}
            onInput={(e) => setUrl((e.target as HTMLInputElement).value)}
            spellcheck={false}
          />
          <button type="submit" disabled={busy || url.trim() === ''}>
            Add list
          </button>
        </div>
        <p class="hint">A GitHub repository (its README is read), a GitHub file, or a raw markdown URL.</p>
      </form>
    </section>
  );
}

function ListRow({
  list,
  refresh,
  busy,
  onUpdate,
  onAcceptShrink,
  onRemove,
  onToggle,
}: {
  list: ListInfo;
  refresh: ListRefreshState | undefined;
  busy: boolean;
  onUpdate: () => void;
  onAcceptShrink: () => void;
  onRemove?: () => void;
  onToggle: (enabled: boolean) => void;
}) {
  const summary = refresh?.lastSummary;
  const source = isHttpUrl(list.sourceUrl) ? list.sourceUrl : undefined;
  return (
    <li class="list" data-list-id={list.id} data-entry-count={list.entryCount}>
      <div class="list-head">
        <label class="list-name">
          <input type="checkbox" checked={list.enabled} disabled={busy} onChange={(e) => onToggle((e.target as HTMLInputElement).checked)} />
          <strong>{list.name}</strong>
        </label>
        <span class="list-actions">
          <button type="button" class="link-button" disabled={busy} onClick={onUpdate}>
            Update
          </button>
          {onRemove && (
            <button type="button" class="link-button danger" disabled={busy} onClick={onRemove}>
              Remove
            </button>
          )}
        </span>
      </div>
      <p class="list-meta">
        {plural(list.entryCount, 'entry', 'entries')} · last refreshed {dateTime(refresh?.lastSuccessAt ?? list.fetchedAt)}
        {source && (
          <>
            {' · '}
            <a href={source} target="_blank" rel="noopener noreferrer">
              source
            </a>
          </>
        )}
      </p>
      {refresh?.lastError && refresh.failures > 0 && (
        <p class="list-error" data-list-error>
          Last check ({dateTime(refresh.lastAttemptAt ?? 0)}): {refresh.lastError}
          {refresh.lastFailure === 'shrunk' && (
            <>
              {' '}
              <button type="button" class="link-button" data-action="accept-shrink" disabled={busy} onClick={onAcceptShrink}>
                The list really is shorter now: apply this version
              </button>
            </>
          )}
        </p>
      )}
      {summary && !summary.unchanged && (
        <details class="summary" data-last-summary>
          <summary>
            Last change {dateTime(summary.at)}: +{n(summary.added)} new, {n(summary.changed)} changed, −{n(summary.removed)} removed
            {summary.skippedLines > 0 && `, ${plural(summary.skippedLines, 'line')} skipped`}
          </summary>
          {summary.addedTitles.length > 0 && (
            <ul>
              {summary.addedTitles.map((title) => (
                <li key={title}>{title}</li>
              ))}
              {summary.added > summary.addedTitles.length && <li>… and {n(summary.added - summary.addedTitles.length)} more</li>}
            </ul>
          )}
        </details>
      )}
    </li>
  );
}

function ScheduleSection({ services, state, reload }: { services: OptionsServices; state: RefreshState | null; reload: () => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const change = async (hours: number) => {
    const reply = await services.setSchedule(hours);
    setError(reply.ok ? null : reply.error);
    await reload();
  };
  return (
    <section aria-labelledby="schedule-heading">
      <h2 id="schedule-heading">Checking for updates</h2>
      <div class="row">
        <label for="schedule">Check the lists</label>
        <select
          id="schedule"
          value={String(state?.schedule.intervalHours ?? 24)}
          onChange={(e) => void change(Number((e.target as HTMLSelectElement).value))}
        >
          {SCHEDULE_CHOICES.map((hours) => (
            <option key={hours} value={String(hours)}>
              {scheduleLabel(hours)}
            </option>
          ))}
        </select>
      </div>
      <p class="hint" data-next-check>
        {state?.nextCheckAt !== undefined ? `Next check: ${dateTime(state.nextCheckAt)}. ` : ''}
        After a failed check Lantern retries sooner (15 min, then 30 min, 1 h, …); the list you have is never replaced by a broken one.
      </p>
      <NoticeLine notice={error ? { text: error, error: true } : null} />
    </section>
  );
}

function RecognitionSection({ services }: { services: OptionsServices }) {
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    services.isAllSitesEnabled().then(setEnabled, () => setEnabled(false));
  }, [services]);
  const change = (next: boolean) => {
    // setAllSites asks for the permission first thing, inside this click.
    services.setAllSites(next).then(
      (now) => {
        setEnabled(now);
        setError(next && !now ? 'The permission was not granted, so Lantern stays on its usual sites.' : null);
      },
      (e: unknown) => setError(errorText(e)),
    );
  };
  return (
    <section aria-labelledby="recognition-heading">
      <h2 id="recognition-heading">Recognition</h2>
      <label class="check">
        <input type="checkbox" checked={enabled === true} disabled={enabled === null} onChange={(e) => change((e.target as HTMLInputElement).checked)} />
        Recognize papers on all sites
      </label>
      <p class="hint">Off: Lantern looks only at known paper sites (arXiv, journals, PubMed, GitHub…). On: every page you open is checked, locally.</p>
      <NoticeLine notice={error ? { text: error, error: true } : null} />
    </section>
  );
}

const MARK_CHOICES: ReadonlyArray<{ key: keyof MarkSettings; label: string; hint: string }> = [
  { key: 'listings', label: 'Marks on listings', hint: 'arXiv listings and search, Scholar, PubMed, Hugging Face papers, and links to listed papers on any page.' },
  { key: 'references', label: 'Marks in reference lists', hint: 'The references of the paper you read, and “Cites 7 papers from the list”.' },
  { key: 'suggest', label: 'Suggest to the list', hint: 'On an unlisted paper that cites listed ones, a link that opens a prefilled issue on the list’s GitHub repository.' },
];

function MarksSection({ services }: { services: OptionsServices }) {
  const [settings, setSettings] = useState<MarkSettings | null>(null);
  const [countries, setCountries] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    services.readMarkSettings().then(setSettings, () => setSettings(DEFAULT_MARK_SETTINGS));
    services.isScholarCountriesEnabled().then(setCountries, () => setCountries(false));
  }, [services]);
  const change = (key: keyof MarkSettings, value: boolean) => {
    if (!settings) return;
    const next = { ...settings, [key]: value };
    setSettings(next);
    services.setMarkSettings(next).then(() => setError(null), (e: unknown) => setError(errorText(e)));
  };
  const changeCountries = (next: boolean) => {
    // setScholarCountries asks for the permission first thing, inside this click.
    services.setScholarCountries(next).then(
      (now) => {
        setCountries(now);
        setError(next && !now ? 'The permission was not granted, so Lantern marks Scholar on scholar.google.com only.' : null);
      },
      (e: unknown) => setError(errorText(e)),
    );
  };
  return (
    <section aria-labelledby="marks-heading">
      <h2 id="marks-heading">Marks</h2>
      {MARK_CHOICES.map(({ key, label, hint }) => (
        <div key={key}>
          <label class="check">
            <input
              type="checkbox"
              name={`marks-${key}`}
              checked={settings?.[key] ?? true}
              disabled={settings === null}
              onChange={(e) => change(key, (e.target as HTMLInputElement).checked)}
            />
            {label}
          </label>
          <p class="hint">{hint}</p>
        </div>
      ))}
      <label class="check">
        <input
          type="checkbox"
          name="marks-scholar-countries"
          checked={countries === true}
          disabled={countries === null}
          onChange={(e) => changeCountries((e.target as HTMLInputElement).checked)}
        />
        Google Scholar in other countries
      </label>
      <p class="hint">scholar.google.de, scholar.google.co.uk and other country domains: asked for when you turn this on.</p>
      <NoticeLine notice={error ? { text: error, error: true } : null} />
    </section>
  );
}

function AppearanceSection({ services }: { services: OptionsServices }) {
  const [appearance, setAppearance] = useState<Appearance>('auto');
  useEffect(() => {
    services.readAppearance().then(setAppearance, () => undefined);
  }, [services]);
  const labels: Record<Appearance, string> = { auto: 'Same as the system', light: 'Light', dark: 'Dark' };
  return (
    <section aria-labelledby="appearance-heading">
      <h2 id="appearance-heading">Appearance</h2>
      <div class="row" role="radiogroup" aria-labelledby="appearance-heading">
        {APPEARANCES.map((choice) => (
          <label key={choice} class="check">
            <input
              type="radio"
              name="appearance"
              value={choice}
              checked={appearance === choice}
              onChange={() => {
                setAppearance(choice);
                void services.setAppearance(choice);
              }}
            />
            {labels[choice]}
          </label>
        ))}
      </div>
    </section>
  );
}

const CLEAR_WORD = 'delete';

function DataSection({ services }: { services: OptionsServices }) {
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
      const text = await services.exportBackup();
      downloadText(`lantern-backup-${new Date().toISOString().slice(0, 10)}.json`, text, 'application/json');
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
    const format = importFormatOf(file.name);
    if (!format) {
      setNotice({ text: 'Choose a Lantern backup (.json) or a BibTeX file (.bib).', error: true });
      return;
    }
    const tooLarge = sizeProblem(file.size);
    if (tooLarge) {
      setNotice({ text: tooLarge, error: true });
      return;
    }
    const outcome = await services.importBackup(decodeImportBytes(new Uint8Array(await file.arrayBuffer())), format, file.name);
    if (!outcome.ok) setNotice({ text: outcome.error, error: true });
    else {
      const warnings = outcome.warnings.length > 0 ? ` ${plural(outcome.warnings.length, 'item')} could not be read: ${outcome.warnings.slice(0, 3).join('; ')}` : '';
      const backup = outcome.backupProblem ? ` ${outcome.backupProblem}` : '';
      setNotice({ text: `Imported: ${n(outcome.added)} added, ${n(outcome.updated)} updated, ${n(outcome.unchanged)} already there.${warnings}${backup}`, error: outcome.backupProblem !== undefined });
    }
    refreshFigures();
    setBackupsChanged((count) => count + 1);
  };

  const clear = async () => {
    try {
      await services.clearReadingList();
      setNotice({ text: 'The reading list is now empty.' });
    } catch (e) {
      setNotice({ text: `Could not clear: ${errorText(e)}`, error: true });
    }
    setConfirming(false);
    setTyped('');
    refreshFigures();
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
            This deletes all {savedCount !== null ? plural(savedCount, 'saved paper') : 'saved papers'} with their notes and tags. Export a backup first if
            you may want them back. Type <strong>{CLEAR_WORD}</strong> to confirm.
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
