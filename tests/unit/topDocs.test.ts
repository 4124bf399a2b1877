import { describe, expect, it } from 'vitest';
import { TopDocs } from '../../lib/search/topDocs';
import { makeRandom } from '../bench/corpus';

/** What TopDocs must give: a stable sort of the offers by key, highest first, cut at the limit. */
function stableTop(offers: readonly { doc: number; key: number }[], limit: number): number[] {
  return offers
    .map((offer, order) => ({ ...offer, order }))
    .sort((a, b) => b.key - a.key || a.order - b.order)
    .slice(0, Math.max(0, limit))
    .map((offer) => offer.doc);
}

/** The kept list as TopDocs kept it before the heap (sorted insertion), to compare with. */
function insertionTop(offers: readonly { doc: number; key: number }[], limit: number): number[] {
  const docs: number[] = [];
  const keys: number[] = [];
  for (const { doc, key } of offers) {
    let at = docs.length;
    if (at >= limit) {
      if (limit <= 0 || key <= keys[at - 1]!) continue;
      at--;
    }
    while (at > 0 && keys[at - 1]! < key) {
      docs[at] = docs[at - 1]!;
      keys[at] = keys[at - 1]!;
      at--;
    }
    docs[at] = doc;
    keys[at] = key;
  }
  return docs;
}

function topDocs(offers: readonly { doc: number; key: number }[], limit: number): number[] {
  const top = new TopDocs(limit);
  for (const { doc, key } of offers) top.offer(doc, key);
  return top.docs;
}

describe('TopDocs', () => {
  it('keeps the highest keys, highest first, the first offered first among equal keys', () => {
    const offers = [
      { doc: 10, key: 1 },
      { doc: 11, key: 3 },
      { doc: 12, key: 2 },
      { doc: 13, key: 3 },
      { doc: 14, key: 1 },
      { doc: 15, key: 2 },
    ];
    expect(topDocs(offers, 10)).toEqual([11, 13, 12, 15, 10, 14]);
    expect(topDocs(offers, 3)).toEqual([11, 13, 12]);
    expect(topDocs(offers, 1)).toEqual([11]);
    expect(topDocs(offers, 0)).toEqual([]);
  });

  it('gives what a stable sort gives, and what sorted insertion gave, for hundreds of random offers with many ties', () => {
    const next = makeRandom(20261201);
    for (let round = 0; round < 40; round++) {
      const count = 200 + Math.floor(next() * 400);
      // Few distinct keys, so most offers tie with others; some rounds with fractional keys.
      const distinct = 1 + Math.floor(next() * 30);
      const offers = Array.from({ length: count }, (_, doc) => ({
        doc,
        key: round % 4 === 3 ? Math.round(next() * distinct * 100) / 100 : Math.floor(next() * distinct),
      }));
      for (const limit of [0, 1, 2, 7, 50, Math.floor(count / 2), count - 1, count, count + 5]) {
        const expected = stableTop(offers, limit);
        expect(topDocs(offers, limit)).toEqual(expected);
        expect(insertionTop(offers, limit)).toEqual(expected);
      }
    }
  });

  it('keeps the first offered of equal keys when full, as offers arrive in rising, falling or equal order', () => {
    const rising = Array.from({ length: 300 }, (_, doc) => ({ doc, key: Math.floor(doc / 3) }));
    const falling = [...rising].reverse().map((offer, doc) => ({ ...offer, doc }));
    const equal = rising.map(({ doc }) => ({ doc, key: 5 }));
    for (const offers of [rising, falling, equal]) {
      for (const limit of [1, 10, 299, 300]) expect(topDocs(offers, limit)).toEqual(stableTop(offers, limit));
    }
  });
});
