/**
 * The one generic test for every recognizer's examples (lib/detector.ts): each example set in
 * lib/ (`*.examples.ts`) accepts its inputs with the expected value, rejects its
 * counter-examples, and carries enough of both. URL → identifier detectors (named "url.<kind>")
 * must also reject the URLs the other URL detectors accept, so one link never reads as two kinds
 * of identifier. And no recognizer goes without examples: every function lib/ids, lib/page and lib/listing
 * export is a detector with an example set, unless `NOT_DETECTORS` below says why it is not one.
 */
import { describe, expect, it } from 'vitest';
import type { Examples } from '../../lib/detector';
import * as ids from '../../lib/ids';
import * as page from '../../lib/page';
import * as listing from '../../lib/listing';

const exampleFiles = import.meta.glob<{ default: ReadonlyArray<Examples<unknown, unknown>> }>('../../lib/**/*.examples.ts', {
  eager: true,
});
const detectors = Object.values(exampleFiles).flatMap((file) => file.default);

/** Functions lib/ids and lib/page export that are not recognizers, so carry no example set. */
const NOT_DETECTORS: Record<string, string> = {
  idsFromUrls: 'combines the URL detectors over a list of links',
  linkIds: 'runs the URL detectors on one parsed URL; tested with idsFromUrls in tests/unit/ids.test.ts',
  LinkIdsGathered: 'joins the ids of links already read; tested in tests/unit/ids.test.ts',
  identityLabel: 'names an identity already found; never rejects',
  paperKeys: 'builds index keys; never rejects',
  listedLinkKeys: 'builds an entry\'s link keys with linkKey; never rejects',
  paperId: 'builds the stored id from ids already found; never rejects',
  fittingPaperId: 'picks a free stored id for an import from ids already found; never rejects',
  doiUrl: 'links a DOI already found (tests/unit/ids.test.ts checks it against the DOI examples); never rejects',
  parseHttpUrl: 'returns a URL object, the parsing step of every URL detector',
  doiFromTag: 'reads one tag; doiFromMeta is the page-level detector built on it',
  pageDois: 'lists every DOI a page names; never rejects',
  identityFromMeta: 'combines the page detectors; always returns an identity',
  identifyPage: 'reads the live document; tested in tests/unit/page.test.ts',
  agreesWithAddress: 'compares an identity already found with an address; tested on every page fixture in tests/unit/page.test.ts',
  readPageMeta: 'copies DOM tags into plain data; never rejects',
  pageMeta: 'builds example inputs',
  cleanText: 'sanitizes any text, not a recognizer',
  listingItems: 'reads a live document; tested on fixtures in tests/unit/listing.test.ts',
  hasIdentifier: 'checks a query already read; never rejects',
  queryFromUrl: 'combines the URL detectors of lib/ids for one link',
  identityFromUrl: 'combines the URL detectors for one URL; tested through identifyUrl and parsePastedIdentifier',
  linkItem: 'reads a live link; tested in tests/unit/listing.test.ts',
  paperLinks: 'lists a live document\'s links; tested in tests/unit/listing.test.ts',
  referenceElements: 'lists a live document\'s references; tested in tests/unit/listing.test.ts',
  referenceItem: 'reads a live reference; tested in tests/unit/listing.test.ts',
  referenceItems: 'reads a live document; tested in tests/unit/listing.test.ts',
  plannedMarks: 'pairs items with lookup answers; tested in tests/unit/listing-lookup.test.ts',
  titleCandidates: 'scans a text against title hashes; tested in tests/unit/listing.test.ts',
  titleHash: 'hashes a title key; tested in tests/unit/listing.test.ts',
  isScannedTitle: 'tells which title keys a scan looks for; tested in tests/unit/listing.test.ts',
};

/** Pairs of URL detectors allowed to accept the same URL, with the reason. */
const allowedOverlaps: Array<{ a: string; b: string; when: (input: string) => boolean }> = [
  // doi.org/10.48550/arXiv.<id> is both an arXiv DOI and an arXiv id.
  { a: 'url.arxiv', b: 'url.doi', when: (input) => /10\.48550\/arxiv\./i.test(input) },
];

function overlapAllowed(first: string, second: string, input: string): boolean {
  return allowedOverlaps.some(
    (overlap) =>
      ((overlap.a === first && overlap.b === second) || (overlap.a === second && overlap.b === first)) && overlap.when(input),
  );
}

const exportedFunctions = [...Object.entries(ids), ...Object.entries(page), ...Object.entries(listing)].filter(([, value]) => typeof value === 'function');

it('has examples for the identifier detectors of lib/ids', () => {
  expect(detectors.map((spec) => spec.name)).toEqual(
    expect.arrayContaining([
      'ids.normalizeArxivId', 'ids.arxivIdFromDoi', 'ids.normalizeDoi',
      'url.arxiv', 'url.doi', 'url.pmcid', 'url.pmid', 'url.repo',
    ]),
  );
});

it('has examples for every function lib/ids, lib/page and lib/listing export, other than the named non-detectors', () => {
  const covered = new Set<unknown>(detectors.map((spec) => spec.detect));
  const missing = exportedFunctions.filter(([name, fn]) => !covered.has(fn) && !(name in NOT_DETECTORS)).map(([name]) => name);
  expect(missing).toEqual([]);
});

it('names only real exports as non-detectors, and none that has examples', () => {
  const covered = new Set<unknown>(detectors.map((spec) => spec.detect));
  const exported = new Map<string, unknown>(exportedFunctions);
  for (const name of Object.keys(NOT_DETECTORS)) {
    expect({ name, exported: exported.has(name), hasExamples: covered.has(exported.get(name)) }).toEqual({
      name,
      exported: true,
      hasExamples: false,
    });
  }
});

it('tests only exported detectors, each with one example set', () => {
  const exported = new Set<unknown>(exportedFunctions.map(([, fn]) => fn));
  expect(detectors.filter((spec) => !exported.has(spec.detect)).map((spec) => spec.name)).toEqual([]);
  expect(new Set(detectors.map((spec) => spec.detect)).size).toBe(detectors.length);
});

it('has unique detector names', () => {
  const names = detectors.map((spec) => spec.name);
  expect(new Set(names).size).toBe(names.length);
});

describe.each(detectors.map((spec) => [spec.name, spec] as const))('%s', (_name, spec) => {
  it('carries at least 3 accept and 2 reject examples', () => {
    expect(spec.accepts.length).toBeGreaterThanOrEqual(3);
    expect(spec.rejects.length).toBeGreaterThanOrEqual(2);
  });

  it.each(spec.accepts.map(([input, expected]) => [JSON.stringify(input), input, expected] as const))(
    'accepts %s',
    (_label, input, expected) => {
      expect(spec.detect(input)).toEqual(expected);
    },
  );

  it.each(spec.rejects.map((input) => [JSON.stringify(input), input] as const))('rejects %s', (_label, input) => {
    expect(spec.detect(input)).toBeUndefined();
  });
});

const urlDetectors = detectors.filter((spec) => spec.name.startsWith('url.'));

describe.each(urlDetectors.map((spec) => [spec.name, spec] as const))('%s against the other URL detectors', (name, spec) => {
  const others = urlDetectors.filter((other) => other.name !== name);
  it.each(spec.accepts.map(([input]) => [input as string]))('only %s reads as its kind', (input) => {
    for (const other of others) {
      if (overlapAllowed(name, other.name, input)) continue;
      expect({ detector: other.name, value: other.detect(input) }).toEqual({ detector: other.name, value: undefined });
    }
  });
});
