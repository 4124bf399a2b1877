/**
 * Page identity → listed paper. Identifiers first (arXiv id, DOI, PMC id, PMID, repository),
 * then the title; the title is what ties an arXiv page to the journal version the list links,
 * and the reverse.
 */
import { displayName, surnameOf, type CslName } from './names';
import { exactAddress, linkKey, listedLinkKeys, paperKeys } from './ids';
import { titleKey } from './title';
import type { PageIdentity, PageMatch, Paper, SavedPaper } from './types';

type Via = PageMatch['via'];

const ID_KINDS = ['arxiv', 'doi', 'pmcid', 'pmid'] as const;

/**
 * Every key the page can be looked up by ("arxiv:…", "doi:…", "pmcid:…", "pmid:…", "repo:…",
 * "title:…"), strongest first, in the form of StoredEntry.keys. A code page gets no title key:
 * a repository is recognized by its path alone (see matchPaper).
 */
export function identityKeys(identity: PageIdentity): string[] {
  const { arxiv, doi, pmcid, pmid, repo, title } = identity;
  const key = title && !repo ? titleKey(title) : '';
  const keys = paperKeys({ arxiv, doi, pmcid, pmid, repos: repo ? [repo] : [] }, key || undefined);
  const link = repo ? undefined : linkKey(identity.url);
  return link ? [...keys, link] : keys;
}

/**
 * A saved or imported paper seen as a page would show it (identifiers, title, authors, year), so
 * the rules that recognize a page also tell whether it is a listed paper. Its repositories are
 * left out: a repository makes a code page, which is never matched by title.
 */
export function identityOfPaper(paper: Pick<SavedPaper, 'ids' | 'title' | 'authorList' | 'year' | 'url'>): PageIdentity {
  const { arxiv, doi, pmcid, pmid } = paper.ids;
  return {
    url: paper.url ?? '',
    ...(arxiv && { arxiv }),
    ...(doi && { doi }),
    ...(pmcid && { pmcid }),
    ...(pmid && { pmid }),
    ...(paper.title && { title: paper.title }),
    ...(paper.authorList.names.length > 0 && { authors: paper.authorList.names.map(displayName) }),
    ...(paper.year !== undefined && { year: paper.year }),
  };
}

/**
 * A prefix of the page's title key for finding near-equal titles that no exact key finds:
 * its first word less one letter, so "toward" also reaches "towards". Undefined for code pages
 * and titles too short to match by title.
 */
export function titleCandidatePrefix(identity: PageIdentity): string | undefined {
  if (!identity.title || identity.repo) return undefined;
  const words = titleKey(identity.title).split(' ');
  if (words.length < MIN_TITLE_WORDS) return undefined;
  const first = words[0]!;
  return first.length > 3 ? first.slice(0, -1) : `${first} `;
}

/**
 * The listed paper the page is, and what tied them; undefined when none of `candidates` is it.
 * Identifiers first; then, for a code page, its repository; then a page whose address is exactly
 * one of an entry's listed links that name no identifier (lib/ids/link.ts); then the title.
 * `shared` lists the other candidates the same repository or link is listed for, when there are any.
 */
export function matchPaper(identity: PageIdentity, candidates: readonly Paper[]): { paper: Paper; via: Via; shared?: Paper[] } | undefined {
  for (const kind of ID_KINDS) {
    const value = identity[kind];
    const paper = value ? candidates.find((candidate) => candidate.ids[kind] === value) : undefined;
    if (paper) return { paper, via: kind };
  }
  if (identity.repo) {
    const repo = identity.repo;
    const [paper, ...shared] = candidates.filter((candidate) => candidate.ids.repos.includes(repo));
    // Code pages stop here: a README heading or a fork's title is no evidence of the listed paper.
    return paper ? { paper, via: 'repo', ...(shared.length > 0 && { shared }) } : undefined;
  }
  const link = linkKey(identity.url);
  const address = exactAddress(identity.url);
  const [byLink, ...sharedLink] = link
    ? candidates.filter((candidate) => listedLinkKeys(candidate).includes(link) && candidate.links.some((listed) => exactAddress(listed.url) === address))
    : [];
  if (byLink) return { paper: byLink, via: 'link', ...(sharedLink.length > 0 && { shared: sharedLink }) };
  const key = identity.title ? titleKey(identity.title) : '';
  if (key.split(' ').length < MIN_TITLE_WORDS) return undefined;
  const plausible = candidates.filter((candidate) => !conflicts(identity, candidate));
  const paper =
    plausible.find((candidate) => candidate.titleKey === key) ??
    plausible.find((candidate) => titlesNearlyEqual(key, candidate.titleKey));
  return paper ? { paper, via: 'title' } : undefined;
}

/**
 * One- or two-word titles are names ("PULSE", "Doctor Dignity": code-only entries), not
 * evidence: a page headed "Pulse" is not the PULSE model. Such entries are found by their repository.
 */
const MIN_TITLE_WORDS = 3;

/**
 * Publishers of preprints: a preprint's DOI and its journal version's DOI differ by nature, so
 * they never contradict a title match. Two journal DOIs (or two preprint DOIs) do.
 */
const PREPRINT_DOI_PREFIXES = ['10.48550/', '10.1101/', '10.21203/', '10.2139/', '10.20944/', '10.36227/', '10.31219/', '10.22541/'];

function isPreprintDoi(doi: string): boolean {
  return PREPRINT_DOI_PREFIXES.some((prefix) => doi.startsWith(prefix));
}

/**
 * A same-titled candidate is rejected when the page and the candidate carry identifiers of the
 * same kind that differ (two arXiv ids, two journal DOIs, two PMIDs, two PMC ids) or when their
 * first authors differ. Short generic titles ("A survey of large language models") are shared
 * by different papers; two records with different ids of one kind are two papers, and the
 * list's entry carries the id it links. The arXiv ↔ journal link is unaffected: an arXiv
 * entry has no journal DOI to contradict the journal page, and the reverse.
 */
function conflicts(identity: PageIdentity, candidate: Paper): boolean {
  return identifiersDiffer(identity, candidate.ids) || !firstAuthorAgrees(identity.authors, candidate.authorList.names[0]);
}

/**
 * Whether two records carry identifiers of one kind that differ (two arXiv ids, two journal
 * DOIs, two PMIDs, two PMC ids), which makes them two papers whatever their titles say. A
 * preprint DOI and a journal DOI do not differ in this sense: they name one paper's two versions.
 */
export function identifiersDiffer(a: Partial<Record<(typeof ID_KINDS)[number], string>>, b: Partial<Record<(typeof ID_KINDS)[number], string>>): boolean {
  for (const kind of ID_KINDS) {
    const mine = a[kind];
    const theirs = b[kind];
    if (!mine || !theirs || mine === theirs) continue;
    if (kind === 'doi' && isPreprintDoi(mine) !== isPreprintDoi(theirs)) continue;
    return true;
  }
  return false;
}

/** Name words, diacritics and case folded: "Thirunavukarasu, Arun James" → thirunavukarasu, arun, james. */
function nameWords(name: string): string[] {
  return titleKey(name).split(' ').filter((word) => word.length > 1);
}

/**
 * The listed paper's first author's surname (the last word of its family name, or of a literal)
 * must be among the page's author names, in whichever order the page writes them. Unknown on
 * either side agrees.
 */
export function firstAuthorAgrees(pageAuthors: readonly string[] | undefined, listedFirst: CslName | undefined): boolean {
  const surname = nameWords(surnameOf(listedFirst)).at(-1);
  if (!pageAuthors || pageAuthors.length === 0 || !surname) return true;
  return pageAuthors.some((author) => nameWords(author).includes(surname));
}

/** Titles this long or longer may differ by one letter ("Toward"/"Towards"); shorter ones may not. */
const MIN_LENGTH_FOR_ONE_EDIT = 40;

/**
 * Equal keys are handled by the caller; here: equal once spaces are ignored ("Pre-trained" and
 * "Pretrained", "MedAlpaca--An" and "MedAlpaca - An"), or, for long titles, one inserted, deleted
 * or replaced letter. Never a prefix or substring, and never a digit: "GPT-3" is not "GPT-4".
 */
export function titlesNearlyEqual(a: string, b: string): boolean {
  const x = a.replace(/ /g, '');
  const y = b.replace(/ /g, '');
  if (x === '' || y === '') return false;
  if (x === y) return true;
  if (Math.min(x.length, y.length) < MIN_LENGTH_FOR_ONE_EDIT) return false;
  return withinOneLetterEdit(x, y);
}

const DIGIT = /\p{N}/u;

function withinOneLetterEdit(x: string, y: string): boolean {
  if (Math.abs(x.length - y.length) > 1) return false;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  let start = 0;
  while (start < short.length && short[start] === long[start]) start++;
  let endShort = short.length;
  let endLong = long.length;
  while (endShort > start && short[endShort - 1] === long[endLong - 1]) {
    endShort--;
    endLong--;
  }
  const removed = long.slice(start, endLong);
  const added = short.slice(start, endShort);
  // After trimming the common prefix and suffix, one edit leaves at most one character per side.
  if (removed.length > 1 || added.length > 1) return false;
  return !DIGIT.test(removed) && !DIGIT.test(added);
}
