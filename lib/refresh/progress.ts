/** Refresh progress in plain words; the background publishes it as `refreshProgress` (progressItem.ts). */

/** "Downloading… 1.2 MB" / "Saving… 40,000 of 100,000 entries", from a RefreshProgress. */
export function progressText(progress: unknown): string | undefined {
  if (typeof progress !== 'object' || progress === null) return undefined;
  const p = progress as Record<string, unknown>;
  if (p.phase === 'fetching' && typeof p.bytes === 'number') {
    const mb = (n: number) => `${(n / 1_048_576).toFixed(1)} MB`;
    return `Downloading… ${mb(p.bytes)}${typeof p.totalBytes === 'number' ? ` of ${mb(p.totalBytes)}` : ''}`;
  }
  if (p.phase === 'applying' && typeof p.applied === 'number' && typeof p.total === 'number') {
    return `Saving… ${p.applied.toLocaleString('en')} of ${p.total.toLocaleString('en')} entries`;
  }
  return undefined;
}
