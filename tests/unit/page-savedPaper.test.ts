import { describe, expect, it } from 'vitest';
import { pagePaperId, savedPaperFromPage } from '../../lib/page/savedPaper';

describe('pagePaperId', () => {
  it('uses the strongest identifier, as the catalog does, else the URL', () => {
    const url = 'https://www.medrxiv.org/content/10.1101/2024.01.01.123456v2';
    expect(pagePaperId({ url, arxiv: '2401.00001', doi: '10.1101/2024.01.01.123456' })).toBe('arxiv:2401.00001');
    expect(pagePaperId({ url, doi: '10.1101/2024.01.01.123456', pmid: '1' })).toBe('doi:10.1101/2024.01.01.123456');
    expect(pagePaperId({ url, pmid: '38000000' })).toBe(`url:${url}`);
  });
});

describe('savedPaperFromPage', () => {
  it('keeps what the page says about the paper', () => {
    const result = savedPaperFromPage({
      url: 'https://pubmed.ncbi.nlm.nih.gov/38000000/',
      pmid: '38000000',
      doi: '10.1001/jama.2024.1',
      title: '  Large Language Models in Clinical Practice ',
      authors: ['Lovelace, Ada', 'Alan Turing'],
      venue: 'JAMA',
      year: 2024,
    });
    expect(result).toEqual({
      paper: {
        id: 'doi:10.1001/jama.2024.1',
        title: 'Large Language Models in Clinical Practice',
        authors: 'Ada Lovelace, Alan Turing',
        authorList: { names: [{ family: 'Lovelace', given: 'Ada' }, { family: 'Turing', given: 'Alan' }], etAl: false },
        venue: 'JAMA',
        year: 2024,
        categories: [],
        links: [{ kind: 'paper', url: 'https://pubmed.ncbi.nlm.nih.gov/38000000/', label: 'page' }],
        ids: { doi: '10.1001/jama.2024.1', pmid: '38000000', repos: [] },
        titleKey: 'large language models in clinical practice',
        url: 'https://pubmed.ncbi.nlm.nih.gov/38000000/',
      },
    });
  });

  it('says why in plain words when the page cannot be saved', () => {
    expect(savedPaperFromPage({ url: 'https://example.org/x' })).toEqual({ error: expect.stringMatching(/no title/) });
    expect(savedPaperFromPage({ url: 'https://example.org/x', title: '   ' })).toEqual({ error: expect.stringMatching(/no title/) });
    expect(savedPaperFromPage({ url: 'javascript:alert(1)', title: 'T' })).toEqual({ error: expect.stringMatching(/http or https/) });
  });

  it('refuses a page that lists papers, whose heading is no paper’s title', () => {
    const listings = [
      'https://arxiv.org/list/cs.CL/new',
      'https://arxiv.org/search/?query=medical+llm&searchtype=all',
      'https://scholar.google.com/scholar?q=clinical+llm',
      'https://pubmed.ncbi.nlm.nih.gov/?term=large+language+model',
      'https://huggingface.co/papers',
      'https://aclanthology.org/events/acl-2023/',
    ];
    for (const url of listings) {
      expect(savedPaperFromPage({ url, title: 'Computation and Language' }), url).toEqual({ error: expect.stringMatching(/lists many papers/) });
    }
    // A PubMed article is one paper, whose "Similar articles" Lantern also reads as a listing.
    expect(savedPaperFromPage({ url: 'https://pubmed.ncbi.nlm.nih.gov/38000001/', title: 'Clinical chatbots: a review' })).toHaveProperty('paper');
  });
});
