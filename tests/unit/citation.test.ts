import { describe, expect, it } from 'vitest';
import { parse } from '@retorquere/bibtex-parser';
import { citation } from '../../lib/formats/citation';
import type { SavedItem } from '../../lib/types';
import { namesFromByline } from '../../lib/names';

const item: SavedItem = {
  id: 'arxiv:2311.16452',
  paper: {
    id: 'arxiv:2311.16452',
    title: 'Can Generalist Foundation Models Outcompete Special-Purpose Tuning? [Case Study]',
    authors: 'Harsha Nori, Yin Tat Lee et al.',
    authorList: namesFromByline('Harsha Nori, Yin Tat Lee et al.'),
    venue: 'arXiv',
    year: 2023,
    month: 11,
    categories: [],
    links: [{ kind: 'paper', url: 'https://arxiv.org/abs/2311.16452', label: 'paper' }],
    ids: { arxiv: '2311.16452', repos: [] },
    titleKey: 'x',
  },
  status: 'to-read',
  statusChangedAt: 1,
  tags: [],
  note: '',
  starred: false,
  addedAt: 1,
  updatedAt: 1,
};

describe('citation', () => {
  it('BibTeX: one entry that a BibTeX parser reads back', () => {
    const text = citation(item, 'bibtex');
    const parsed = parse(text);
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.entries[0]!.fields.eprint).toBe('2311.16452');
  });

  it('Markdown: the title (brackets escaped) linked to the paper', () => {
    expect(citation(item, 'markdown')).toBe(
      '[Can Generalist Foundation Models Outcompete Special-Purpose Tuning? \\[Case Study\\]](<https://arxiv.org/abs/2311.16452>)',
    );
  });

  it('plain text: APA-like, with initials, year, title, venue and link (the DOI when known)', () => {
    expect(citation(item, 'apa')).toBe(
      'Nori, H., Lee, Y. T., et al. (2023). Can Generalist Foundation Models Outcompete Special-Purpose Tuning? [Case Study]. arXiv. https://arxiv.org/abs/2311.16452',
    );
    const journal = { ...item, paper: { ...item.paper, authors: 'Karan Singhal & Tao Tu', authorList: namesFromByline('Karan Singhal & Tao Tu'), venue: 'Nature.', year: undefined, ids: { doi: '10.1038/x', repos: [] } } };
    expect(citation(journal, 'apa')).toBe(
      'Singhal, K., & Tu, T. (n.d.). Can Generalist Foundation Models Outcompete Special-Purpose Tuning? [Case Study]. Nature. https://doi.org/10.1038/x',
    );
  });
});
