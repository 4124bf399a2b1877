/**
 * One list item with 20,000 links, parsed and laid out: every link is kept in order with the ids
 * it names, and the work per link stays the same however many there are. Checked by counting,
 * not by the clock: each link's URL is parsed once (by the parser; laying the list out reuses
 * its keys), a plain one without `new URL`, and an entry's link keys read its repositories a
 * fixed number of times, not once per link.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseAwesomeList } from '../../lib/catalog/parse';
import { storedEntry } from '../../lib/db/catalog';
import { layoutList } from '../../lib/db/layout';
import { listedLinkKeys } from '../../lib/ids';
import type { CatalogEntry } from '../../lib/types';

/** An item whose links continue on indented lines: a repository and a project page per line. */
function itemWithLinks(lines: number): string {
  const links = Array.from({ length: lines }, (_, i) => `  [code](https://github.com/org${i}/repo${i}) [page](https://lab${i}.example.org/p)`);
  return `# Many links\n\n- **A generalist model of many links** [paper](https://arxiv.org/abs/2305.10000)\n${links.join('\n')}\n  [wiki](https://github.com/org7/repo7/wiki)\n`;
}

/** Counts `new URL(…)` while `work` runs. */
function urlsParsedBy<T>(work: () => T): { result: T; parsed: number } {
  let parsed = 0;
  class CountedURL extends URL {
    constructor(url: string | URL, base?: string | URL) {
      super(url, base);
      parsed++;
    }
  }
  vi.stubGlobal('URL', CountedURL);
  try {
    return { result: work(), parsed };
  } finally {
    vi.unstubAllGlobals();
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('an item with 20,000 links', () => {
  const LINES = 10_000;

  it('keeps every link, in order, with the ids they name, and reads none with `new URL` from text to stored layout', () => {
    const { result, parsed } = urlsParsedBy(() => {
      const list = parseAwesomeList(itemWithLinks(LINES));
      return { list, layout: layoutList('many', list.entries.map((e) => storedEntry('many', e, 1)), undefined, list.linkKeys) };
    });
    const { list, layout } = result;
    expect(list.entries).toHaveLength(1);
    const [entry] = list.entries as [CatalogEntry];
    expect(entry.title).toBe('A generalist model of many links');
    expect(entry.links).toHaveLength(2 * LINES + 2);
    expect(entry.links[0]).toEqual({ kind: 'paper', url: 'https://arxiv.org/abs/2305.10000', label: 'paper' });
    expect(entry.links[1]).toEqual({ kind: 'code', url: 'https://github.com/org0/repo0', label: 'code' });
    expect(entry.links[2 * LINES]).toEqual({ kind: 'other', url: `https://lab${LINES - 1}.example.org/p`, label: 'page' });
    expect(entry.links.at(-1)).toEqual({ kind: 'code', url: 'https://github.com/org7/repo7/wiki', label: 'wiki' });
    expect(entry.ids.arxiv).toBe('2305.10000');
    expect(entry.ids.repos).toEqual(Array.from({ length: LINES }, (_, i) => `github.com/org${i}/repo${i}`));
    // Found by its project pages; its code pages and the wiki under one are found by their repositories.
    const keys = layout.buckets.flatMap((bucket) => bucket.keys);
    const linkKeys = keys.filter((key) => key.startsWith('link:'));
    expect(linkKeys).toHaveLength(LINES);
    expect(new Set(linkKeys)).toEqual(new Set(Array.from({ length: LINES }, (_, i) => `link:lab${i}.example.org/p`)));
    expect(keys.filter((key) => key.startsWith('repo:'))).toHaveLength(LINES);
    // Plain links are read without `new URL` (plainUrlParts), and the layout reuses their keys.
    expect(parsed).toBe(0);
  });

  it('parses each URL that needs `new URL` once from text to stored layout', () => {
    const lines = 1_000;
    // An upper-case scheme is not the plain form: URL reads it.
    const { result, parsed } = urlsParsedBy(() => {
      const list = parseAwesomeList(itemWithLinks(lines).replaceAll('(https://', '(HTTPS://'));
      return { list, layout: layoutList('many', list.entries.map((e) => storedEntry('many', e, 1)), undefined, list.linkKeys) };
    });
    const [entry] = result.list.entries as [CatalogEntry];
    expect(entry.links).toHaveLength(2 * lines + 2);
    expect(entry.ids.repos).toHaveLength(lines);
    expect(result.layout.buckets.flatMap((bucket) => bucket.keys).filter((key) => key.startsWith('link:'))).toHaveLength(lines);
    expect(parsed).toBe(entry.links.length);
  });

  it("checks each link against the entry's repositories without reading them all per link", () => {
    const [entry] = parseAwesomeList(itemWithLinks(2_000)).entries as [CatalogEntry];
    let reads = 0;
    const repos = new Proxy(entry.ids.repos, {
      get(target, property, receiver) {
        if (typeof property === 'string' && /^\d+$/.test(property)) reads++;
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    const keys = listedLinkKeys({ links: entry.links, ids: { ...entry.ids, repos } });
    expect(keys).toEqual(Array.from({ length: 2_000 }, (_, i) => `link:lab${i}.example.org/p`));
    // A scan of every repository per link would read them 2,000 × 4,001 / 2 times or so.
    expect(reads).toBeLessThanOrEqual(3 * repos.length);
  });
});
