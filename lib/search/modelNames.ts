/**
 * The names papers go by that their titles do not write. Researchers search for "Med-PaLM 2" or
 * "GatorTron", and many papers never put their model's name in the title: "Towards Expert-Level
 * Medical Question Answering with Large Language Models" is Med-PaLM 2's. The search index files
 * these names in a field of their own, weighted below the title (lib/search/engine.ts).
 *
 * Why a table and not the lists' code links: a repository is often named after its model
 * (github.com/nyuolab/nyutron), but as often after something else (flan-t5-xl under Med-PaLM,
 * llm-eval-survey), and indexing every repository's name made the 100k-paper index 10 % larger
 * and its loading 15–45 % slower (`npm run bench -- search`) for a few names.
 */
import type { PaperIds } from '../types';

/**
 * Model names of well-known medical papers in the bundled list whose titles lack them, tied to
 * the paper by arXiv id or DOI (lower-cased, as lib/ids writes DOIs), each as the paper's authors
 * name the model in its abstract: Singhal et al., "Large language models encode clinical
 * knowledge", Nature 620 (2023), arXiv 2212.13138 (Med-PaLM); Singhal et al., arXiv 2305.09617
 * (Med-PaLM 2); Tu et al., "Towards Generalist Biomedical AI", arXiv 2307.14334 (Med-PaLM M); Nori
 * et al., arXiv 2311.16452 (Medprompt); Yang et al., npj Digital Medicine 5:194 (2022)
 * (GatorTron); Jiang et al., Nature 619 (2023) (NYUTron); Wu et al., arXiv 2308.02463 (RadFM);
 * Kweon et al., arXiv 2309.00237 (Asclepius).
 */
export const KNOWN_MODEL_NAMES: ReadonlyArray<{ name: string; arxiv?: string; doi?: string }> = [
  { name: 'Med-PaLM', arxiv: '2212.13138', doi: '10.1038/s41586-023-06291-2' },
  { name: 'Med-PaLM 2', arxiv: '2305.09617' },
  { name: 'Med-PaLM M', arxiv: '2307.14334' },
  { name: 'Medprompt', arxiv: '2311.16452' },
  { name: 'GatorTron', doi: '10.1038/s41746-022-00742-2' },
  { name: 'NYUTron', doi: '10.1038/s41586-023-06160-y' },
  { name: 'RadFM', arxiv: '2308.02463' },
  { name: 'Asclepius', arxiv: '2309.00237' },
];

const namesById = new Map<string, string[]>();
for (const { name, arxiv, doi } of KNOWN_MODEL_NAMES) {
  for (const key of [arxiv && `arxiv:${arxiv}`, doi && `doi:${doi}`]) {
    if (key) namesById.set(key, [...(namesById.get(key) ?? []), name]);
  }
}

/** The model names KNOWN_MODEL_NAMES gives a paper's arXiv id or DOI, each once; usually none. */
export function modelNamesOf(ids: Pick<PaperIds, 'arxiv' | 'doi'>): string[] {
  const byArxiv = ids.arxiv ? namesById.get(`arxiv:${ids.arxiv}`) : undefined;
  const byDoi = ids.doi ? namesById.get(`doi:${ids.doi}`) : undefined;
  if (!byArxiv && !byDoi) return [];
  return [...new Set([...(byArxiv ?? []), ...(byDoi ?? [])])];
}
