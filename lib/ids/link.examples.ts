import { examples } from '../detector';
import { exactAddress, linkKey } from './link';

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
  examples(exactAddress, {
    name: 'ids.exactAddress',
    accepts: [
      // Path and query keep their case: these are two different videos and two short links.
      ['https://youtu.be/dQw4w9WgXcQ', 'youtu.be/dQw4w9WgXcQ'],
      ['https://youtu.be/DQW4W9WGXCQ', 'youtu.be/DQW4W9WGXCQ'],
      ['https://bit.ly/3AbCdE?ref=X', 'bit.ly/3AbCdE?ref=X'],
      // The host's case, www., the scheme, trailing slashes and the fragment do not change the page.
      ['http://WWW.HuggingFace.co/Writer/#models', 'huggingface.co/Writer'],
    ],
    rejects: ['javascript:alert(1)', 'ftp://example.org/file', 'not a url', ''],
  }),
];
