import { useState } from 'preact/hooks';
import { SCHEDULE_CHOICES } from '../../lib/refresh';
import type { OptionsServices, RefreshState } from './services';
import { dateTime, NoticeLine } from './ui';

function scheduleLabel(hours: number): string {
  if (hours === 0) return 'Off (only “Update now”)';
  if (hours === 24) return 'Daily';
  if (hours === 168) return 'Weekly';
  return hours < 24 ? `Every ${hours} hours` : `Every ${hours / 24} days`;
}

export function ScheduleSection({ services, state, reload }: { services: OptionsServices; state: RefreshState | null; reload: () => Promise<void> }) {
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
