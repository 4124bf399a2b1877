/** The popup's category chips (components/CategoryChips.tsx) and its category filter: names and counts as a reader sees them. */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CategoryChips } from '../../components/CategoryChips';
import { Filters } from '../../components/Filters';
import { NO_FILTERS } from '../../lib/popup/filters';
import { freshRoot, unmount } from './pageTest';

let root: HTMLElement;
beforeEach(() => {
  root = freshRoot();
});
afterEach(() => unmount(root));

const counts = [
  { category: 'Specialized Medical LLMs', count: 43 },
  { category: 'Valuable Resources › Related Surveys › LLMs in Medicine', count: 11 },
];

describe('CategoryChips', () => {
  it('names a category like the list with its parent, and says how many are read in words once one is saved', () => {
    const progress = new Map([['Specialized Medical LLMs', { category: 'Specialized Medical LLMs', read: 0, reading: 1, saved: 1, total: 43, nextUnread: undefined }]]);
    render(<CategoryChips counts={counts} progress={progress} listNames={['LLMs in Medicine']} onPick={vi.fn()} />, root);
    const chips = [...root.querySelectorAll('.chip')].map((chip) => [chip.querySelector('.chip-name')?.textContent, chip.querySelector('.chip-count')?.textContent]);
    expect(chips).toEqual([
      ['Specialized Medical LLMs', '0 of 43 read'],
      ['Related Surveys › LLMs in Medicine', '11'],
    ]);
  });
});

describe('the category filter', () => {
  it('names each category by its whole path, which ends as its chip does', () => {
    render(<Filters filters={NO_FILTERS} sort="relevance" categories={counts.map((c) => c.category)} years={[]} lists={[]} onChange={vi.fn()} onSort={vi.fn()} />, root);
    const options = [...root.querySelectorAll<HTMLOptionElement>('select[name=category] option')].map((o) => [o.value, o.textContent]);
    expect(options).toEqual([
      ['', 'All'],
      ['Specialized Medical LLMs', 'Specialized Medical LLMs'],
      ['Valuable Resources › Related Surveys › LLMs in Medicine', 'Valuable Resources › Related Surveys › LLMs in Medicine'],
    ]);
  });
});
