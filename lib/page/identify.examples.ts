import { examples } from '../detector';
import { identifyUrl } from './identify';

export default [
  examples(identifyUrl, {
    name: 'page.identifyUrl',
    accepts: [
      ['https://arxiv.org/pdf/2311.16452v2', { url: 'https://arxiv.org/pdf/2311.16452v2', arxiv: '2311.16452' }],
      [
        'https://doi.org/10.48550/arXiv.2212.13138',
        { url: 'https://doi.org/10.48550/arXiv.2212.13138', arxiv: '2212.13138', doi: '10.48550/arxiv.2212.13138' },
      ],
      ['https://www.ncbi.nlm.nih.gov/pmc/articles/PMC10364849/', { url: 'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC10364849/', pmcid: 'PMC10364849' }],
      ['https://pubmed.ncbi.nlm.nih.gov/37492832/', { url: 'https://pubmed.ncbi.nlm.nih.gov/37492832/', pmid: '37492832' }],
      ['https://github.com/epfLLM/meditron/issues/12', { url: 'https://github.com/epfLLM/meditron/issues/12', repo: 'github.com/epfllm/meditron' }],
      [
        'https://www.medrxiv.org/content/10.1101/2023.10.26.23297629v3.full.pdf',
        { url: 'https://www.medrxiv.org/content/10.1101/2023.10.26.23297629v3.full.pdf', doi: '10.1101/2023.10.26.23297629' },
      ],
    ],
    rejects: [
      'https://www.jmir.org/2023/1/e48568',
      'https://github.com/epfLLM',
      'https://arxiv.org/list/cs.CL/recent',
      'javascript:alert(1)',
      'chrome://extensions/',
    ],
  }),
];
