/**
 * The extension pages' palette (assets/pages.css) is readable: text colours against the
 * backgrounds they are drawn on reach WCAG 2.x's 4.5:1 for small text, in both schemes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(join(process.cwd(), 'assets/pages.css'), 'utf8');

/** `--name: light-dark(#light, #dark)` of the palette. */
function colour(name: string): { light: string; dark: string } {
  const match = new RegExp(`--${name}:\\s*light-dark\\((#[0-9a-f]{6}),\\s*(#[0-9a-f]{6})\\)`, 'i').exec(css);
  if (!match) throw new Error(`No --${name} in pages.css`);
  return { light: match[1]!, dark: match[2]! };
}

/** WCAG 2.x relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('extension pages palette', () => {
  const texts = ['fg', 'fg-muted', 'fg-faint', 'saved', 'accent', 'error'];
  const grounds = ['bg', 'bg-raised', 'bg-selected'];
  for (const scheme of ['light', 'dark'] as const) {
    it(`reaches 4.5:1 for every text colour on every background, ${scheme}`, () => {
      const low = texts.flatMap((text) =>
        grounds.flatMap((ground) => {
          const ratio = contrast(colour(text)[scheme], colour(ground)[scheme]);
          return ratio < 4.5 ? [`--${text} on --${ground}: ${ratio.toFixed(2)}:1`] : [];
        }),
      );
      expect(low).toEqual([]);
    });
  }
});
