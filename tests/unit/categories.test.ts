/** Category paths as the list parser writes them: parts, leaf, and what lies within a path. */
import { describe, expect, it } from 'vitest';
import { categoryLabel, categoryLeaf, categoryParts, isWithinCategory } from '../../lib/categories';

describe('category paths', () => {
  it('splits a path into its headings and names its leaf', () => {
    expect(categoryParts('Evaluation › Strategies › Human')).toEqual(['Evaluation', 'Strategies', 'Human']);
    expect(categoryLeaf('Evaluation › Strategies')).toBe('Strategies');
    expect(categoryLeaf('Evaluation')).toBe('Evaluation');
  });

  it('labels a category by its leaf, with its parent where the leaf is a list’s name', () => {
    expect(categoryLabel('Evaluation › Strategies', ['LLMs in Medicine'])).toBe('Strategies');
    expect(categoryLabel('Valuable Resources › Related Surveys › LLMs in Medicine', ['LLMs in Medicine'])).toBe('Related Surveys › LLMs in Medicine');
    expect(categoryLabel('Surveys › llms in medicine ', ['Other list', 'LLMs in Medicine'])).toBe('Surveys › llms in medicine ');
    // A top-level heading has no parent to tell it apart by.
    expect(categoryLabel('LLMs in Medicine', ['LLMs in Medicine'])).toBe('LLMs in Medicine');
    expect(categoryLabel('Surveys › LLMs in Medicine', [])).toBe('LLMs in Medicine');
  });

  it('counts a path and the paths under it as within, not a sibling that shares a prefix', () => {
    expect(isWithinCategory('Evaluation', 'Evaluation')).toBe(true);
    expect(isWithinCategory('Evaluation › Strategies', 'Evaluation')).toBe(true);
    expect(isWithinCategory('Evaluation methods', 'Evaluation')).toBe(false);
    expect(isWithinCategory('Evaluation', 'Evaluation › Strategies')).toBe(false);
  });
});
