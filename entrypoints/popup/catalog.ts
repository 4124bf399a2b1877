/** The popup's view of the list: the search index, the papers it points at, and identifier lookup. */
import { allPapers, papersByKeys } from '../../lib/db/catalog';
import type { LanternDB } from '../../lib/db/schema';
import { arxivIdFromUrl, doiFromUrl, normalizeArxivId, normalizeDoi, pmcidFromUrl, pmidFromUrl } from '../../lib/ids';
import { highlightTerms } from '../../lib/popup/highlight';
import { buildSearchIndex, categoryCounts, searchPapers, type SearchFilters, type SearchIndex } from '../../lib/search';
import type { Paper } from '../../lib/types';
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

export interface CatalogSource {
  index: SearchIndex;
  listName: string;
  /** The papers with these ids, in any order (hits carry their paper when the index holds papers). */
  papersByIds: (ids: string[]) => Promise<Paper[]>;
  /** Papers carrying any of these identifier keys ("arxiv:…", "doi:…"). */
  papersByKeys: (keys: string[]) => Promise<Paper[]>;
}

export async function loadPopupCatalog(db: LanternDB): Promise<PopupCatalog> {
  const [papers, lists] = await Promise.all([allPapers(db), db.lists.toArray()]);
  return createPopupCatalog({
    index: buildSearchIndex(papers),
    listName: lists.find((l) => l.enabled)?.name ?? 'the list',
    papersByIds: async (ids) => {
      const wanted = new Set(ids);
      return papers.filter((p) => wanted.has(p.id));
    },
    papersByKeys: (keys) => papersByKeys(db, keys),
  });
}

function searchFilters({ filters, savedIds }: SearchRequest): SearchFilters {
  return {
    ...(filters.category ? { categories: [filters.category] } : {}),
    ...(filters.yearFrom !== undefined ? { yearFrom: filters.yearFrom } : {}),
    ...(filters.yearTo !== undefined ? { yearTo: filters.yearTo } : {}),
    // Unchecked means "any", not "papers without code".
    ...(filters.hasCode ? { hasCode: true } : {}),
    ...(filters.savedOnly ? { savedIds } : {}),
  };
}

export function createPopupCatalog({ index, listName, papersByIds, papersByKeys }: CatalogSource): PopupCatalog {
  const cache = new Map<string, Paper>();
  const years = [...new Set(Array.from(index.data.dates, (d) => d >> 4).filter((y) => y > 0))].sort((a, b) => b - a);
  return {
    entryCount: index.size,
    listName,
    categories: categoryCounts(index).map(({ path, count }) => ({ category: path, count })),
    years,
    async search(query: string, request: SearchRequest): Promise<SearchOutcome> {
      // One more than shown tells whether there are more.
      const hits = searchPapers(index, query, { filters: searchFilters(request), sort: request.sort, limit: request.limit + 1 });
      const shown = hits.slice(0, request.limit);
      for (const hit of shown) if (hit.paper) cache.set(hit.id, hit.paper);
      const missing = shown.filter((h) => !cache.has(h.id)).map((h) => h.id);
      if (missing.length > 0) for (const p of await papersByIds(missing)) cache.set(p.id, p);
      return {
        papers: shown.map((h) => cache.get(h.id)).filter((p): p is Paper => p !== undefined),
        total: hits.length > request.limit ? 'more' : hits.length,
        terms: highlightTerms(query),
      };
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
