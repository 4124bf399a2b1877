/**
 * Title keys as schema version 8 stores them, frozen: a copy of ../../fold.ts and ../../title.ts
 * as they were when v8 shipped, and how the v8 upgrade moves a saved item to its new id. Versions
 * 1 to 7 kept letters that NFKD does not decompose ("ß", "æ", "ł") in title keys; v8 spells them
 * in ASCII as every other folded text does ("title:straße" → "title:strasse"). Never change it.
 */
import type { SavedItem, SavedPaper } from '../../types';

const COMBINING_MARKS = /\p{M}/gu;
const EXTRA_FOLDS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', ı: 'i', þ: 'th' };
const EXTRA_FOLD_PATTERN = /[ßæœøđðłıþ]/g;
const APOSTROPHES = /['’‘ʼ′`´]/g;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;
const NOT_ASCII_LETTER_OR_DIGIT = /[^a-z0-9]+/g;
const TITLE_ID = 'title:';

/**
 * The v8 title key of a title, or of a title key of v1–v7 (which gives the same key as its title:
 * the earlier rule differed only in keeping the letters this one spells in ASCII).
 */
export function titleKeyV8(title: string): string {
  if (PRINTABLE_ASCII.test(title)) return title.toLowerCase().replace(APOSTROPHES, '').replace(NOT_ASCII_LETTER_OR_DIGIT, ' ').trim();
  return title
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(EXTRA_FOLD_PATTERN, (ch) => EXTRA_FOLDS[ch] ?? ch)
    .replace(APOSTROPHES, '')
    .replace(NOT_LETTER_OR_DIGIT, ' ')
    .trim();
}

/**
 * A paper id with a v8 title key ("title:straße" → "title:strasse"); any other id unchanged, and
 * so is one whose key folds to nothing ("title:???", only from an edited backup): two such
 * papers must not become one.
 */
export function paperIdV8(id: string): string {
  if (!id.startsWith(TITLE_ID)) return id;
  const key = titleKeyV8(id.slice(TITLE_ID.length));
  return key === '' ? id : TITLE_ID + key;
}

/** The paper with its id and title key as v8 stores them. */
export function paperV8<P extends Pick<SavedPaper, 'id' | 'titleKey'>>(paper: P): P {
  return { ...paper, id: paperIdV8(paper.id), titleKey: titleKeyV8(paper.titleKey) };
}

/** Between two notes of saved items the v8 upgrade made one. */
export const MERGED_NOTE_SEPARATOR = '\n\n— merged note —\n';

function mergedNote(first: string, second: string): string {
  if (second === '' || first.includes(second)) return first;
  if (first === '' || second.includes(first)) return second;
  return `${first}${MERGED_NOTE_SEPARATOR}${second}`;
}

function mergedTags(first: readonly string[], second: readonly string[]): string[] {
  const seen = new Set<string>();
  return [...first, ...second].filter((tag) => {
    const folded = tag.toLowerCase();
    if (seen.has(folded)) return false;
    seen.add(folded);
    return true;
  });
}

/** When an item's star was last set: its recorded change, else when it was saved (an item that records changes records that one), else its last update. */
function starredAt(item: SavedItem): number {
  return item.changedAt?.starred ?? (item.changedAt ? item.addedAt : item.updatedAt);
}

/**
 * Two saved items that v8 gives one id, made one without losing what either holds: the paper of
 * the one saved first (gaining the identifiers, venue, year, month, URL, authors, links and
 * categories only the other has); tags united; both notes kept (one that holds the other is
 * enough); status from the later status change, star from the later star change; the earlier
 * "added", the later "updated", and each field's later change time.
 */
export function mergeSavedV8(a: SavedItem, b: SavedItem): SavedItem {
  const [first, second] = a.addedAt < b.addedAt || (a.addedAt === b.addedAt && a.id <= b.id) ? [a, b] : [b, a];
  const paper: SavedPaper = { ...first.paper, ids: { ...second.paper.ids, ...first.paper.ids, repos: [...new Set([...first.paper.ids.repos, ...second.paper.ids.repos])] } };
  if (paper.venue === '' && second.paper.venue !== '') paper.venue = second.paper.venue;
  if (paper.year === undefined && second.paper.year !== undefined) paper.year = second.paper.year;
  if (paper.month === undefined && second.paper.month !== undefined) paper.month = second.paper.month;
  if (paper.url === undefined && second.paper.url !== undefined) paper.url = second.paper.url;
  if (paper.authors === '' && second.paper.authors !== '') {
    paper.authors = second.paper.authors;
    paper.authorList = second.paper.authorList;
  }
  const urls = new Set(paper.links.map((link) => link.url));
  paper.links = [...paper.links, ...second.paper.links.filter((link) => !urls.has(link.url))];
  paper.categories = [...new Set([...paper.categories, ...second.paper.categories])];
  const status = second.statusChangedAt > first.statusChangedAt ? second : first;
  const starred = starredAt(second) > starredAt(first) ? second : first;
  const changedAt: NonNullable<SavedItem['changedAt']> = { ...first.changedAt };
  for (const [field, at] of Object.entries(second.changedAt ?? {}) as [keyof typeof changedAt, number][]) changedAt[field] = Math.max(changedAt[field] ?? 0, at);
  return {
    ...first,
    paper,
    status: status.status,
    statusChangedAt: status.statusChangedAt,
    tags: mergedTags(first.tags, second.tags),
    note: mergedNote(first.note, second.note),
    starred: starred.starred,
    addedAt: first.addedAt,
    updatedAt: Math.max(first.updatedAt, second.updatedAt),
    ...((first.changedAt ?? second.changedAt) && { changedAt }),
  };
}

/**
 * Saved items with v8 ids, in their order; items that v8 gives one id are merged (mergeSavedV8)
 * into the place of the first of them. An item that cannot be moved or merged (a damaged row) is
 * handed to `reject` with the error, as it was, and left out.
 */
export function savedItemsV8(items: readonly SavedItem[], reject: (item: SavedItem, error: unknown) => void): SavedItem[] {
  const byId = new Map<string, SavedItem>();
  for (const item of items) {
    try {
      const moved: SavedItem = { ...item, id: paperIdV8(item.id), paper: paperV8(item.paper) };
      const same = byId.get(moved.id);
      byId.set(moved.id, same ? mergeSavedV8(same, moved) : moved);
    } catch (error) {
      reject(item, error);
    }
  }
  return [...byId.values()];
}
