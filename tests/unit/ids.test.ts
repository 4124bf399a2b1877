import { describe, expect, it } from 'vitest';
import doiExamples from '../../lib/ids/doi.examples';
import { doiFromUrl, doiUrl, fittingPaperId, identityFromUrl, idsFromUrls, LinkIdsGathered, linkIds, paperKeys, parseHttpUrl } from '../../lib/ids';

describe('idsFromUrls', () => {
  it('collects each kind of identifier from the first link that has it, and every repository', () => {
    expect(
      idsFromUrls([
        'https://arxiv.org/abs/2306.00890v2',
        'https://arxiv.org/abs/2311.16452',
        'https://github.com/microsoft/LLaVA-Med/blob/main/README.md',
        'https://www.nature.com/articles/s41586-023-06291-2',
        'https://huggingface.co/google/flan-t5-xl',
        'https://github.com/microsoft/LLaVA-Med',
        'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC10364849/',
        'https://pubmed.ncbi.nlm.nih.gov/37438534/',
      ]),
    ).toEqual({
      arxiv: '2306.00890',
      doi: '10.1038/s41586-023-06291-2',
      pmcid: 'PMC10364849',
      pmid: '37438534',
      repos: ['github.com/microsoft/llava-med', 'huggingface.co/google/flan-t5-xl'],
    });
  });

  it('has only an empty repository list when nothing is recognized', () => {
    expect(idsFromUrls(['https://starmpcc.github.io/CAMEL/', 'javascript:alert(1)', '#toc'])).toEqual({ repos: [] });
  });
});

describe('LinkIdsGathered', () => {
  const first = ['https://github.com/a/one', 'https://arxiv.org/abs/2306.00890', 'https://github.com/b/two'];
  const second = ['https://arxiv.org/abs/2311.16452', 'https://github.com/b/two', 'https://doi.org/10.1038/s41586-023-06291-2', 'https://github.com/c/three'];
  const gather = (urls: string[]): LinkIdsGathered => {
    const gathered = new LinkIdsGathered();
    for (const url of urls) gathered.add(linkIds(parseHttpUrl(url)!));
    return gathered;
  };

  it('gives what idsFromUrls gives, one link at a time', () => {
    expect(gather([...first, ...second]).ids()).toEqual(idsFromUrls([...first, ...second]));
  });

  it('joins two gatherings as if their links were one list: first id wins, repositories once and in order', () => {
    const joined = gather(first);
    joined.addAll(gather(second));
    expect(joined.ids()).toEqual({
      arxiv: '2306.00890',
      doi: '10.1038/s41586-023-06291-2',
      repos: ['github.com/a/one', 'github.com/b/two', 'github.com/c/three'],
    });
    expect(joined.ids()).toEqual(idsFromUrls([...first, ...second]));
  });

  it('hands out a new repository list each time', () => {
    const gathered = gather(first);
    const ids = gathered.ids();
    gathered.add(linkIds(parseHttpUrl('https://github.com/d/four')!));
    expect(ids.repos).toEqual(['github.com/a/one', 'github.com/b/two']);
  });
});

describe('paperKeys', () => {
  it('lists keys strongest first with their prefixes', () => {
    expect(
      paperKeys(
        { arxiv: '2311.16452', doi: '10.1038/x', pmcid: 'PMC1', pmid: '2', repos: ['github.com/a/b', 'huggingface.co/c/d'] },
        'some title',
      ),
    ).toEqual(['arxiv:2311.16452', 'doi:10.1038/x', 'pmcid:PMC1', 'pmid:2', 'repo:github.com/a/b', 'repo:huggingface.co/c/d', 'title:some title']);
  });

  it('skips what is missing, including an empty title key', () => {
    expect(paperKeys({ doi: '10.2196/48568' }, '')).toEqual(['doi:10.2196/48568']);
    expect(paperKeys({})).toEqual([]);
  });
});

describe('identityFromUrl', () => {
  it('reads an arXiv id from an arXiv DOI, and a DOI behind a percent-encoded "doi" segment', () => {
    expect(identityFromUrl('https://doi.org/10.48550/arXiv.2311.16452')).toEqual({
      url: 'https://doi.org/10.48550/arXiv.2311.16452',
      arxiv: '2311.16452',
      doi: '10.48550/arxiv.2311.16452',
    });
    expect(doiFromUrl('https://example.org/%64oi/10.1145/3571730')).toBe('10.1145/3571730');
  });
});

describe('doiUrl', () => {
  it('links every DOI the recognizer accepts to doi.org, and the link reads back as the same DOI', () => {
    const dois = doiExamples.flatMap((set) => set.accepts.map(([, doi]) => doi)).filter((doi): doi is string => typeof doi === 'string');
    expect(dois.length).toBeGreaterThan(10);
    for (const doi of dois) {
      const url = doiUrl(doi);
      expect(new URL(url).host).toBe('doi.org');
      expect(doiFromUrl(url)).toBe(doi);
    }
  });
});

describe('fittingPaperId', () => {
  const taken = new Set(['title:correction', 'pmcid:PMC1', 'title:correction 2']);
  const fits = (id: string) => !taken.has(id);

  it('keeps an id that fits, else takes the paper’s PMC id, PMID or address, in that order', () => {
    expect(fittingPaperId('title:other', { ids: { pmid: '7' } }, fits)).toBe('title:other');
    expect(fittingPaperId('title:correction', { ids: { pmcid: 'PMC9', pmid: '7' }, url: 'https://example.org/c' }, fits)).toBe('pmcid:PMC9');
    expect(fittingPaperId('title:correction', { ids: { pmcid: 'PMC1', pmid: '7' } }, fits)).toBe('pmid:7');
    expect(fittingPaperId('title:correction', { ids: {}, url: 'https://example.org/c' }, fits)).toBe('url:https://example.org/c');
  });

  it('numbers the id as a title id when nothing else fits', () => {
    expect(fittingPaperId('title:correction', { ids: { pmcid: 'PMC1' } }, fits)).toBe('title:correction 3');
  });
});
