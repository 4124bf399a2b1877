/** Counts in plain words, the same on every page. */

/** "1 paper", "1,204 papers", "3 new entries" (with `many` for irregular plurals). */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}
