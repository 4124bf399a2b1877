import { detector } from '../detector';
import { bareHost, parseHttpUrl, pathSegments } from './url';

const PMCID = /^PMC(\d{1,9})$/i;
const PMID = /^\d{1,9}$/;

export const pmcidFromUrl = detector<string, string>({
  name: 'url.pmcid',
  detect: (raw) => {
    const url = parseHttpUrl(raw);
    if (!url) return undefined;
    const host = bareHost(url);
    const segments = pathSegments(url);
    let candidate: string | undefined;
    if (host === 'ncbi.nlm.nih.gov' && segments[0] === 'pmc' && segments[1] === 'articles') candidate = segments[2];
    else if (host === 'pmc.ncbi.nlm.nih.gov' && segments[0] === 'articles') candidate = segments[1];
    else if (host === 'europepmc.org') {
      if ((segments[0] === 'article' || segments[0] === 'abstract') && segments[1]?.toUpperCase() === 'PMC') candidate = segments[2];
      else if (segments[0] === 'articles') candidate = segments[1];
    }
    const match = candidate ? PMCID.exec(candidate) : null;
    return match ? `PMC${match[1]}` : undefined;
  },
  accepts: [
    ['https://www.ncbi.nlm.nih.gov/pmc/articles/PMC10364849/', 'PMC10364849'],
    ['https://www.ncbi.nlm.nih.gov/pmc/articles/PMC10364849', 'PMC10364849'],
    ['http://ncbi.nlm.nih.gov/pmc/articles/pmc10364849/pdf/cureus-0015-00000040895.pdf', 'PMC10364849'],
    ['https://pmc.ncbi.nlm.nih.gov/articles/PMC10304207/', 'PMC10304207'],
    ['https://pmc.ncbi.nlm.nih.gov/articles/PMC10304207/#sec1', 'PMC10304207'],
    ['https://europepmc.org/article/PMC/PMC10364849', 'PMC10364849'],
    ['https://europepmc.org/articles/PMC10364849', 'PMC10364849'],
  ],
  rejects: [
    'https://www.ncbi.nlm.nih.gov/pmc/',
    'https://www.ncbi.nlm.nih.gov/pmc/?term=llm',
    'https://pmc.ncbi.nlm.nih.gov/articles/',
    'https://pmc.ncbi.nlm.nih.gov/search/?term=PMC10304207',
    'https://pubmed.ncbi.nlm.nih.gov/37438534/',
    'https://europepmc.org/article/MED/37438534',
    'https://example.com/pmc/articles/PMC10364849/',
  ],
});

export const pmidFromUrl = detector<string, string>({
  name: 'url.pmid',
  detect: (raw) => {
    const url = parseHttpUrl(raw);
    if (!url) return undefined;
    const host = bareHost(url);
    const segments = pathSegments(url);
    let candidate: string | undefined;
    if (host === 'pubmed.ncbi.nlm.nih.gov' && segments.length === 1) candidate = segments[0];
    else if (host === 'ncbi.nlm.nih.gov' && segments[0] === 'pubmed' && segments.length === 2) candidate = segments[1];
    else if (host === 'europepmc.org' && (segments[0] === 'article' || segments[0] === 'abstract') && segments[1]?.toUpperCase() === 'MED') candidate = segments[2];
    return candidate && PMID.test(candidate) ? String(Number(candidate)) : undefined;
  },
  accepts: [
    ['https://pubmed.ncbi.nlm.nih.gov/37438534/', '37438534'],
    ['https://pubmed.ncbi.nlm.nih.gov/37438534', '37438534'],
    ['https://pubmed.ncbi.nlm.nih.gov/37438534/?utm_source=x', '37438534'],
    ['https://www.ncbi.nlm.nih.gov/pubmed/37438534', '37438534'],
    ['http://www.ncbi.nlm.nih.gov/pubmed/9999', '9999'],
    ['https://europepmc.org/article/MED/37438534', '37438534'],
  ],
  rejects: [
    'https://pubmed.ncbi.nlm.nih.gov/',
    'https://pubmed.ncbi.nlm.nih.gov/?term=large+language+models',
    'https://pubmed.ncbi.nlm.nih.gov/clipboard/',
    'https://www.ncbi.nlm.nih.gov/pubmed/?term=37438534',
    'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC10364849/',
    'https://example.com/pubmed/37438534',
  ],
});
