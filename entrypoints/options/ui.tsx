/** What the options page's sections share: their outcome line, permission switches, and how they write times and errors. */
import { useEffect, useState } from 'preact/hooks';

export type Notice = { text: string; error?: boolean } | null;

/** A section's outcome line: announced politely, or at once when it is an error. `id` lets a field name it in aria-describedby. */
export function NoticeLine({ notice, refreshMessage = false, id }: { notice: Notice; refreshMessage?: boolean; id?: string }) {
  if (!notice) return null;
  return (
    <p id={id} class={`notice${notice.error ? ' is-error' : ''}`} role={notice.error ? 'alert' : 'status'} data-refresh-message={refreshMessage || undefined}>
      {notice.text}
    </p>
  );
}

/** "Nov 30, 2026, 1:18 PM" in the browser's locale. */
export const dateTime = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "Dec 23, 2023" in the browser's locale, for a time that stands for a calendar date (its UTC midnight). */
export const calendarDate = (ms: number) => new Date(ms).toLocaleDateString(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** "12,345": counts in the options page are written with English digit grouping, as elsewhere in Lantern. */
export const count = (value: number) => value.toLocaleString('en');

/**
 * A switch for something that needs a browser permission. `set(on)` asks for it first thing
 * inside the click (browsers refuse a prompt outside one) and resolves to whether it is on now;
 * when the user refuses, the switch stays off and `refused` says what Lantern does instead.
 */
export function PermissionToggle({ name, label, hint, refused, read, set }: {
  name?: string;
  label: string;
  hint: string;
  refused: string;
  read: () => Promise<boolean>;
  set: (on: boolean) => Promise<boolean>;
}) {
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Read once: `read` is a new function at every render of the section.
  useEffect(() => void read().then(setEnabled, () => setEnabled(false)), []);
  const change = (next: boolean) => {
    set(next).then(
      (now) => {
        setEnabled(now);
        setError(next && !now ? refused : null);
      },
      (e: unknown) => setError(errorText(e)),
    );
  };
  return (
    <>
      <label class="check">
        <input type="checkbox" name={name} checked={enabled === true} disabled={enabled === null} onChange={(e) => change((e.target as HTMLInputElement).checked)} />
        {label}
      </label>
      <p class="hint">{hint}</p>
      <NoticeLine notice={error ? { text: error, error: true } : null} />
    </>
  );
}
