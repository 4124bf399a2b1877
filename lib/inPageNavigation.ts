/**
 * After an in-page navigation (pushState), single-page apps change the URL first and the
 * document later, partly, or never: a `citation_doi` or `citation_author` left from the first
 * page while the title already names the next one. Which identity to trust:
 * - right after the navigation, the URL's alone;
 * - once the document has had time to settle (and whenever its head changes after that), each
 *   of the document's fields that differs from what the document said before the navigation.
 *   A field still equal to its value before is left from the previous page and is dropped. The
 *   URL's own identifiers always win over the document's of the same kind.
 */
import type { PageIdentity } from './types';

export type NavigationLook = 'right-after' | 'settled';

/** Fields read from the document that name the paper by themselves, compared one by one. */
const NAMING_FIELDS = ['arxiv', 'doi', 'pmid', 'pmcid', 'title', 'authors'] as const;

/** Fields that describe rather than name (a journal's next paper has the same venue): kept only with a fresh title. */
const DESCRIBING_FIELDS = ['venue', 'year'] as const;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * @param before what the document said before the navigation (its full identity)
 * @param now what URL + document say now
 * @param urlOnly what the URL alone says now (undefined: it names nothing)
 * @returns the identity to look up; `urlOnly` right after the navigation
 */
export function identityAfterNavigation(
  look: NavigationLook,
  before: PageIdentity | undefined,
  now: PageIdentity | undefined,
  urlOnly: PageIdentity | undefined,
): PageIdentity | undefined {
  if (look === 'right-after' || !now) return urlOnly;
  const trusted: PageIdentity = { ...urlOnly, url: now.url };
  const fresh = (field: keyof PageIdentity) => now[field] !== undefined && !same(now[field], before?.[field]);
  const keep = (field: (typeof NAMING_FIELDS)[number] | (typeof DESCRIBING_FIELDS)[number]) => {
    if (trusted[field] === undefined) Object.assign(trusted, { [field]: now[field] });
  };
  for (const field of NAMING_FIELDS) if (fresh(field)) keep(field);
  if (trusted.title !== undefined) for (const field of DESCRIBING_FIELDS) if (now[field] !== undefined) keep(field);
  return trusted;
}
