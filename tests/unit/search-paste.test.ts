import { describe, expect, it } from 'vitest';
import { parsePastedIdentifier } from '../../lib/search/paste';

describe('parsePastedIdentifier', () => {
  it.each([
    ['2311.16452', { url: 'https://arxiv.org/abs/2311.16452', arxiv: '2311.16452' }],
    ['arXiv:2311.16452v2', { url: 'https://arxiv.org/abs/2311.16452', arxiv: '2311.16452' }],
    ['  arXiv: 2311.16452 ', { url: 'https://arxiv.org/abs/2311.16452', arxiv: '2311.16452' }],
    ['arXiv 2311.16452', { url: 'https://arxiv.org/abs/2311.16452', arxiv: '2311.16452' }],
    ['hep-th/9901001', { url: 'https://arxiv.org/abs/hep-th/9901001', arxiv: 'hep-th/9901001' }],
    ['math.GT/0309136v1', { url: 'https://arxiv.org/abs/math/0309136', arxiv: 'math/0309136' }],
  ])('reads the arXiv id %j', (text, identity) => {
    expect(parsePastedIdentifier(text)).toEqual(identity);
  });

  it.each([
    ['10.1038/s41586-023-06291-2'],
    ['doi:10.1038/s41586-023-06291-2'],
    ['DOI 10.1038/s41586-023-06291-2'],
    ['https://doi.org/10.1038/s41586-023-06291-2'],
    ['doi.org/10.1038/S41586-023-06291-2'],
  ])('reads the DOI %j, with or without doi.org', (text) => {
    expect(parsePastedIdentifier(text)).toMatchObject({ doi: '10.1038/s41586-023-06291-2' });
  });

  it('reads an arXiv DOI as both', () => {
    expect(parsePastedIdentifier('10.48550/arXiv.2311.16452')).toMatchObject({ arxiv: '2311.16452', doi: '10.48550/arxiv.2311.16452' });
  });

  it.each([
    ['https://arxiv.org/pdf/2311.16452v2.pdf', { arxiv: '2311.16452' }],
    ['arxiv.org/abs/2311.16452', { arxiv: '2311.16452' }],
    ['https://www.nature.com/articles/s41586-023-06291-2', { doi: '10.1038/s41586-023-06291-2' }],
    ['https://www.medrxiv.org/content/10.1101/2023.10.26.23297629v1', { doi: '10.1101/2023.10.26.23297629' }],
    ['https://www.ncbi.nlm.nih.gov/pmc/articles/PMC10304207/', { pmcid: 'PMC10304207' }],
    ['https://github.com/epfLLM/meditron', { repo: 'github.com/epfllm/meditron' }],
  ])('reads the paper URL %j', (text, ids) => {
    expect(parsePastedIdentifier(text)).toMatchObject({ url: expect.stringMatching(/^https:\/\//), ...ids });
  });

  it('reads PMC ids and labelled PMIDs as every other reader stores them', () => {
    expect(parsePastedIdentifier('PMC10304207')).toMatchObject({ pmcid: 'PMC10304207' });
    expect(parsePastedIdentifier('pmcid: pmc123')).toMatchObject({ pmcid: 'PMC123', url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC123/' });
    expect(parsePastedIdentifier('PMID: 37438534')).toMatchObject({ pmid: '37438534' });
    // The colon is often left out, and the space too.
    expect(parsePastedIdentifier('PMID 37438534')).toMatchObject({ pmid: '37438534' });
    expect(parsePastedIdentifier('pmid37438534')).toMatchObject({ pmid: '37438534' });
    expect(parsePastedIdentifier('PMCID PMC10304207')).toMatchObject({ pmcid: 'PMC10304207' });
    // Leading zeros are not part of a PubMed id: stored ids have none, so the paper is found.
    expect(parsePastedIdentifier('PMID: 037438534')).toMatchObject({ pmid: '37438534', url: 'https://pubmed.ncbi.nlm.nih.gov/37438534/' });
    expect(parsePastedIdentifier('PMC1234567890')).toBeUndefined();
  });

  it.each(['radiology', 'gpt-4v', '2023', '70B', 'chinese medicine', 'arxiv 2023', 'doi clinical', 'pmid', 'https://example.com/about', 'javascript:alert(1)', ''])(
    'leaves the ordinary search text %j alone',
    (text) => {
      expect(parsePastedIdentifier(text)).toBeUndefined();
    },
  );

  it('leaves long pasted prose alone, even when it contains an id', () => {
    expect(parsePastedIdentifier(`2311.16452 ${'word '.repeat(1000)}`)).toBeUndefined();
    expect(parsePastedIdentifier('2311.16452'.repeat(300))).toBeUndefined();
  });
});
