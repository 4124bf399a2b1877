import { describe, expect, it } from 'vitest';
import { citesFromList, listedOnPage, listingsTooltip } from '../../lib/listing/summary';

describe('how a page’s listed papers are worded', () => {
  it('counts listed papers and cited ones, saying when the page’s own paper is not listed', () => {
    expect(listedOnPage(1)).toBe('1 listed paper on this page');
    expect(listedOnPage(1204)).toBe('1,204 listed papers on this page');
    expect(citesFromList(4, false)).toBe('Not in the list · cites 4 papers from it');
    expect(citesFromList(1, undefined)).toBe('Cites 1 paper from the list');
    expect(citesFromList(2, true)).toBe('Cites 2 papers from the list');
  });

  it('makes the toolbar tooltip of either, both, or neither', () => {
    expect(listingsTooltip({ listed: 7, cites: 0 }, undefined)).toBe('Lantern: 7 listed papers on this page');
    expect(listingsTooltip({ listed: 0, cites: 3 }, false, 'Lantern (dev)')).toBe('Lantern (dev): Not in the list · cites 3 papers from it');
    expect(listingsTooltip({ listed: 2, cites: 1 }, undefined)).toBe('Lantern: 2 listed papers on this page; Cites 1 paper from the list');
    expect(listingsTooltip({ listed: 0, cites: 0 }, false)).toBe('Lantern');
  });
});
