/** A listed paper's saved copy takes its own page's authors, only from a page Lantern can trust for them (lib/page/pageAuthors.ts). */
import { describe, expect, it } from 'vitest';
import { withPageAuthors } from '../../lib/page/pageAuthors';
import { toBibTeX } from '../../lib/formats/bibtex';
import type { PageIdentity, SavedItem, SavedPaper } from '../../lib/types';

/** As the bundled list gives MedPrompt's paper: "Harsha Nori et al.". */
const listed: SavedPaper = {
  id: 'arxiv:2311.16452',
  title: 'Can Generalist Foundation Models Outcompete Special-Purpose Tuning? Case Study in Medicine',
  authors: 'Harsha Nori et al.',
  authorList: { names: [{ family: 'Nori', given: 'Harsha' }], etAl: true },
  venue: 'arXiv',
  year: 2023,
  categories: ['Prompting'],
  links: [{ kind: 'paper', url: 'https://arxiv.org/abs/2311.16452', label: 'paper' }],
  ids: { arxiv: '2311.16452', repos: [] },
  titleKey: 'can generalist foundation models outcompete special purpose tuning case study in medicine',
};

/** Its arXiv abstract page, as the content script reads it (citation_author, "Family, Given"). */
const absPage: PageIdentity = {
  url: 'https://arxiv.org/abs/2311.16452',
  arxiv: '2311.16452',
  title: listed.title,
  authors: ['Nori, Harsha', 'Lee, Yin Tat', 'Zhang, Sheng', 'Carignan, Dean', 'Horvitz, Eric'],
};

const item = (paper: SavedPaper): SavedItem => ({ id: paper.id, paper, status: 'to-read', statusChangedAt: 0, tags: [], note: '', starred: false, addedAt: 0, updatedAt: 0 });

describe('withPageAuthors', () => {
  it('takes every author the paper’s own arXiv page names, and keeps the byline the list wrote', () => {
    const paper = withPageAuthors(listed, absPage);
    expect(paper.authorList).toEqual({
      names: [
        { family: 'Nori', given: 'Harsha' },
        { family: 'Lee', given: 'Yin Tat' },
        { family: 'Zhang', given: 'Sheng' },
        { family: 'Carignan', given: 'Dean' },
        { family: 'Horvitz', given: 'Eric' },
      ],
      etAl: false,
    });
    expect(paper.authors).toBe('Harsha Nori et al.');
    expect(toBibTeX([item(paper)])).toContain('author = {Nori, Harsha and Lee, Yin Tat and Zhang, Sheng and Carignan, Dean and Horvitz, Eric}');
    expect(toBibTeX([item(listed)])).toContain('author = {Nori, Harsha and others}');
  });

  it('takes them from a publisher’s page by the same DOI', () => {
    const paper = { ...listed, id: 'doi:10.1038/s41586-023-06291-2', ids: { doi: '10.1038/s41586-023-06291-2', repos: [] } };
    const page = { url: 'https://www.nature.com/articles/s41586-023-06291-2', doi: '10.1038/s41586-023-06291-2', authors: ['Harsha Nori', 'Yin Tat Lee'] };
    expect(withPageAuthors(paper, page).authorList.names).toHaveLength(2);
  });

  it.each<[string, PageIdentity | undefined]>([
    ['no page', undefined],
    ['a page off the site list (any site may write citation_author)', { ...absPage, url: 'https://blog.example.org/medprompt' }],
    ['another paper’s page', { ...absPage, url: 'https://arxiv.org/abs/2311.16079', arxiv: '2311.16079' }],
    // arXiv prints the DOI its submitter typed: any account could name a listed paper's DOI.
    ['another arXiv paper’s page whose metadata gives the paper’s DOI', { ...absPage, url: 'https://arxiv.org/abs/2501.00001', arxiv: '2501.00001', doi: '10.1038/x' }],
    ['a page whose address names no paper, though its metadata does', { ...absPage, url: 'https://www.medrxiv.org/search/medprompt' }],
    ['a page over plain http (anyone on the network may write it)', { ...absPage, url: 'http://arxiv.org/abs/2311.16452' }],
    ['a page whose first author is not the list’s', { ...absPage, authors: ['Mallory, Eve', 'Nori, Harsha', 'Lee, Yin Tat'] }],
    ['a page whose first author only shares the list’s surname', { ...absPage, authors: ['Nori, Mallory', 'Lee, Yin Tat', 'Evil, Eve'] }],
    ['a page with no more names than the list', { ...absPage, authors: ['Nori, Harsha'] }],
    ['a page with no authors', { ...absPage, authors: [] }],
  ])('keeps the list’s authors for %s', (_case, page) => {
    const paper = { ...listed, ids: { ...listed.ids, doi: '10.1038/x' } };
    expect(withPageAuthors(paper, page)).toBe(paper);
  });

  it.each<[string, SavedPaper['authorList']]>([
    ['a list that names every author already', { names: [{ family: 'Nori', given: 'Harsha' }, { family: 'Lee', given: 'Yin Tat' }], etAl: false }],
    ['a list with no names', { names: [], etAl: false }],
    ['a list that begins with another author', { names: [{ family: '王', given: '伟' }], etAl: true }],
  ])('never replaces %s', (_case, authorList) => {
    const paper = { ...listed, authorList };
    expect(withPageAuthors(paper, absPage)).toBe(paper);
  });
});
