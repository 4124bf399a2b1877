import { examples } from '../detector';
import { linkKey } from './link';

export default [
  examples(linkKey, {
    name: 'ids.link',
    accepts: [
      // A Hugging Face organisation page a list gives as an entry's code.
      ['https://huggingface.co/Writer', 'link:huggingface.co/writer'],
      ['https://huggingface.co/Writer/', 'link:huggingface.co/writer'],
      ['http://www.huggingface.co/Writer#models', 'link:huggingface.co/writer'],
      // The host as written: stored keys keep a trailing dot (see linkKey).
      ['https://huggingface.co./Writer', 'link:huggingface.co./writer'],
      ['https://starmpcc.github.io/Asclepius/', 'link:starmpcc.github.io/asclepius'],
      ['https://blog.research.google/2023/05/med-palm-2.html?m=1', 'link:blog.research.google/2023/05/med-palm-2.html?m=1'],
      ['https://example.org', 'link:example.org'],
    ],
    rejects: ['javascript:alert(1)', 'ftp://example.org/file', 'not a url', ''],
  }),
];
