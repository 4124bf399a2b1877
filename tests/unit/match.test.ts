import { describe, expect, it } from 'vitest';
import { identityKeys, matchPaper, titlesNearlyEqual } from '../../lib/match';
import { listedLinkKeys } from '../../lib/ids';
import { identifyPage } from '../../lib/page';
import { titleKey } from '../../lib/title';
import type { CatalogSnapshot, PageIdentity, Paper } from '../../lib/types';
import catalog from '../../assets/catalog.json';
import { arxivAbsPage, journalArticlePage, PAGE_FIXTURES, readFixture } from '../fixtures/pages/pages';

const snapshot = catalog as CatalogSnapshot;
const papers: Paper[] = snapshot.entries.map((entry) => ({ ...entry, lists: ['seed'] }));

function listed(id: string): Paper {
  const paper = papers.find((candidate) => candidate.id === id);
  if (!paper) throw new Error(`no entry ${id} in assets/catalog.json`);
  return paper;
}

/** A copy of a listed paper with other identifiers, for conflict cases. */
function variant(paper: Paper, changes: Partial<Paper>): Paper {
  return { ...paper, ...changes };
}

const page = (identity: Omit<PageIdentity, 'url'>): PageIdentity => ({ url: 'https://example.org/paper', ...identity });

const parse = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');

describe('every fixture page against the shipped catalog', () => {
  const cases = PAGE_FIXTURES.flatMap((fixture) => fixture.urls.map((url) => [fixture.file, url, fixture] as const));
  it.each(cases)('%s at %s', (file, url, fixture) => {
    const match = matchPaper(identifyPage(url, parse(readFixture(file))), papers);
    expect(match && { id: match.paper.id, via: match.via }).toEqual(
      fixture.listedId === null ? undefined : { id: fixture.listedId, via: fixture.via },
    );
  });
});

describe('titles', () => {
  const nature = listed('doi:10.1038/s41591-023-02448-8'); // "Large language models in medicine."
  const omiye = listed('arxiv:2309.00087'); // "Large language models in medicine: the potentials and pitfalls."

  it('never matches a title that merely starts with, or contains, a listed one', () => {
    expect(matchPaper(page({ title: 'Large Language Models in Medicine and Medical Research' }), papers)).toBeUndefined();
    expect(matchPaper(page({ title: 'Large language models' }), papers)).toBeUndefined();
    expect(matchPaper(page({ title: 'Ethics of large language models in medicine' }), papers)).toBeUndefined();
  });

  it('tells apart two listed titles where one extends the other', () => {
    expect(matchPaper(page({ title: 'Large language models in medicine: the potentials and pitfalls' }), papers)?.paper).toBe(omiye);
    expect(matchPaper(page({ title: 'Large Language Models in Medicine' }), papers)?.paper).toBe(nature);
  });

  it('ties an arXiv page to the journal version the list links', () => {
    const arxivPage = page({ arxiv: '2212.13138', title: 'Large Language Models Encode Clinical Knowledge', authors: ['Singhal, Karan'] });
    expect(matchPaper(arxivPage, papers)).toEqual({ paper: listed('doi:10.1038/s41586-023-06291-2'), via: 'title' });
  });

  it('ties a journal page to the arXiv version the list links', () => {
    const ieeePage = page({
      doi: '10.1109/jbhi.2023.3316750',
      title: 'Large AI Models in Health Informatics: Applications, Challenges, and the Future',
      authors: ['Jianing Qiu', 'Lin Li'],
    });
    expect(matchPaper(ieeePage, papers)).toEqual({ paper: listed('arxiv:2303.11568'), via: 'title' });
  });

  it('ignores case, punctuation, dashes, quotes and a trailing period', () => {
    const cases = [
      'utility of chatgpt in clinical practice',
      'Utility of ChatGPT in Clinical Practice.',
      'Utility of ChatGPT — in Clinical Practice!',
    ];
    for (const title of cases) expect(matchPaper(page({ title }), papers)?.paper.id).toBe('title:utility of chatgpt in clinical practice');
    expect(matchPaper(page({ title: 'MedAlpaca – An Open-Source Collection of Medical Conversational AI Models and Training Data' }), papers)?.paper.id).toBe(
      'arxiv:2304.08247',
    );
    expect(matchPaper(page({ title: 'AlpaCare: Instruction-tuned Large Language Models for Medical Application' }), papers)?.paper.id).toBe(
      'arxiv:2310.14558',
    );
  });

  it('accepts one changed letter in a long title, never a changed digit', () => {
    // The journal version of Med-PaLM 2 says "Toward" where the listed arXiv version says "Towards".
    expect(matchPaper(page({ title: 'Toward Expert-Level Medical Question Answering with Large Language Models' }), papers)?.paper.id).toBe(
      'arxiv:2305.09617',
    );
    expect(titlesNearlyEqual(titleKey('Evaluating GPT-4 on the United States Medical Licensing Examination'), titleKey('Evaluating GPT-3 on the United States Medical Licensing Examination'))).toBe(false);
    expect(titlesNearlyEqual(titleKey('Large language models in medicine'), titleKey('Large language model in medicine'))).toBe(false);
    expect(titlesNearlyEqual(titleKey('Pre-trained models for clinical text summarization tasks'), titleKey('Pretrained models for clinical text summarization tasks'))).toBe(true);
    expect(titlesNearlyEqual(titleKey('Towards Generalist Biomedical AI'), titleKey('Towards Generalist Biomedical AI in Practice'))).toBe(false);
  });

  it('does not match a page whose title is empty, only punctuation, or a bare name', () => {
    expect(matchPaper(page({ title: '—' }), papers)).toBeUndefined();
    expect(matchPaper(page({}), papers)).toBeUndefined();
    // "PULSE" and "Doctor Dignity" are listed (code only); a page so titled is not them.
    expect(matchPaper(page({ title: 'Pulse' }), papers)).toBeUndefined();
    expect(matchPaper(page({ title: 'Doctor Dignity' }), papers)).toBeUndefined();
  });
});

describe('identifiers', () => {
  it('tries arXiv id, DOI, PMC id, PMID and repository before the title', () => {
    const medprompt = listed('arxiv:2311.16452');
    const chatdoctor = papers.find((paper) => paper.ids.pmcid === 'PMC10364849')!;
    const identity = page({ pmcid: 'PMC10364849', arxiv: '2311.16452', title: chatdoctor.title });
    expect(matchPaper(identity, papers)).toEqual({ paper: medprompt, via: 'arxiv' });
    expect(matchPaper(page({ pmcid: 'PMC10364849', title: medprompt.title }), papers)).toEqual({ paper: chatdoctor, via: 'pmcid' });
    expect(matchPaper(page({ repo: 'github.com/epfllm/meditron' }), papers)).toEqual({ paper: listed('arxiv:2311.16079'), via: 'repo' });
  });

  it('recognizes a code page by its repository only, never by a title it shows', () => {
    const meditron = listed('arxiv:2311.16079');
    expect(matchPaper(page({ repo: 'github.com/someone/meditron', title: meditron.title }), papers)).toBeUndefined();
    expect(identityKeys(page({ repo: 'github.com/someone/meditron', title: meditron.title }))).toEqual(['repo:github.com/someone/meditron']);
  });

  it('refuses a same-titled entry whose arXiv id differs from the page’s', () => {
    const survey = listed('arxiv:2303.18223'); // "A survey of large language models."
    expect(matchPaper(page({ arxiv: '2402.06196', title: 'A Survey of Large Language Models' }), papers)).toBeUndefined();
    expect(matchPaper(page({ title: 'A Survey of Large Language Models' }), papers)?.paper).toBe(survey);
  });

  it('refuses a same-titled entry with a different journal DOI, but not a preprint DOI', () => {
    const journalEntry = variant(listed('arxiv:2305.01937'), { ids: { doi: '10.18653/v1/2023.acl-long.870', repos: [] } });
    const preprintEntry = variant(listed('arxiv:2305.01937'), { ids: { doi: '10.48550/arxiv.2305.01937', repos: [] } });
    const title = 'Can Large Language Models Be an Alternative to Human Evaluations?';
    expect(matchPaper(page({ doi: '10.1000/another-journal.42', title }), [journalEntry])).toBeUndefined();
    expect(matchPaper(page({ doi: '10.1000/another-journal.42', title }), [preprintEntry])?.via).toBe('title');
    const medrxivEntry = listed('doi:10.1101/2023.10.26.23297629');
    expect(matchPaper(page({ doi: '10.1001/jama.2024.0001', title: medrxivEntry.title }), papers)?.paper).toBe(medrxivEntry);
  });

  it('refuses a same-titled entry whose first author is not among the page’s authors', () => {
    const nature = listed('doi:10.1038/s41591-023-02448-8'); // Arun James Thirunavukarasu et al.
    expect(matchPaper(page({ title: 'Large language models in medicine', authors: ['Doe, Jane', 'Roe, Richard'] }), papers)).toBeUndefined();
    expect(matchPaper(page({ title: 'Large language models in medicine', authors: ['Thirunavukarasu, Arun James'] }), papers)?.paper).toBe(nature);
    expect(matchPaper(page({ title: 'Large language models in medicine', authors: ['Arun James Thirunavukarasu'] }), papers)?.paper).toBe(nature);
  });
});

describe('identityKeys', () => {
  it('lists the page’s keys strongest first, in the catalog’s key format', () => {
    expect(
      identityKeys(page({ doi: '10.7759/cureus.40895', pmid: '37492832', pmcid: 'PMC10364849', title: 'ChatDoctor: A Medical Chat Model' })),
    ).toEqual(['doi:10.7759/cureus.40895', 'pmcid:PMC10364849', 'pmid:37492832', 'title:chatdoctor a medical chat model', 'link:example.org/paper']);
    expect(identityKeys(page({ arxiv: '2311.16452', title: '!!!' }))).toEqual(['arxiv:2311.16452', 'link:example.org/paper']);
    // A code page is found by its repository alone.
    expect(identityKeys({ url: 'https://github.com/epfLLM/meditron', repo: 'github.com/epfllm/meditron' })).toEqual(['repo:github.com/epfllm/meditron']);
  });

  it('finds every listed fixture page’s entry among the entries sharing one of its keys', () => {
    for (const fixture of PAGE_FIXTURES) {
      if (fixture.listedId === null || fixture.via === 'title') continue;
      const keys = new Set(identityKeys({ url: fixture.urls[0]!, ...fixture.identity }));
      const entry = listed(fixture.listedId);
      expect(entry.id, fixture.file).toBe(fixture.listedId);
      expect(
        [...keys].some((key) => key === `title:${entry.titleKey}` || [entry.ids.arxiv && `arxiv:${entry.ids.arxiv}`, entry.ids.doi && `doi:${entry.ids.doi}`, entry.ids.pmcid && `pmcid:${entry.ids.pmcid}`, ...entry.ids.repos.map((repo) => `repo:${repo}`)].includes(key)),
        fixture.file,
      ).toBe(true);
    }
  });
});

describe('generated pages for every listed paper', () => {
  /** The list writes "Harsha Nori et al."; a page writes "Harsha Nori". */
  const firstAuthor = (paper: Paper): string[] => [paper.authors.split(/,| and | et al\b/)[0]!.trim()];
  const withTitle = papers.filter((paper) => paper.titleKey.split(' ').length >= 3);

  it('gives every listed title its own key', () => {
    expect(new Set(papers.map((paper) => paper.titleKey)).size).toBe(papers.length);
  });

  it.each(papers.filter((paper) => paper.ids.arxiv).map((paper) => [paper.ids.arxiv!, paper] as const))(
    'recognizes arXiv %s from its abstract page',
    (id, paper) => {
      const html = arxivAbsPage(id, { title: paper.title, authors: firstAuthor(paper), date: '2023/11/01' });
      expect(matchPaper(identifyPage(`https://arxiv.org/abs/${id}v2`, parse(html)), papers)).toEqual({ paper, via: 'arxiv' });
    },
  );

  it.each(withTitle.map((paper) => [paper.title, paper] as const))('recognizes “%s” from a page with its title', (_title, paper) => {
    const html = journalArticlePage(undefined, 'A Journal', { title: paper.title, authors: firstAuthor(paper), date: '2024/01/01' });
    expect(matchPaper(identifyPage('https://journal.example.org/article/1', parse(html)), papers)).toEqual({ paper, via: 'title' });
  });
});

describe('a page at exactly a listed link', () => {
  const links = (...urls: string[]) => urls.map((url) => ({ kind: 'code' as const, url, label: 'link' }));
  const paper = (id: string, title: string, urls: string[], ids: Paper['ids'] = { repos: [] }): Paper => ({
    ...papers[0]!,
    id,
    title,
    titleKey: titleKey(title),
    links: links(...urls),
    ids,
  });

  it('files an entry under its links that name none of its identifiers, and only those', () => {
    const entry = paper(
      'arxiv:2305.12031',
      'Clinical Camel',
      [
        'https://arxiv.org/abs/2305.12031v2',
        'https://doi.org/10.48550/arXiv.2305.12031',
        'https://github.com/bowang-lab/clinical-camel/tree/main',
        'https://huggingface.co/wanglab/',
        'https://www.medrxiv.org/content/10.1101/2023.10.26.23297629v3',
        'https://wanglab.example.org/camel?lang=en#intro',
      ],
      { arxiv: '2305.12031', doi: '10.1101/2023.10.26.23297629', repos: ['github.com/bowang-lab/clinical-camel'] },
    );
    expect(listedLinkKeys(entry)).toEqual(['link:huggingface.co/wanglab', 'link:wanglab.example.org/camel?lang=en']);
  });

  it('is the entry when nothing stronger names the page, and names every entry that shares the link', () => {
    const camel = paper('arxiv:2305.12031', 'Clinical Camel: An Open Expert-Level Medical Language Model', ['https://huggingface.co/wanglab'], { arxiv: '2305.12031', repos: [] });
    const first = paper('title:first toolkit paper of the lab', 'First toolkit paper of the lab', ['https://lab.example.org/toolkit/']);
    const second = paper('title:second toolkit paper of the lab', 'Second toolkit paper of the lab', ['https://lab.example.org/toolkit']);
    const candidates = [camel, first, second];
    expect(matchPaper({ url: 'https://huggingface.co/wanglab', title: 'wanglab (WangLab)' }, candidates)).toEqual({ paper: camel, via: 'link' });
    const shared = matchPaper({ url: 'http://www.lab.example.org/toolkit#start' }, candidates);
    expect(shared).toEqual({ paper: first, via: 'link', shared: [second] });
    // Not an address under the link, or beside it.
    expect(matchPaper({ url: 'https://huggingface.co/wanglab/model' }, candidates)).toBeUndefined();
    expect(matchPaper({ url: 'https://huggingface.co/wanglab-other' }, candidates)).toBeUndefined();
    // An identifier the page carries is stronger than the address.
    expect(matchPaper({ url: 'https://lab.example.org/toolkit', arxiv: '2305.12031' }, candidates)?.paper).toBe(camel);
    // Link keys are lower-cased, but a path in another case is another page (another video, another short link).
    const demo = paper('title:a demo of the model', 'A demo of the model', ['https://youtu.be/dQw4w9WgXcQ']);
    expect(matchPaper({ url: 'https://youtu.be/dQw4w9WgXcQ' }, [demo])?.paper).toBe(demo);
    expect(matchPaper({ url: 'https://youtu.be/DQW4W9WGXCQ' }, [demo])).toBeUndefined();
  });
});
