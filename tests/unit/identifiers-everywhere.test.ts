/**
 * One paper, however its identifier is written, is one paper on every road: the list's links,
 * a page's address and metadata, a BibTeX import and the popup's paste box.
 */
import { describe, expect, it } from 'vitest';
import { parseAwesomeList } from '../../lib/catalog/parse';
import { parseBibTeX } from '../../lib/formats/bibtexImport';
import { identifyUrl, identityFromMeta, pageMeta } from '../../lib/page';
import { parsePastedIdentifier } from '../../lib/search/paste';

const MEDPROMPT = '2311.16452';
const ARXIV_WRITINGS = [
  'https://arxiv.org/abs/2311.16452',
  'https://doi.org/10.48550/arXiv.2311.16452',
  'http://arxiv.org/abs/2311.16452v2',
  'https://arxiv.org/pdf/2311.16452v2.pdf',
  'https://export.arxiv.org/abs/2311.16452',
];

describe('an arXiv paper written every way is one paper', () => {
  it('in a list', () => {
    for (const url of ARXIV_WRITINGS) {
      const list = parseAwesomeList(`# L\n\n- [2023/11] **Medprompt** *Harsha Nori et al. arXiv.* [[paper](${url})]\n`);
      expect(list.entries[0]?.id, url).toBe(`arxiv:${MEDPROMPT}`);
    }
  });

  it('on a page, by its address or its metadata', () => {
    for (const url of ARXIV_WRITINGS) expect(identifyUrl(url)?.arxiv, url).toBe(MEDPROMPT);
    const meta = (tags: Record<string, string>) => identityFromMeta(pageMeta('https://example.org/paper', Object.entries(tags)));
    expect(meta({ citation_doi: '10.48550/arXiv.2311.16452' }).arxiv).toBe(MEDPROMPT);
    expect(meta({ citation_doi: 'https://doi.org/10.48550/arXiv.2311.16452' }).arxiv).toBe(MEDPROMPT);
    expect(meta({ citation_arxiv_id: 'arXiv:2311.16452v2' }).arxiv).toBe(MEDPROMPT);
  });

  it('in a BibTeX import, from eprint, url, note, doi or journal', () => {
    const fields = [
      'eprint = {arXiv:2311.16452v2}',
      'eprint = {2311.16452v2}, archivePrefix = {arXiv}',
      'eprint = {https://arxiv.org/abs/2311.16452}',
      'url = {arXiv:2311.16452v2}',
      'url = {https://arxiv.org/abs/2311.16452}',
      'url = {https://doi.org/10.48550/arXiv.2311.16452}',
      'note = {arXiv:2311.16452v2 [cs.CL]}',
      'doi = {10.48550/arXiv.2311.16452}',
      'doi = {https://doi.org/10.48550/arXiv.2311.16452}',
      'journal = {arXiv preprint arXiv:2311.16452}',
      'arxivid = {2311.16452}',
    ];
    for (const field of fields) {
      const result = parseBibTeX(`@article{nori2023, title = {Can Generalist Foundation Models Outcompete Special-Purpose Tuning?}, ${field}}`);
      expect(result.ok && result.items[0]!.id, field).toBe(`arxiv:${MEDPROMPT}`);
    }
  });

  it('pasted in the popup', () => {
    const pastes = [...ARXIV_WRITINGS, '2311.16452', 'arXiv:2311.16452v2', 'arXiv: 2311.16452', 'arXiv.2311.16452', '10.48550/arXiv.2311.16452', 'doi:10.48550/arXiv.2311.16452'];
    for (const pasted of pastes) expect(parsePastedIdentifier(pasted)?.arxiv, pasted).toBe(MEDPROMPT);
  });
});

describe('an old medRxiv address names its preprint everywhere', () => {
  const OLD = 'https://www.medrxiv.org/content/medrxiv/early/2023/10/27/2023.10.26.23297629.full.pdf';
  const DOI = '10.1101/2023.10.26.23297629';

  it('on the page (and so on the toolbar of a PDF tab), in a list, pasted and imported', () => {
    expect(identifyUrl(OLD)?.doi).toBe(DOI);
    const list = parseAwesomeList(`# L\n\n- [2023/10] **A preprint** *Ann Lee et al. medRxiv.* [[paper](${OLD})]\n`);
    expect(list.entries[0]?.id).toBe(`doi:${DOI}`);
    expect(parsePastedIdentifier(OLD)?.doi).toBe(DOI);
    const imported = parseBibTeX(`@misc{lee2023, title = {A preprint}, url = {${OLD}}}`);
    expect(imported.ok && imported.items[0]!.id).toBe(`doi:${DOI}`);
  });
});

describe('DOIs written every way', () => {
  it('are one DOI in BibTeX, on pages and pasted', () => {
    const DOI = '10.1016/s0140-6736(23)00216-7';
    for (const written of ['10.1016/S0140-6736(23)00216-7', 'doi:10.1016/S0140-6736(23)00216-7', 'https://doi.org/10.1016/S0140-6736(23)00216-7', 'http://dx.doi.org/10.1016/S0140-6736(23)00216-7']) {
      const result = parseBibTeX(`@article{a, title = {The Lancet paper}, doi = {${written}}}`);
      expect(result.ok && result.items[0]!.paper.ids.doi, written).toBe(DOI);
      expect(parsePastedIdentifier(written)?.doi, written).toBe(DOI);
      expect(identityFromMeta(pageMeta('https://example.org/x', [['citation_doi', written]])).doi, written).toBe(DOI);
    }
  });
});
