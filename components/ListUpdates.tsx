/**
 * The popup's corner of list refreshing (lib/refresh): "12 new entries" until dismissed, and
 * "Update now" with progress and a plain-words result. Talks to the background by message.
 */
import { useEffect, useState } from 'preact/hooks';
import { sendMessage } from '../lib/messages';
import { progressText } from '../lib/refresh/progress';
import { refreshProgress } from '../lib/refresh/progressItem';
import type { RefreshOutcome } from '../lib/refresh';
import { plural } from '../lib/words';

/** One line for a whole "Update now": the failures if any, else what changed. */
export function updateResultText(outcomes: readonly RefreshOutcome[]): string {
  const failed = outcomes.flatMap((o) => (o.status === 'failed' ? [o.message] : []));
  if (failed.length > 0) return failed.join(' ');
  const added = outcomes.reduce((sum, o) => sum + (o.status === 'updated' ? o.summary.added : 0), 0);
  const changed = outcomes.reduce((sum, o) => sum + (o.status === 'updated' ? o.summary.changed + o.summary.removed : 0), 0);
  if (added === 0 && changed === 0) return 'The list is up to date.';
  return `Updated: ${plural(added, 'new entry', 'new entries')}${changed > 0 ? `, ${plural(changed, 'other change', 'other changes')}` : ''}.`;
}

export function ListUpdates({ onUpdated }: { onUpdated: () => void }) {
  const [newCount, setNewCount] = useState(0);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<string | undefined>(undefined);
  const [result, setResult] = useState<{ text: string; error: boolean } | null>(null);

  useEffect(() => {
    void sendMessage('getRefreshState', {}).then((reply) => reply.ok && setNewCount(reply.value.newEntries));
    return refreshProgress.watch((progress) => setProgress(progressText(progress)));
  }, []);

  const dismiss = () => {
    setNewCount(0);
    void sendMessage('markEntriesSeen', {});
  };

  const update = async () => {
    setBusy(true);
    setResult(null);
    const reply = await sendMessage('refreshLists', {});
    setBusy(false);
    if (!reply.ok) {
      setResult({ text: reply.error, error: true });
      return;
    }
    setResult({ text: updateResultText(reply.value), error: reply.value.some((o) => o.status === 'failed') });
    if (reply.value.some((o) => o.status === 'updated')) onUpdated();
  };

  return (
    <div class="list-updates" data-list-updates>
      {newCount > 0 && (
        <p class="notice" data-new-entries={newCount}>
          {plural(newCount, 'new entry', 'new entries')} since you last looked.{' '}
          <button type="button" class="link-button" onClick={dismiss}>
            Dismiss
          </button>
        </p>
      )}
      {result && (
        <p class={`notice${result.error ? ' is-error' : ''}`} role={result.error ? 'alert' : 'status'} data-update-result>
          {result.text}{' '}
          <button type="button" class="link-button" onClick={() => setResult(null)}>
            Dismiss
          </button>
        </p>
      )}
      <button type="button" class="link-button" data-action="update-now" disabled={busy} onClick={() => void update()}>
        {busy ? (progress ?? 'Updating…') : 'Update now'}
      </button>
    </div>
  );
}
