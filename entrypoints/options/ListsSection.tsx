import { useState } from 'preact/hooks';
import { isHttpUrl } from '../../lib/ids/url';
import { normalizeListUrl, type ListRefreshState, type RefreshOutcome } from '../../lib/refresh';
import type { ListInfo } from '../../lib/types';
import { plural } from '../../lib/words';
import type { OptionsServices, RefreshState } from './services';
import { calendarDate, count, dateTime, errorText, NoticeLine, type Notice } from './ui';

function outcomeText(outcome: RefreshOutcome, name: string): string {
  if (outcome.status === 'failed') return `${name}: ${outcome.message}`;
  if (outcome.status === 'unchanged') return `${name}: no changes.`;
  const { added, changed, removed, skippedLines } = outcome.summary;
  return `${name}: ${plural(added, 'new entry', 'new entries')}, ${count(changed)} changed, ${count(removed)} removed${
    skippedLines > 0 ? ` (${plural(skippedLines, 'line')} could not be read)` : ''
  }.`;
}

/** Where the section's one outcome line shows: at its top (updates, removals), or next to the "Follow another list" form that caused it. */
type NoticePlace = 'top' | 'add-form';

const ADD_NOTICE_ID = 'add-list-notice';

export function ListsSection({
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
  const [placed, setPlaced] = useState<{ notice: Notice; place: NoticePlace }>({ notice: null, place: 'top' });
  const [url, setUrl] = useState('');

  const nameOf = (id: string) => state?.lists.find((l) => l.id === id)?.name ?? id;

  const run = async (work: () => Promise<Notice>, place: NoticePlace = 'top') => {
    setBusy(true);
    try {
      setPlaced({ notice: await work(), place });
    } catch (e) {
      setPlaced({ notice: { text: errorText(e), error: true }, place });
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
      setPlaced({ notice: { text: target.error, error: true }, place: 'add-form' });
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
    }, 'add-form');
  };
  const addNotice = placed.place === 'add-form' ? placed.notice : null;

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
      <NoticeLine notice={placed.place === 'top' ? placed.notice : null} refreshMessage />
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
      {/* Lantern checks the address itself: it takes one without "https://", which the browser's
          own check of a URL field refuses, and says what is wrong in its own words. */}
      <form class="add-list" onSubmit={add} noValidate>
        <label for="add-list-url">Follow another list</label>
        <div class="row">
          <input
            id="add-list-url"
            type="url"
            placeholder="https://github.com/owner/awesome-list"
            value={url}
            onInput={(e) => setUrl((e.target as HTMLInputElement).value)}
            spellcheck={false}
            aria-describedby={addNotice ? ADD_NOTICE_ID : undefined}
          />
          <button type="submit" disabled={busy || url.trim() === ''}>
            Add list
          </button>
        </div>
        <NoticeLine notice={addNotice} refreshMessage id={ADD_NOTICE_ID} />
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
        {plural(list.entryCount, 'entry', 'entries')} ·{' '}
        {/* Never fetched here: the bundled copy, whose time is its source's date (a day, no hour). */}
        {refresh?.lastSuccessAt !== undefined ? `last refreshed ${dateTime(refresh.lastSuccessAt)}` : `the list as of ${calendarDate(list.fetchedAt)}`}
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
            Last change {dateTime(summary.at)}: +{count(summary.added)} new, {count(summary.changed)} changed, −{count(summary.removed)} removed
            {summary.skippedLines > 0 && `, ${plural(summary.skippedLines, 'line')} skipped`}
          </summary>
          {summary.addedTitles.length > 0 && (
            <ul>
              {summary.addedTitles.map((title) => (
                <li key={title}>{title}</li>
              ))}
              {summary.added > summary.addedTitles.length && <li>… and {count(summary.added - summary.addedTitles.length)} more</li>}
            </ul>
          )}
        </details>
      )}
    </li>
  );
}
