/** What the options page's sections share: their outcome line and how they write times and errors. */

export type Notice = { text: string; error?: boolean } | null;

/** A section's outcome line: announced politely, or at once when it is an error. */
export function NoticeLine({ notice, refreshMessage = false }: { notice: Notice; refreshMessage?: boolean }) {
  if (!notice) return null;
  return (
    <p class={`notice${notice.error ? ' is-error' : ''}`} role={notice.error ? 'alert' : 'status'} data-refresh-message={refreshMessage || undefined}>
      {notice.text}
    </p>
  );
}

/** "Nov 30, 2026, 1:18 PM" in the browser's locale. */
export const dateTime = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** "12,345": counts in the options page are written with English digit grouping, as elsewhere in Lantern. */
export const count = (value: number) => value.toLocaleString('en');
