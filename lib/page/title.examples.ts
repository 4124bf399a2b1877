import { examples } from '../detector';
import { titleFromMeta } from './title';
import { pageMeta } from './meta';

export default [
  examples(titleFromMeta, {
    name: 'page.titleFromMeta',
    accepts: [
      [
        pageMeta('https://www.nature.com/articles/s41591-023-02448-8', [
          ['og:title', 'Large language models in medicine | Nature Medicine'],
          ['citation_title', 'Large language models in medicine'],
        ]),
        'Large language models in medicine',
      ],
      [pageMeta('https://example.org/a', [['dc.title', ' Utility of ChatGPT in Clinical\n Practice ']]), 'Utility of ChatGPT in Clinical Practice'],
      [pageMeta('https://example.org/a', [['og:title', 'Med-HALT: Medical Domain Hallucination Test for Large Language Models']]), 'Med-HALT: Medical Domain Hallucination Test for Large Language Models'],
      [pageMeta('https://example.org/a', [], 'Towards Generalist Biomedical AI'), 'Towards Generalist Biomedical AI'],
      // Invisible characters cannot disguise a title.
      [pageMeta('https://example.org/a', [['citation_title', 'Towards\u200b Generalist\u202e Biomedical\u0000 AI']]), 'Towards Generalist Biomedical AI'],
      // An absurd citation_title is dropped; the next source is used.
      [pageMeta('https://example.org/a', [['citation_title', 'A'.repeat(1001)], ['dc.title', 'PharmacyGPT: The AI Pharmacist']]), 'PharmacyGPT: The AI Pharmacist'],
    ],
    rejects: [
      pageMeta('https://example.org/a', []),
      pageMeta('https://example.org/a', [['citation_title', '   ']], '404'),
      pageMeta('https://example.org/a', [['citation_title', 'x'.repeat(1001)]]),
      pageMeta('https://example.org/toc', [
        ['citation_title', 'Large language models in medicine'],
        ['citation_title', 'Foundation models for generalist medical artificial intelligence'],
      ]),
    ],
  }),
];
