import { detector } from '../detector';
import { distinctValues, pageMeta, type PageMeta } from './meta';
import { cleanText, MAX_TITLE } from './text';

/** Where a page states its title, most reliable first; the main heading is the last resort. */
export const TITLE_TAGS = ['citation_title', 'dc.title', 'og:title'] as const;

/** A title needs a letter: "—", "404" or "…" are not titles. */
const HAS_LETTER = /\p{L}/u;

function cleanTitle(raw: string): string | undefined {
  const title = cleanText(raw, MAX_TITLE);
  return title !== undefined && HAS_LETTER.test(title) ? title : undefined;
}

/**
 * The page's title as it writes it (display form; matching normalizes it with lib/title).
 * A source naming several different titles is skipped: it describes more than one paper.
 */
export const titleFromMeta = detector<PageMeta, string>({
  name: 'page.titleFromMeta',
  detect: (page) => {
    for (const name of TITLE_TAGS) {
      const titles = distinctValues(page, [name], (tag) => cleanTitle(tag.content));
      if (titles.length === 1) return titles[0];
    }
    return page.heading === undefined ? undefined : cleanTitle(page.heading);
  },
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
});
