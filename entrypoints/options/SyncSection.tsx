import { useEffect, useState } from 'preact/hooks';
import type { SyncStatus } from '../../lib/sync/engine';
import { syncStatusLines } from '../../lib/sync/statusText';
import type { OptionsServices } from './services';
import { dateTime } from './ui';

/** "Sync": the reading list through the browser's own sync storage, its switch and its figures. */
export function SyncSection({ services }: { services: OptionsServices }) {
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    services.readSyncEnabled().then(setEnabled, () => setEnabled(null));
    return services.watchSyncStatus(setStatus);
  }, [services]);
  const change = (on: boolean) => {
    setEnabled(on);
    void services.setSyncEnabled(on);
  };
  const lines = status ? syncStatusLines(status) : [];
  return (
    <section aria-labelledby="sync-heading" data-section="sync">
      <h2 id="sync-heading">Sync</h2>
      <label class="check">
        <input type="checkbox" name="sync-enabled" checked={enabled ?? false} disabled={enabled === null} onChange={(e) => change(e.currentTarget.checked)} />
        Sync the reading list to my other devices through this browser’s sync
      </label>
      <p class="hint">
        No account of Lantern’s: your browser’s own sign-in carries it. The space is small (about 100 kB), so a long reading list syncs its starred
        and newest papers first; everything stays in this browser either way.
      </p>
      {enabled === false ? (
        <p data-sync-state="off">Sync is off: this browser’s reading list stays here, and changes from other devices are not taken in.</p>
      ) : status ? (
        <div
          data-sync-state={status.problem ? 'problem' : 'on'}
          data-synced={status.savedSynced}
          data-total={status.savedTotal}
          data-bytes={status.bytes}
          data-not-synced={status.notSynced}
        >
          {lines.map((line, index) => (
            <p key={index} class={index > 0 && status.problem && line === status.problem ? 'notice is-error' : undefined}>
              {line}
            </p>
          ))}
          <p class="hint">Last synced {dateTime(status.at)}.</p>
        </div>
      ) : enabled ? (
        <p data-sync-state="pending">Not synced yet.</p>
      ) : null}
    </section>
  );
}
