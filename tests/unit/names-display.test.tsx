/** Names are shown from their structured form everywhere people read them (here: the byline rule and the popup's rows). */
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { EntryCard } from '../../components/EntryCard';
import { DISPLAYED_NAMES, displayAuthors, namesFromPeople } from '../../lib/names';
import type { Paper } from '../../lib/types';

describe('displayAuthors', () => {
  it('writes each kind of name in display order', () => {
    expect(
      displayAuthors({
        names: [
          { literal: 'World Health Organization' },
          { family: 'Rivera', given: 'J. Q.', suffix: 'Jr.' },
          { family: 'Berg', given: 'Jan', 'non-dropping-particle': 'van der' },
          { family: 'Beethoven', given: 'Ludwig', 'dropping-particle': 'van' },
          { literal: '王小明' },
        ],
        etAl: false,
      }),
    ).toBe('World Health Organization, J. Q. Rivera Jr., Jan van der Berg, Ludwig van Beethoven, 王小明');
  });

  it('reads page metadata names in either order the same', () => {
    expect(displayAuthors(namesFromPeople(['Nori, Harsha', 'Lee, Yin Tat']))).toBe('Harsha Nori, Yin Tat Lee');
    expect(displayAuthors(namesFromPeople(['Harsha Nori', 'Yin Tat Lee']))).toBe('Harsha Nori, Yin Tat Lee');
  });

  it('shows "et al." for a shortened list, and cuts a consortium’s names after the first few', () => {
    expect(displayAuthors({ names: [{ family: 'Nori', given: 'Harsha' }], etAl: true })).toBe('Harsha Nori et al.');
    const many = namesFromPeople(Array.from({ length: 300 }, (_, i) => `Author${i}, Ann`));
    const shown = displayAuthors(many);
    expect(shown.split(', ')).toHaveLength(DISPLAYED_NAMES);
    expect(shown.endsWith('Ann Author9 et al.')).toBe(true);
    expect(displayAuthors({ names: [], etAl: false })).toBe('');
  });
});

describe('a popup row', () => {
  let root: HTMLElement | undefined;
  afterEach(() => {
    if (root) render(null, root);
    root?.remove();
  });

  it('shows the structured names, not a byline string', () => {
    const paper: Paper = {
      id: 'title:global strategy on digital health',
      title: 'Global strategy on digital health',
      authors: 'Organization, World Health',
      authorList: { names: [{ literal: 'World Health Organization' }], etAl: false },
      venue: 'WHO',
      year: 2021,
      categories: [],
      links: [],
      ids: { repos: [] },
      titleKey: 'global strategy on digital health',
      line: 1,
      lists: ['seed'],
    };
    root = document.createElement('div');
    document.body.append(root);
    render(<EntryCard paper={paper} saved={false} onToggleSave={() => undefined} />, root);
    expect(root.querySelector('.entry-authors')?.textContent).toBe('World Health Organization');
  });
});
