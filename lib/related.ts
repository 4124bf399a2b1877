/**
 * "What else the list holds beside it": entries sharing a category come first, then entries
 * sharing title terms. Terms are weighted by rarity in the pool, so a shared "radiology" counts
 * for more than a shared "large language models", which half the list carries.
 */
import { titleWords } from './title';
import type { Paper } from './types';

const STOPWORDS = new Set([
  'a', 'an', 'the', 'of', 'for', 'in', 'on', 'with', 'and', 'or', 'to', 'from', 'by', 'via', 'as', 'at', 'into',
  'is', 'are', 'be', 'can', 'do', 'does', 'its', 'it', 'we', 'our', 'your', 'you', 'not', 'what', 'how', 'why',
  'using', 'toward', 'towards', 'through', 'based', 'vs', 'versus', 'than', 'more', 'all', 'one', 'new', 'study',
]);

/** Plural and singular meet on one term ("models" and "model"); "ss", "us", "is" endings are kept. */
function stem(word: string): string {
  return word.length > 3 && word.endsWith('s') && !/(?:ss|us|is)$/.test(word) ? word.slice(0, -1) : word;
}

function titleTerms(title: string): Set<string> {
  return new Set(titleWords(title).filter((word) => word.length > 1 && !STOPWORDS.has(word)).map(stem));
}

/** Months since year 0, for "newer first"; undated entries sort last. */
function recency(paper: Paper): number {
  return paper.year === undefined ? -1 : paper.year * 12 + (paper.month ?? 0);
}

interface Scored {
  paper: Paper;
  sharesCategory: boolean;
  termScore: number;
}

/** Up to `limit` entries of `pool` related to `paper`: never the paper itself, each once, deterministic. */
export function relatedPapers(paper: Paper, pool: readonly Paper[], limit = 5): Paper[] {
  const others = new Map<string, Paper>();
  for (const candidate of pool) {
    if (candidate.id !== paper.id && !others.has(candidate.id)) others.set(candidate.id, candidate);
  }
  const termsById = new Map<string, Set<string>>([...others.values()].map((p) => [p.id, titleTerms(p.title)]));
  const ownTerms = titleTerms(paper.title);
  const documentFrequency = new Map<string, number>();
  for (const terms of [ownTerms, ...termsById.values()]) {
    for (const term of terms) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const total = termsById.size + 1;
  const weight = (term: string): number => Math.log(1 + total / (documentFrequency.get(term) ?? 1));
  const ownCategories = new Set(paper.categories);

  const scored: Scored[] = [];
  for (const candidate of others.values()) {
    const sharesCategory = candidate.categories.some((category) => ownCategories.has(category));
    let termScore = 0;
    for (const term of termsById.get(candidate.id)!) if (ownTerms.has(term)) termScore += weight(term);
    // Rounded so equal term sets summed in another order still tie (and fall to "newer first").
    termScore = Math.round(termScore * 1e6) / 1e6;
    if (sharesCategory || termScore > 0) scored.push({ paper: candidate, sharesCategory, termScore });
  }
  scored.sort(
    (a, b) =>
      Number(b.sharesCategory) - Number(a.sharesCategory) ||
      b.termScore - a.termScore ||
      recency(b.paper) - recency(a.paper) ||
      (a.paper.id < b.paper.id ? -1 : a.paper.id > b.paper.id ? 1 : 0),
  );
  return scored.slice(0, Math.max(0, limit)).map((entry) => entry.paper);
}
