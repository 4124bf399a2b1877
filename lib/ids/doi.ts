import { detector } from '../detector';
import { bareHost, parseHttpUrl, pathSegments, safeDecode } from './url';

/**
 * Crossref's recommended pattern (https://www.crossref.org/blog/dois-and-matching-regular-expressions/),
 * widened with the <>[] characters some older DOIs carry.
 */
const DOI_PATTERN = /^10\.\d{4,9}\/[-._;()/:a-z0-9<>[\]]+$/i;
const DOI_URL_PREFIX = /^(?:https?:\/\/)?(?:www\.|dx\.)?doi\.org\//i;

/** Trailing punctuation that belongs to the sentence around a DOI, not to the DOI. */
function trimTrailingPunctuation(doi: string): string {
  let result = doi.replace(/[.,;:'"]+$/, '');
  // A closing parenthesis stays only when it closes one opened inside the DOI, as in 10.1016/S0140-6736(23)00216-7.
  while (result.endsWith(')') && count(result, '(') < count(result, ')')) {
    result = result.slice(0, -1).replace(/[.,;:'"]+$/, '');
  }
  return result;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

export const normalizeDoi = detector<string, string>({
  name: 'ids.normalizeDoi',
  detect: (raw) => {
    const doi = trimTrailingPunctuation(
      safeDecode(raw.trim().replace(/^doi:\s*/i, '').replace(DOI_URL_PREFIX, '')).trim(),
    );
    return DOI_PATTERN.test(doi) ? doi.toLowerCase() : undefined;
  },
  accepts: [
    ['10.1038/s41586-023-06291-2', '10.1038/s41586-023-06291-2'],
    ['doi:10.1056/NEJMra2301725', '10.1056/nejmra2301725'],
    ['DOI: 10.1056/NEJMra2301725.', '10.1056/nejmra2301725'],
    ['https://doi.org/10.1101/2023.10.26.23297629', '10.1101/2023.10.26.23297629'],
    ['http://dx.doi.org/10.2196/48568', '10.2196/48568'],
    ['doi.org/10.3390/healthcare11060887', '10.3390/healthcare11060887'],
    ['10.1016/S0140-6736(23)00216-7', '10.1016/s0140-6736(23)00216-7'],
    ['10.1002%2F%28SICI%291097-4636%28199901%2944%3A1%3C1%3A%3AAID-JBM1%3E3.0.CO%3B2-6', '10.1002/(sici)1097-4636(199901)44:1<1::aid-jbm1>3.0.co;2-6'],
    ['10.48550/arXiv.2311.16452', '10.48550/arxiv.2311.16452'],
  ],
  rejects: ['', '(10.1016/S0140-6736(23)00216-7)', '10.1038', '10.12/abc', '11.1038/s41586', 'doi:', 'https://example.com/10.1038/x y', '10.1038/has space'],
});

/** Publisher URL forms "/doi/<DOI>", "/doi/{abs,full,pdf,epdf,…}/<DOI>" used by Wiley, ACM, Science, NEJM, T&F, Annual Reviews… */
const DOI_PATH_VIEWS = new Set(['abs', 'full', 'pdf', 'epdf', 'pdfdirect', 'pdfplus', 'reader', 'book', 'suppl', 'figure', 'ref', 'citedby']);
/** Suffixes some publishers append after the DOI in the path. */
const VIEW_SUFFIX = /(?:\/(?:full|abstract|pdf|fulltext|epdf|meta))+$|\.(?:pdf|full|abstract)$/i;

function doiFromPath(segments: string[]): string | undefined {
  return normalizeDoi(segments.join('/').replace(VIEW_SUFFIX, ''));
}

/** medRxiv/bioRxiv: content/10.1101/<date.id>vN(.full)(.pdf)(.full-text) → the DOI without version. */
function preprintDoi(segments: string[]): string | undefined {
  if (segments[0] !== 'content' || segments[1] !== '10.1101' || !segments[2]) return undefined;
  const match = /^((?:\d{4}\.\d{2}\.\d{2}\.)?\d{6,8})(?:v\d+)?(?:\.|$)/.exec(segments[2]);
  return match ? normalizeDoi(`10.1101/${match[1]}`) : undefined;
}

export const doiFromUrl = detector<string, string>({
  name: 'url.doi',
  detect: (raw) => {
    const url = parseHttpUrl(raw);
    if (!url) return undefined;
    const host = bareHost(url);
    const segments = pathSegments(url);
    if (host === 'doi.org' || host === 'dx.doi.org') return doiFromPath(segments);
    if (host === 'nature.com') {
      const [section, article] = segments;
      return section === 'articles' && article && segments.length === 2
        ? normalizeDoi(`10.1038/${article.replace(/\.pdf$/i, '')}`)
        : undefined;
    }
    if (host === 'medrxiv.org' || host === 'biorxiv.org') return preprintDoi(segments);
    if (host === 'link.springer.com' && ['article', 'chapter', 'content'].includes(segments[0] ?? '')) {
      const start = segments.findIndex((segment) => segment.startsWith('10.'));
      return start > 0 ? doiFromPath(segments.slice(start)) : undefined;
    }
    if (host === 'frontiersin.org' && segments[0] === 'articles') return doiFromPath(segments.slice(1));
    const doiAt = segments.indexOf('doi');
    if (doiAt >= 0) {
      const rest = segments.slice(doiAt + 1);
      if (rest[0] && DOI_PATH_VIEWS.has(rest[0].toLowerCase())) rest.shift();
      return rest[0]?.startsWith('10.') ? doiFromPath(rest) : undefined;
    }
    const queryDoi = url.searchParams.get('doi') ?? (host === 'journals.plos.org' ? url.searchParams.get('id') : null);
    return queryDoi ? normalizeDoi(queryDoi) : undefined;
  },
  accepts: [
    ['https://doi.org/10.1038/s41586-023-06291-2', '10.1038/s41586-023-06291-2'],
    ['https://dx.doi.org/10.2196/48568', '10.2196/48568'],
    ['http://doi.org/10.1056%2FNEJMra2301725', '10.1056/nejmra2301725'],
    ['https://www.nature.com/articles/s41746-023-00896-7', '10.1038/s41746-023-00896-7'],
    ['https://www.nature.com/articles/s41591-023-02448-8.pdf', '10.1038/s41591-023-02448-8'],
    ['https://nature.com/articles/nature14539', '10.1038/nature14539'],
    ['https://www.medrxiv.org/content/10.1101/2023.10.26.23297629v3', '10.1101/2023.10.26.23297629'],
    ['https://www.medrxiv.org/content/10.1101/2023.04.18.23288752v3.full', '10.1101/2023.04.18.23288752'],
    ['https://www.medrxiv.org/content/10.1101/2023.03.30.23287899v1.full.pdf', '10.1101/2023.03.30.23287899'],
    ['https://www.medrxiv.org/content/10.1101/2023.03.30.23287899v1.full-text', '10.1101/2023.03.30.23287899'],
    ['https://www.biorxiv.org/content/10.1101/2023.05.20.541555v2', '10.1101/2023.05.20.541555'],
    ['https://www.biorxiv.org/content/10.1101/123456v1', '10.1101/123456'],
    ['https://www.nejm.org/doi/pdf/10.1056/NEJMra2301725', '10.1056/nejmra2301725'],
    ['https://www.nejm.org/doi/full/10.1056/NEJMoa2034577', '10.1056/nejmoa2034577'],
    ['https://www.nejm.org/doi/10.1056/NEJMsr2214184', '10.1056/nejmsr2214184'],
    ['https://ai.nejm.org/doi/abs/10.1056/AIoa2300138', '10.1056/aioa2300138'],
    ['https://onlinelibrary.wiley.com/doi/full/10.1002/anie.202301234', '10.1002/anie.202301234'],
    ['https://onlinelibrary.wiley.com/doi/epdf/10.1111/jgh.16265', '10.1111/jgh.16265'],
    ['https://dl.acm.org/doi/10.1145/3580305.3599572', '10.1145/3580305.3599572'],
    ['https://dl.acm.org/doi/pdf/10.1145/3580305.3599572', '10.1145/3580305.3599572'],
    ['https://www.science.org/doi/10.1126/science.adg7879', '10.1126/science.adg7879'],
    ['https://www.tandfonline.com/doi/full/10.1080/10447318.2023.2225931', '10.1080/10447318.2023.2225931'],
    ['https://www.annualreviews.org/doi/abs/10.1146/annurev-biodatasci-020722-020704', '10.1146/annurev-biodatasci-020722-020704'],
    ['https://pubs.acs.org/doi/10.1021/acs.jcim.3c00285', '10.1021/acs.jcim.3c00285'],
    ['https://link.springer.com/article/10.1007/s10916-023-01925-4', '10.1007/s10916-023-01925-4'],
    ['https://link.springer.com/content/pdf/10.1007/s10916-023-01925-4.pdf', '10.1007/s10916-023-01925-4'],
    ['https://www.frontiersin.org/articles/10.3389/fmed.2023.1240915/full', '10.3389/fmed.2023.1240915'],
    ['https://journals.plos.org/digitalhealth/article?id=10.1371/journal.pdig.0000198', '10.1371/journal.pdig.0000198'],
    ['https://doi.org/10.48550/arXiv.2311.16452', '10.48550/arxiv.2311.16452'],
  ],
  rejects: [
    'https://www.jmir.org/2023/1/e48568',
    'https://jamanetwork.com/journals/jama/fullarticle/2806457',
    'https://www.mdpi.com/2227-9032/11/6/887',
    'https://the-innovation.org/data/article/medicine/preview/pdf/XINNMEDICINE-2023-0065.pdf',
    'https://www.nature.com/nm/',
    'https://www.nature.com/articles/',
    'https://www.nature.com/articles/s41746-023-00896-7/figures/1',
    'https://www.medrxiv.org/content/early/recent',
    'https://www.nejm.org/toc/nejm/current',
    'https://onlinelibrary.wiley.com/doi/',
    'https://www.sciencedirect.com/science/article/pii/S0140673623002167',
    'https://arxiv.org/abs/2311.16452',
    'https://doi.org/',
    'https://doi.org/not-a-doi',
    'javascript:alert(1)',
    'doi.org/10.1038/s41586-023-06291-2',
  ],
});
