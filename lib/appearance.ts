/**
 * Light, dark or following the system, chosen in the options page and kept in
 * storage.local. `applyAppearance` sets the page root's `color-scheme`, which picks the side of
 * every light-dark() colour in assets/pages.css ("light dark" follows the system).
 */
import { browser } from 'wxt/browser';

export type Appearance = 'auto' | 'light' | 'dark';
export const APPEARANCES: readonly Appearance[] = ['auto', 'light', 'dark'];
export const APPEARANCE_KEY = 'appearance';

export function isAppearance(value: unknown): value is Appearance {
  return typeof value === 'string' && (APPEARANCES as readonly string[]).includes(value);
}

export async function readAppearance(): Promise<Appearance> {
  const value = (await browser.storage.local.get(APPEARANCE_KEY))[APPEARANCE_KEY];
  return isAppearance(value) ? value : 'auto';
}

export async function writeAppearance(appearance: Appearance): Promise<void> {
  await browser.storage.local.set({ [APPEARANCE_KEY]: appearance });
}

export function applyAppearance(appearance: Appearance, root: HTMLElement = document.documentElement): void {
  root.style.colorScheme = appearance === 'auto' ? 'light dark' : appearance;
}

/** Applies the stored choice now and whenever it changes; returns the stop function. */
export function followAppearance(root: HTMLElement = document.documentElement): () => void {
  void readAppearance().then((a) => applyAppearance(a, root), () => undefined);
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(APPEARANCE_KEY in changes)) return;
    const value = changes[APPEARANCE_KEY]?.newValue;
    applyAppearance(isAppearance(value) ? value : 'auto', root);
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
