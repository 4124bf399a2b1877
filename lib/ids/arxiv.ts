import { detector } from '../detector';
import { normalizeDoi } from './doi';
import { bareHost, parseHttpUrl, safeDecode } from './url';

/**
 * arXiv identifiers. New ids are YYMM.NNNN(N); old ids are archive[.SUBJ]/YYMMNNN. The subject
 * class of an old id is dropped ("math.GT/0309136" → "math/0309136") because arXiv itself
 * serves the paper under the archive-only id, so both spellings must meet on one key.
 */
const NEW_ID = /^(\d{2}(?:0[1-9]|1[0-2])\.\d{4,5})(?:v\d+)?$/;
const OLD_ID = /^([a-z]+(?:-[a-z]+)*)(?:\.[a-z]{2}(?:-[a-z]+)?)?\/(\d{2}(?:0[1-9]|1[0-2])\d{3})(?:v\d+)?$/i;
/** An id at the start of a URL path remainder, before any ".pdf", "/" or further path. */
const ID_AT_START = /^((?:[a-z]+(?:-[a-z]+)*(?:\.[a-z]{2}(?:-[a-z]+)?)?\/\d{7})|(?:\d{4}\.\d{4,5}))(v\d+)?(?=$|\/|\.pdf$|\.pdf\/)/i;

export const normalizeArxivId = detector<string, string>({
  name: 'ids.normalizeArxivId',
  detect: (raw) => {
    const id = raw.trim().replace(/^arxiv:\s*/i, '');
    const modern = NEW_ID.exec(id);
    if (modern) return modern[1];
    const old = OLD_ID.exec(id);
    if (old) return `${old[1]!.toLowerCase()}/${old[2]}`;
    return undefined;
  },
  accepts: [
    ['arXiv:2311.16452v2', '2311.16452'],
    ['2311.16452', '2311.16452'],
    ['  arxiv:2312.07814 ', '2312.07814'],
    ['0704.0001', '0704.0001'],
    ['1501.00001v10', '1501.00001'],
    ['hep-th/9901001', 'hep-th/9901001'],
    ['hep-th/9901001v3', 'hep-th/9901001'],
    ['math.GT/0309136', 'math/0309136'],
    ['solv-int/9901001', 'solv-int/9901001'],
    ['arXiv:cond-mat/0102536v1', 'cond-mat/0102536'],
  ],
  rejects: ['', '2311.164', '2313.16452', '231116452', 'hep-th/990100', 'hep-th/99010011', 'doi:10.1038/x', '2311.16452v', 'arXiv'],
});

export const arxivIdFromDoi = detector<string, string>({
  name: 'ids.arxivIdFromDoi',
  detect: (raw) => {
    const doi = normalizeDoi(raw);
    const match = doi && /^10\.48550\/arxiv\.(.+)$/.exec(doi);
    return match ? normalizeArxivId(match[1]!) : undefined;
  },
  accepts: [
    ['10.48550/arXiv.2311.16452', '2311.16452'],
    ['https://doi.org/10.48550/arXiv.2305.09617', '2305.09617'],
    ['doi:10.48550/ARXIV.2212.10403', '2212.10403'],
    ['10.48550/arXiv.hep-th/9901001', 'hep-th/9901001'],
  ],
  rejects: ['10.1038/s41586-023-06291-2', '10.48550/arXiv.', '10.48550/zenodo.123', '2311.16452'],
});

const ARXIV_HOSTS = new Set(['arxiv.org', 'export.arxiv.org', 'browse.arxiv.org']);
const ARXIV_PATH_KINDS = new Set(['abs', 'pdf', 'html', 'format', 'ps', 'src']);
const AR5IV_HOSTS = new Set(['ar5iv.labs.arxiv.org', 'ar5iv.org']);

/** The id at the start of what follows a known prefix ("2311.16452v2.pdf", "hep-th/9901001/"). */
function idFromRemainder(remainder: string): string | undefined {
  const match = ID_AT_START.exec(safeDecode(remainder));
  return match ? normalizeArxivId(match[1]!) : undefined;
}

/** The path after "/<first>/" when the first segment is one of `kinds`. */
function afterFirstSegment(path: string, kinds: Set<string>): string | undefined {
  const match = /^\/([^/]+)\/(.+)$/.exec(path);
  return match && kinds.has(match[1]!.toLowerCase()) ? match[2] : undefined;
}

export const arxivIdFromUrl = detector<string, string>({
  name: 'url.arxiv',
  detect: (raw) => {
    const url = parseHttpUrl(raw);
    if (!url) return undefined;
    const host = bareHost(url);
    const path = url.pathname;
    let remainder: string | undefined;
    if (ARXIV_HOSTS.has(host)) remainder = afterFirstSegment(path, ARXIV_PATH_KINDS);
    else if (AR5IV_HOSTS.has(host)) remainder = afterFirstSegment(path, new Set(['html', 'abs']));
    else if (host === 'alphaxiv.org') remainder = afterFirstSegment(path, new Set(['abs', 'overview', 'pdf']));
    else if (host === 'huggingface.co' || host === 'hf.co') remainder = afterFirstSegment(path, new Set(['papers']));
    else if (host === 'doi.org' || host === 'dx.doi.org') return arxivIdFromDoi(safeDecode(path.slice(1)));
    return remainder === undefined ? undefined : idFromRemainder(remainder);
  },
  accepts: [
    ['https://arxiv.org/abs/2311.16452', '2311.16452'],
    ['http://arxiv.org/abs/2311.05112', '2311.05112'],
    ['https://export.arxiv.org/abs/2312.07814', '2312.07814'],
    ['https://www.arxiv.org/abs/2310.14573v2', '2310.14573'],
    ['https://browse.arxiv.org/abs/2309.00237', '2309.00237'],
    ['https://arxiv.org/pdf/2311.01918.pdf', '2311.01918'],
    ['https://arxiv.org/pdf/2311.01918', '2311.01918'],
    ['https://arxiv.org/pdf/2311.01918v3', '2311.01918'],
    ['https://arxiv.org/pdf/2307.13693v2.pdf', '2307.13693'],
    ['https://arxiv.org/html/2402.01234v1', '2402.01234'],
    ['https://arxiv.org/html/2402.01234v1/#S3', '2402.01234'],
    ['https://arxiv.org/html/2402.01234v1/x1.png', '2402.01234'],
    ['https://arxiv.org/format/2311.16452', '2311.16452'],
    ['https://arxiv.org/abs/2306.00890?context=cs.CV', '2306.00890'],
    ['https://arxiv.org/abs/2306.00890#comments', '2306.00890'],
    ['https://arxiv.org/abs/2306.00890/', '2306.00890'],
    ['https://arxiv.org/abs/0704.0001', '0704.0001'],
    ['https://arxiv.org/abs/hep-th/9901001', 'hep-th/9901001'],
    ['https://arxiv.org/abs/hep-th/9901001v2', 'hep-th/9901001'],
    ['https://arxiv.org/pdf/hep-th/9901001v1.pdf', 'hep-th/9901001'],
    ['https://arxiv.org/abs/math.GT/0309136', 'math/0309136'],
    ['https://arxiv.org/abs/solv-int/9901001', 'solv-int/9901001'],
    ['https://arxiv.org/abs/cond-mat/0102536v1', 'cond-mat/0102536'],
    ['https://www.alphaxiv.org/abs/2311.16452', '2311.16452'],
    ['https://alphaxiv.org/overview/2311.16452v1', '2311.16452'],
    ['https://huggingface.co/papers/2311.16452', '2311.16452'],
    ['https://ar5iv.labs.arxiv.org/html/2305.09617', '2305.09617'],
    ['https://ar5iv.org/abs/2305.09617', '2305.09617'],
    ['https://doi.org/10.48550/arXiv.2311.16452', '2311.16452'],
    ['https://dx.doi.org/10.48550/ARXIV.2311.16452', '2311.16452'],
  ],
  rejects: [
    'https://arxiv.org/list/cs.CL/recent',
    'https://arxiv.org/a/nori_h_1',
    'https://arxiv.org/',
    'https://arxiv.org/abs/',
    'https://arxiv.org/abs/2313.16452',
    'https://arxiv.org/abs/2311.164',
    'https://arxiv.org/abs/231116452',
    'https://arxiv.org/abs/2311.16452abc',
    'https://arxiv.org/search/?query=medicine',
    'https://notarxiv.org/abs/2311.16452',
    'https://arxiv.org.evil.com/abs/2311.16452',
    'https://example.com/abs/2311.16452',
    'https://huggingface.co/papers',
    'https://huggingface.co/google/flan-t5-xl',
    'https://doi.org/10.1038/s41586-023-06291-2',
    'ftp://arxiv.org/abs/2311.16452',
    'arxiv.org/abs/2311.16452',
    'not a url',
  ],
});
