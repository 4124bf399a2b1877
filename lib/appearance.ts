/**
 * Light, dark or following the system, chosen in the options page and kept in
 * storage.local (a WXT storage item). `applyAppearance` sets the page root's `color-scheme`, which picks the side of
 * every light-dark() colour in assets/pages.css ("light dark" follows the system).
 */
import { storage } from 'wxt/utils/storage';

export type Appearance = 'auto' | 'light' | 'dark';
export const APPEARANCES: readonly Appearance[] = ['auto', 'light', 'dark'];

/** The stored choice; read it through readAppearance (the stored value is not trusted to be one). */
const appearanceItem = storage.defineItem<unknown>('local:appearance', { fallback: 'auto' });

export function isAppearance(value: unknown): value is Appearance {
  return typeof value === 'string' && (APPEARANCES as readonly string[]).includes(value);
}

export async function readAppearance(): Promise<Appearance> {
  const value = await appearanceItem.getValue();
  return isAppearance(value) ? value : 'auto';
}

export async function writeAppearance(appearance: Appearance): Promise<void> {
  await appearanceItem.setValue(appearance);
}

export function applyAppearance(appearance: Appearance, root: HTMLElement = document.documentElement): void {
  root.style.colorScheme = appearance === 'auto' ? 'light dark' : appearance;
}

/** Applies the stored choice now and whenever it changes; returns the stop function. */
export function followAppearance(root: HTMLElement = document.documentElement): () => void {
  void readAppearance().then((a) => applyAppearance(a, root), () => undefined);
  return appearanceItem.watch((value) => applyAppearance(isAppearance(value) ? value : 'auto', root));
}
