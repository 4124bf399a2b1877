/**
 * The one generic test for every recognizer declared with `detector()` (lib/detector.ts):
 * each accepts its examples with the expected value, rejects its counter-examples, and carries
 * enough of both. URL → identifier detectors (named "url.<kind>") must also reject the URLs the
 * other URL detectors accept, so one link never reads as two kinds of identifier.
 * To cover another module's detectors, import it here for its registrations.
 */
import { describe, expect, it } from 'vitest';
import { registeredDetectors } from '../../lib/detector';
import '../../lib/ids';
import '../../lib/page';

const detectors = registeredDetectors();

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

it('registers the identifier detectors of lib/ids', () => {
  expect(detectors.map((spec) => spec.name)).toEqual(
    expect.arrayContaining([
      'ids.normalizeArxivId', 'ids.arxivIdFromDoi', 'ids.normalizeDoi',
      'url.arxiv', 'url.doi', 'url.pmcid', 'url.pmid', 'url.repo',
    ]),
  );
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
