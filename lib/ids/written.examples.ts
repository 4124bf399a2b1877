import { examples } from '../detector';
import { arxivIdFromWritten, doiFromWritten } from './written';

export default [
  examples(arxivIdFromWritten, {
    name: 'written.arxiv',
    accepts: [
      ['2311.16452', '2311.16452'],
      ['arXiv:2311.16452v2', '2311.16452'],
      ['arxiv:2311.16452', '2311.16452'],
      ['arXiv: 2311.16452', '2311.16452'],
      ['arXiv.2311.16452', '2311.16452'],
      ['https://arxiv.org/abs/2311.16452', '2311.16452'],
      ['https://arxiv.org/pdf/2311.16452v2.pdf', '2311.16452'],
      ['http://arxiv.org/abs/2311.16452v2', '2311.16452'],
      ['https://doi.org/10.48550/arXiv.2311.16452', '2311.16452'],
      ['10.48550/arXiv.2311.16452', '2311.16452'],
      ['doi:10.48550/arXiv.2311.16452', '2311.16452'],
      ['hep-th/9901001', 'hep-th/9901001'],
      ['arXiv:math.GT/0309136v1', 'math/0309136'],
      ['https://huggingface.co/papers/2311.16452', '2311.16452'],
    ],
    rejects: ['', '10.1038/s41586-023-06291-2', 'https://doi.org/10.1038/s41586-023-06291-2', 'arXiv', '2311.164', 'https://example.org/2311.16452', 'arXiv preprint'],
  }),
  examples(doiFromWritten, {
    name: 'written.doi',
    accepts: [
      ['10.1038/s41586-023-06291-2', '10.1038/s41586-023-06291-2'],
      ['doi:10.1056/NEJMra2301725', '10.1056/nejmra2301725'],
      ['https://doi.org/10.1016/S0140-6736(23)00216-7', '10.1016/s0140-6736(23)00216-7'],
      ['10.1016/S0140-6736(23)00216-7.', '10.1016/s0140-6736(23)00216-7'],
      ['https://www.medrxiv.org/content/medrxiv/early/2023/10/27/2023.10.26.23297629.full.pdf', '10.1101/2023.10.26.23297629'],
      ['https://www.nature.com/articles/s41591-023-02448-8', '10.1038/s41591-023-02448-8'],
      ['10.48550/arXiv.2311.16452', '10.48550/arxiv.2311.16452'],
    ],
    rejects: ['', '2311.16452', 'arXiv:2311.16452', 'https://arxiv.org/abs/2311.16452', 'doi:', '10.1038'],
  }),
];
