import { examples } from '../detector';
import { arxivIdInText, doiInText } from './textIds';

export default [
  examples(arxivIdInText, {
    name: 'listing.arxivIdInText',
    accepts: [
      ['Nori H, et al. Capabilities of GPT-4 on medical challenge problems. arXiv:2303.13375, 2023.', '2303.13375'],
      ['Singhal K. Towards expert-level medical question answering. arXiv preprint arXiv:2305.09617v1 (2023).', '2305.09617'],
      ['Available at https://arxiv.org/abs/2311.16452.', '2311.16452'],
      ['Old style: arXiv:hep-th/9901001 (1999).', 'hep-th/9901001'],
      ['ArXiv abs/2212.13138', '2212.13138'],
    ],
    rejects: [
      'Nature 620, 172–180 (2023). doi:10.1038/s41586-023-06291-2',
      'Pages 2303.13375 of the proceedings',
      'arXiv:2313.13375 (no such month)',
      'arXiv:2303.133755 (six digits)',
    ],
  }),
  examples(doiInText, {
    name: 'listing.doiInText',
    accepts: [
      ['Singhal K, et al. Nature. 2023;620:172–180. doi: 10.1038/s41586-023-06291-2.', '10.1038/s41586-023-06291-2'],
      ['Lancet (2023). https://doi.org/10.1016/S0140-6736(23)00216-7', '10.1016/s0140-6736(23)00216-7'],
      ['JMIR Med Educ 9, e45312 (DOI 10.2196/45312)', '10.2196/45312'],
    ],
    rejects: ['arXiv:2303.13375', 'Version 10.1 of the tool', 'ISBN 10.12/'],
  }),
];
