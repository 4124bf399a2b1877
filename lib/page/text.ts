/**
 * Page text is untrusted: it may hold control characters, bidi overrides, or megabytes of
 * junk. Every string Lantern takes from a page goes through `cleanText` with a cap that fits
 * the message validators in lib/messages.ts.
 */

/**
 * C0/C1 controls other than whitespace, DEL, zero-width and bidi-override characters: they can
 * disguise a title or an identifier, so they are removed (whitespace controls become spaces).
 */
const INVISIBLE_OR_CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** C1 controls, bidi overrides and isolates: what can make a text read as another, which Lantern drops from what it imports. */
const DISGUISING = /[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Imported text as Lantern keeps it: composed (NFC), without DISGUISING characters, each run of spacing one space, trimmed. */
export function flatText(text: string): string {
  return text.normalize('NFC').replace(DISGUISING, '').replace(/\s+/g, ' ').trim();
}

/** Longest title Lantern accepts; longer ones are junk, not titles, and are dropped whole. */
export const MAX_TITLE = 1000;
export const MAX_AUTHOR = 300;
export const MAX_AUTHORS = 100;
export const MAX_VENUE = 500;
/** Longest identifier value worth looking at (a DOI is rarely over 100 characters). */
export const MAX_ID_VALUE = 300;
/** URLs longer than this are cut (message validators accept up to 8192). */
export const MAX_URL = 4096;

/**
 * Strips control and invisible characters, collapses whitespace and trims. A value longer than
 * `max` (before or after cleaning) is dropped rather than cut: a cut title is a wrong title.
 */
export function cleanText(raw: string, max: number): string | undefined {
  if (raw.length > max * 4) return undefined;
  const text = raw.replace(INVISIBLE_OR_CONTROL, '').replace(/\s+/g, ' ').trim();
  return text !== '' && text.length <= max ? text : undefined;
}

/** The page URL as Lantern keeps it: controls stripped, cut to MAX_URL. */
export function cleanUrl(raw: string): string {
  return raw.replace(INVISIBLE_OR_CONTROL, '').trim().slice(0, MAX_URL);
}
