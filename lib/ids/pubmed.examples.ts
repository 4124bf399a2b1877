import { examples } from '../detector';
import { normalizePmcid, normalizePmid, pmcidFromUrl, pmidFromUrl } from './pubmed';

export default [
  examples(normalizePmcid, {
    name: 'ids.normalizePmcid',
    accepts: [
      ['PMC10364849', 'PMC10364849'],
      ['pmc10364849', 'PMC10364849'],
      ['PMC0123', 'PMC0123'],
    ],
    rejects: ['', '10364849', 'PMC', 'PMC1234567890', 'PMCID: PMC10364849', 'PMC 10364849', ' PMC10364849'],
  }),
  examples(normalizePmid, {
    name: 'ids.normalizePmid',
    accepts: [
      ['37438534', '37438534'],
      ['037438534', '37438534'],
      ['9999', '9999'],
    ],
    rejects: ['', 'PMID: 37438534', ' 37438534', '1234567890', '3743a534', '-1'],
  }),
  examples(pmcidFromUrl, {
    name: 'url.pmcid',
    accepts: [
      ['https://www.ncbi.nlm.nih.gov/pmc/articles/PMC10364849/', 'PMC10364849'],
      ['https://www.ncbi.nlm.nih.gov/pmc/articles/PMC10364849', 'PMC10364849'],
      ['http://ncbi.nlm.nih.gov/pmc/articles/pmc10364849/pdf/cureus-0015-00000040895.pdf', 'PMC10364849'],
      ['https://pmc.ncbi.nlm.nih.gov/articles/PMC10304207/', 'PMC10304207'],
      // A fully qualified host (trailing dot) is the same site.
      ['https://pmc.ncbi.nlm.nih.gov./articles/PMC10304207/', 'PMC10304207'],
      ['https://pmc.ncbi.nlm.nih.gov/articles/PMC10304207/#sec1', 'PMC10304207'],
      ['https://europepmc.org/article/PMC/PMC10364849', 'PMC10364849'],
      ['https://europepmc.org/articles/PMC10364849', 'PMC10364849'],
    ],
    rejects: [
      'https://www.ncbi.nlm.nih.gov/pmc/',
      'https://www.ncbi.nlm.nih.gov/pmc/?term=llm',
      'https://pmc.ncbi.nlm.nih.gov/articles/',
      'https://pmc.ncbi.nlm.nih.gov/search/?term=PMC10304207',
      'https://pubmed.ncbi.nlm.nih.gov/37438534/',
      'https://europepmc.org/article/MED/37438534',
      'https://example.com/pmc/articles/PMC10364849/',
    ],
  }),
  examples(pmidFromUrl, {
    name: 'url.pmid',
    accepts: [
      ['https://pubmed.ncbi.nlm.nih.gov/37438534/', '37438534'],
      ['https://pubmed.ncbi.nlm.nih.gov/37438534', '37438534'],
      // A fully qualified host (trailing dot) is the same site.
      ['https://pubmed.ncbi.nlm.nih.gov./37438534', '37438534'],
      ['https://pubmed.ncbi.nlm.nih.gov/37438534/?utm_source=x', '37438534'],
      ['https://www.ncbi.nlm.nih.gov/pubmed/37438534', '37438534'],
      ['http://www.ncbi.nlm.nih.gov/pubmed/9999', '9999'],
      ['https://europepmc.org/article/MED/37438534', '37438534'],
    ],
    rejects: [
      'https://pubmed.ncbi.nlm.nih.gov/',
      'https://pubmed.ncbi.nlm.nih.gov/?term=large+language+models',
      'https://pubmed.ncbi.nlm.nih.gov/clipboard/',
      'https://www.ncbi.nlm.nih.gov/pubmed/?term=37438534',
      'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC10364849/',
      'https://example.com/pubmed/37438534',
    ],
  }),
];
