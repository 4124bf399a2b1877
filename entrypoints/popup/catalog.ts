/** The popup's view of the list: papers, the search index, categories, and identifier lookup. */
import { allPapers, papersByKeys } from '../../lib/db/catalog';
import type { LanternDB } from '../../lib/db/schema';
import { normalizeArxivId, arxivIdFromUrl, normalizeDoi, doiFromUrl, pmcidFromUrl, pmidFromUrl } from '../../lib/ids';
import { compareByDateDesc, matchesFilters } from '../../lib/popup/filters';
import { highlightTerms } from '../../lib/popup/highlight';
import { foldText } from '../../lib/search/tokenize';
import type { Paper } from '../../lib/types';
import type { CategoryCount } from '../../components/CategoryChips';
import type { Lookup, PopupCatalog, SearchOutcome, SearchRequest } from './services';

function identifierKey(text: string): { key: string; label: string } | undefined {
  const arxiv = normalizeArxivId(text) ?? arxivIdFromUrl(text);
  if (arxiv) return { key: `arxiv:${arxiv}`, label: `arXiv:${arxiv}` };
  const doi = normalizeDoi(text) ?? doiFromUrl(text);
  if (doi) return { key: `doi:${doi}`, label: `DOI ${doi}` };
  const pmcid = pmcidFromUrl(text);
  if (pmcid) return { key: `pmcid:${pmcid}`, label: pmcid };
  const pmid = pmidFromUrl(text);
  if (pmid) return { key: `pmid:${pmid}`, label: `PMID ${pmid}` };
  return undefined;
}

function categoryCounts(papers: readonly Paper[]): CategoryCount[] {
  const counts = new Map<string, number>();
  for (const p of papers) for (const c of p.categories) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts].map(([category, count]) => ({ category, count })).sort((a, b) => b.count - a.count);
}

export interface CatalogSource {
  papers: readonly Paper[];
  listName: string;
  /** Papers carrying any of these identifier keys ("arxiv:…", "doi:…"). */
  papersByKeys: (keys: string[]) => Promise<Paper[]>;
}

export async function loadPopupCatalog(db: LanternDB): Promise<PopupCatalog> {
  const [papers, lists] = await Promise.all([allPapers(db), db.lists.toArray()]);
  return createPopupCatalog({
    papers,
    listName: lists.find((l) => l.enabled)?.name ?? 'the list',
    papersByKeys: (keys) => papersByKeys(db, keys),
  });
}

export function createPopupCatalog({ papers, listName, papersByKeys }: CatalogSource): PopupCatalog {
  const haystacks = papers.map((p) => foldText(`${p.title} ${p.authors} ${p.venue} ${p.categories.join(' ')}`).split(/[^a-z0-9]+/));
  const byDate = papers.map((_, i) => i).sort((a, b) => compareByDateDesc(papers[a]!, papers[b]!));
  return {
    entryCount: papers.length,
    listName,
    categories: categoryCounts(papers),
    years: [...new Set(papers.map((p) => p.year).filter((y): y is number => y !== undefined))].sort((a, b) => b - a),
    search(query: string, { filters, sort, savedIds, limit }: SearchRequest): SearchOutcome {
      const terms = highlightTerms(query).map(foldText);
      const order = query === '' || sort === 'date' ? byDate : papers.map((_, i) => i);
      const hits = order.filter(
        (i) => terms.every((t) => haystacks[i]!.some((w) => w.startsWith(t.replace(/-/g, '')))) && matchesFilters(papers[i]!, filters, savedIds),
      );
      return { papers: hits.slice(0, limit).map((i) => papers[i]!), total: hits.length, terms };
    },
    lookup(text: string): Promise<Lookup> | undefined {
      const id = identifierKey(text);
      if (!id) return undefined;
      return papersByKeys([id.key]).then(([paper]) =>
        paper ? { kind: 'found', label: id.label, paper } : { kind: 'missing', label: id.label },
      );
    },
  };
}
