/** Category paths as the list parser writes them: parts, leaf, and what lies within a path. */
import { describe, expect, it } from 'vitest';
import { categoryLeaf, categoryParts, isWithinCategory } from '../../lib/categories';

describe('category paths', () => {
  it('splits a path into its headings and names its leaf', () => {
    expect(categoryParts('Evaluation › Strategies › Human')).toEqual(['Evaluation', 'Strategies', 'Human']);
    expect(categoryLeaf('Evaluation › Strategies')).toBe('Strategies');
    expect(categoryLeaf('Evaluation')).toBe('Evaluation');
  });

  it('counts a path and the paths under it as within, not a sibling that shares a prefix', () => {
    expect(isWithinCategory('Evaluation', 'Evaluation')).toBe(true);
    expect(isWithinCategory('Evaluation › Strategies', 'Evaluation')).toBe(true);
    expect(isWithinCategory('Evaluation methods', 'Evaluation')).toBe(false);
    expect(isWithinCategory('Evaluation', 'Evaluation › Strategies')).toBe(false);
  });
});
