/**
 * Reading listing pages: every fixture (tests/fixtures/listings, written from the structure each
 * site serves) gives exactly its items, with the identifiers and anchors below; reference texts
 * name arXiv ids and DOIs; listed titles are found inside texts by the title scanner.
 */
import { describe, expect, it } from 'vitest';
import {
  linkItem,
  listingItems,
  listingKindFromUrl,
  paperLinks,
  referenceItems,
  isScannedTitle,
  titleCandidates,
  titleHash,
  type ListingItem,
  type ListingKind,
} from '../../lib/listing';
import { LISTING_MATCHES } from '../../lib/listing/kind';
import kindExamples from '../../lib/listing/kind.examples';
import { isItemQuery } from '../../lib/messages';
import { isSiteUrl } from '../../lib/sites';
import { titleKey } from '../../lib/title';
import { LISTINGS, readListing } from '../fixtures/listings/listings';

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

function readAll(file: string, url: string, read: (typeof LISTINGS)[number]['read'], own = new Set<string>()): ListingItem[] {
  const doc = parse(readListing(file));
  if (read === 'references') return referenceItems(doc, url);
  const links = () => paperLinks(doc).flatMap((link) => linkItem(link, url, own) ?? []);
  if (read === 'links') return links();
  if (read === 'page') return [...referenceItems(doc, url), ...links()];
  return listingItems(read, doc, url);
}

/** An anchor as "tag.class#id" and how the mark is placed. */
function where(item: ListingItem): string {
  const a = item.anchor;
  return `${item.place} ${a.tagName.toLowerCase()}${a.classList[0] ? `.${a.classList[0]}` : ''}${a.id ? `#${a.id}` : ''}`;
}

describe.each(LISTINGS.map((fixture) => [fixture.file, fixture] as const))('%s', (_file, fixture) => {
  it('is read the way the table says', () => {
    const kind = listingKindFromUrl(fixture.url);
    expect(kind === undefined).toBe(fixture.read === 'references' || fixture.read === 'links' || fixture.read === 'page');
    if (kind) expect(kind).toBe(fixture.read);
  });

  it('has exactly its items', () => {
    const own = new Set(['repo:github.com/mingze-yuan/awesome-llm-healthcare']);
    expect(readAll(fixture.file, fixture.url, fixture.read, own)).toHaveLength(fixture.items);
  });

  it('asks with queries whose every field is set: Firefox sends an undefined field along, and the background refuses it', () => {
    const queries = readAll(fixture.file, fixture.url, fixture.read).map((item) => item.query);
    for (const query of queries) expect(isItemQuery(query), JSON.stringify(query)).toBe(true);
    expect(queries.filter((query) => Object.values(query).includes(undefined))).toEqual([]);
  });
});

describe('listing items', () => {
  it('reads arXiv listings by the abstract link of each <dt>, marking the title in its <dd>', () => {
    const items = listingItems('arxiv-list', parse(readListing('arxiv-list-new.html')), 'https://arxiv.org/list/cs.CL/new');
    expect(items.map((i) => i.query)).toEqual([
      { arxiv: '2311.16452' },
      { arxiv: '2406.01234' },
      { arxiv: '2311.16079' },
      { arxiv: '2310.14573' },
      { arxiv: '2105.00001' },
    ]);
    expect(items.map(where)).toEqual(Array(5).fill('append div.list-title'));
    // The code link in item 2's comments belongs to another paper: it is not item 2's identity.
    expect(items[1]!.query.repo).toBeUndefined();
  });

  it('reads arXiv search results', () => {
    const items = listingItems('arxiv-search', parse(readListing('arxiv-search.html')), 'https://arxiv.org/search/?query=x');
    expect(items.map((i) => i.query)).toEqual([{ arxiv: '2312.00164' }, { arxiv: '2405.11111' }, { arxiv: '2311.11608' }]);
    expect(items.map(where)).toEqual(Array(3).fill('append p.title'));
  });

  it('reads Scholar results: ids from the title or side link, else the title and first author', () => {
    const items = listingItems('scholar', parse(readListing('scholar.html')), 'https://scholar.google.com/scholar?q=x');
    expect(items.map((i) => i.query)).toEqual([
      { doi: '10.1038/s41586-023-06291-2', title: 'Large language models encode clinical knowledge', author: 'K Singhal' },
      { title: 'Large language models in medicine', author: 'AJ Thirunavukarasu' },
      { title: 'Large language models in medicine', author: 'P Someone' },
      { arxiv: '2310.14573', title: 'Exploring the boundaries of GPT-4 in radiology', author: 'Q Liu' },
      { title: 'Some unlisted book about clinical notes', author: 'R Writer' },
    ]);
    expect(items.map(where)).toEqual(Array(5).fill('append h3.gs_rt'));
  });

  it('reads PubMed results: PMID, DOI from the citation, title and first author', () => {
    const items = listingItems('pubmed-search', parse(readListing('pubmed-search.html')), 'https://pubmed.ncbi.nlm.nih.gov/?term=x');
    expect(items.map((i) => i.query)).toEqual([
      { pmid: '37438534', doi: '10.1038/s41591-023-02448-8', title: 'Large language models in medicine.', author: 'Thirunavukarasu AJ' },
      { pmid: '36000001', doi: '10.9999/unlisted.1', title: 'An unlisted study of language in clinics.', author: 'Doe J.' },
      { pmid: '37460753', doi: '10.1038/s41586-023-06291-2', title: 'Large language models encode clinical knowledge.', author: 'Singhal K' },
    ]);
    expect(items.map(where)).toEqual(Array(3).fill('after a.docsum-title'));
  });

  it('reads only the "Similar articles" and "Cited by" blocks of a PubMed article', () => {
    const items = listingItems('pubmed-related', parse(readListing('pubmed-article-related.html')), 'https://pubmed.ncbi.nlm.nih.gov/38000001/');
    expect(items.map((i) => i.query.pmid)).toEqual(['37438534', '36000002', '37492832']);
  });

  it('reads Hugging Face papers, Semantic Scholar and alphaXiv', () => {
    const hf = listingItems('hf-papers', parse(readListing('hf-papers.html')), 'https://huggingface.co/papers');
    expect(hf.map((i) => i.query)).toEqual([{ arxiv: '2311.16452' }, { arxiv: '2406.09999' }, { arxiv: '2309.11295' }]);
    expect(hf.map(where)).toEqual(Array(3).fill('append h3.mb-1'));
    const s2 = listingItems('semantic-scholar-search', parse(readListing('semantic-scholar-search.html')), 'https://www.semanticscholar.org/search?q=x');
    expect(s2.map((i) => i.query)).toEqual([
      { doi: '10.1038/s41586-023-06291-2', title: 'Large language models encode clinical knowledge', author: 'K. Singhal' },
      { title: 'Clinical knowledge graphs for hospitals', author: 'X. Writer' },
      { arxiv: '2305.09617', title: 'Towards Expert-Level Medical Question Answering with Large Language Models', author: 'K. Singhal' },
    ]);
    const ax = listingItems('alphaxiv', parse(readListing('alphaxiv.html')), 'https://www.alphaxiv.org/explore');
    expect(ax.map((i) => i.query)).toEqual([{ arxiv: '2311.16452' }, { arxiv: '2406.07777' }, { arxiv: '2304.14454' }]);
    // After the link that reads as a title, not the thumbnail.
    expect(ax[0]!.anchor.textContent).toContain('Can Generalist Foundation Models');
  });
});

describe('ACL Anthology', () => {
  it('reads one item per paper of an event’s volumes, by title and first author, with its mark after the title', () => {
    const items = listingItems('acl-anthology', parse(readListing('acl-anthology-event.html')), 'https://aclanthology.org/events/acl-2023/');
    expect(items.map((i) => i.query)).toEqual([
      { title: 'Proceedings of the 61st Annual Meeting of the Association for Computational Linguistics (Volume 1: Long Papers)', author: 'Anna Rogers' },
      { title: 'One Cannot Stand for Everyone! Leveraging Multiple User Simulators to train Task-oriented Dialogue Systems', author: 'Yajiao Liu' },
      { title: 'Can Large Language Models Be an Alternative to Human Evaluations?', author: 'Cheng-Han Chiang' },
      { title: 'Towards Reasoning in Large Language Models: A Survey', author: 'Jie Huang' },
      { title: 'Towards Reasoning in Large Language Models: A Survey', author: 'Jane Doe' },
    ]);
    expect(items.map(where)).toEqual(Array(5).fill('after a.align-middle'));
    expect(items.every((i) => i.group.tagName === 'P' && i.anchor.parentElement?.tagName === 'STRONG')).toBe(true);
  });

  it('reads a volume’s papers, not its editors or its own links; a title’s marked-up letters read as text', () => {
    const items = listingItems('acl-anthology', parse(readListing('acl-anthology-volume.html')), 'https://aclanthology.org/volumes/2023.emnlp-main/');
    expect(items.map((i) => [i.query.title, i.query.author, i.query.doi])).toEqual([
      ['An Unlisted Study of LLM Evaluation', 'Richard Roe', undefined],
      ['Exploring the Boundaries of GPT-4 in Radiology', 'Qianchu Liu', undefined],
      ['Clinical Note Summaries with Fewer Hallucinations', 'Jane Doe', undefined],
    ]);
  });
});

describe('references', () => {
  it('reads arXiv HTML references with and without links: ids from links and text, and the text for titles', () => {
    const items = referenceItems(parse(readListing('arxiv-html-bibliography.html')), 'https://arxiv.org/html/2407.00001v1');
    expect(items.map((i) => ({ arxiv: i.query.arxiv, doi: i.query.doi }))).toEqual([
      { arxiv: undefined, doi: undefined },
      { arxiv: '2303.13375', doi: undefined },
      { arxiv: '2311.16079', doi: undefined },
      { arxiv: '1706.03762', doi: undefined },
      { arxiv: undefined, doi: '10.1038/s41591-023-02448-8' },
      { arxiv: undefined, doi: undefined },
      { arxiv: undefined, doi: undefined },
    ]);
    expect(items[0]!.query.text).toContain(titleKey('Large language models encode clinical knowledge.'));
    expect(items.map(where)).toEqual(['bib.bib1', 'bib.bib2', 'bib.bib3', 'bib.bib4', 'bib.bib5', 'bib.bib6', 'bib.bib7'].map((id) => `append li.ltx_bibitem#${id}`));
  });

  it('reads ar5iv references as arXiv HTML ones: links through ar5iv, ids in the text, the text for titles', () => {
    const url = 'https://ar5iv.labs.arxiv.org/html/2312.01234';
    const doc = parse(readListing('ar5iv-bibliography.html'));
    const items = referenceItems(doc, url);
    expect(items.map((i) => ({ arxiv: i.query.arxiv, doi: i.query.doi }))).toEqual([
      { arxiv: undefined, doi: undefined },
      { arxiv: '2311.16079', doi: undefined },
      { arxiv: undefined, doi: '10.1038/s41591-023-02448-8' },
      { arxiv: '1706.03762', doi: undefined },
      { arxiv: undefined, doi: undefined },
      { arxiv: undefined, doi: undefined },
    ]);
    expect(items[0]!.query.text).toContain(titleKey('Large language models encode clinical knowledge'));
    expect(items.map(where)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `append li.ltx_bibitem#bib.bib${n}`));
    // Outside the references, only the page's own paper is linked: no item.
    expect(paperLinks(doc).flatMap((link) => linkItem(link, url, new Set(['arxiv:2312.01234'])) ?? [])).toEqual([]);
  });

  it('reads PMC, Nature and medRxiv references', () => {
    const pmc = referenceItems(parse(readListing('pmc-references.html')), 'https://pmc.ncbi.nlm.nih.gov/articles/PMC11000001/');
    expect(pmc.map((i) => [i.query.doi, i.query.pmcid, i.query.pmid, i.query.arxiv])).toEqual([
      ['10.1038/s41591-023-02448-8', undefined, '37438534', undefined],
      ['10.7759/cureus.40895', 'PMC10364849', '37492832', undefined],
      ['10.9999/unlisted.2', undefined, undefined, undefined],
      ['10.48550/arxiv.2305.09617', undefined, undefined, '2305.09617'],
    ]);
    const nature = referenceItems(parse(readListing('nature-references.html')), 'https://www.nature.com/articles/s41591-024-00001-1');
    expect(nature.map((i) => [i.query.doi, i.query.arxiv])).toEqual([
      ['10.1038/s41586-023-06291-2', undefined],
      [undefined, undefined],
      [undefined, '2304.14454'],
    ]);
    expect(nature.map(where)).toEqual(['ref-CR1', 'ref-CR2', 'ref-CR3'].map((id) => `append p.c-article-references__text#${id}`));
    const medrxiv = referenceItems(parse(readListing('biorxiv-references.html')), 'https://www.medrxiv.org/content/10.1101/2024.01.01.24300001v1.full');
    expect(medrxiv.map((i) => i.query.doi)).toEqual(['10.1101/2023.10.26.23297629', undefined]);
    expect(medrxiv[1]!.query.text).toContain('diagnostic accuracy of gpt multimodal analysis on usmle questions including text and visuals');
  });
});

describe('links', () => {
  it('asks by address only for links off the page’s site that name no id, and never a long or non-web one', () => {
    const base = 'https://blog.example.org/post';
    const doc = parse(`<p>
      <a href="https://www.jmir.org/2023/1/e48568">off the site</a>
      <a href="/about">the site's own page</a>
      <a href="https://blog.example.org/archive">the site again</a>
      <a href="https://WWW.blog.example.org/tags">the site, with www.</a>
      <a href="mailto:someone@example.org">mail</a>
      <a href="https://journal.example.com/${'a'.repeat(1100)}">too long</a>
      <a href="https://www.jmir.org/2023/1/e48569#${'section-'.repeat(200)}">a place in a page</a>
    </p>`);
    const queries = paperLinks(doc).flatMap((link) => linkItem(link, base)?.query ?? []);
    // A fragment names a place in the page, not the page: it is not sent, however long.
    expect(queries).toEqual([{ url: 'https://www.jmir.org/2023/1/e48568' }, { url: 'https://www.jmir.org/2023/1/e48569' }]);
    expect(queries.every(isItemQuery)).toBe(true);
    expect(isItemQuery({ url: `https://journal.example.com/${'a'.repeat(1100)}` })).toBe(false);
  });

  it('reads every link to a paper outside the references, grouped by block, skipping the page’s own paper', () => {
    const doc = parse(readListing('github-readme.html'));
    const own = new Set(['repo:github.com/mingze-yuan/awesome-llm-healthcare']);
    const items = paperLinks(doc).flatMap((link) => linkItem(link, 'https://github.com/mingze-yuan/Awesome-LLM-Healthcare', own) ?? []);
    expect(items.map((i) => i.query)).toEqual([
      { arxiv: '2311.01918' },
      { arxiv: '2311.16452' },
      { arxiv: '2311.16079' },
      { repo: 'github.com/epfllm/meditron' },
      { doi: '10.1038/s41586-023-06291-2' },
      { repo: 'huggingface.co/google/flan-t5-xl' },
      { arxiv: '2306.00001' },
      // Off GitHub and naming no id: asked by address, as a list may link exactly that page.
      { url: 'https://www.jmir.org/2023/1/e48568/' },
      { url: 'https://www.jmir.org/2023/1/e40000' },
      { repo: 'github.com/epfllm/meditron' },
      { arxiv: '2311.16079' },
      { url: 'https://img.shields.io/badge/PRs-welcome-green.svg' },
    ]);
    // Paper and code of one entry share their list item: one group.
    expect(items[2]!.group).toBe(items[3]!.group);
    expect(items[2]!.group.tagName).toBe('LI');
    expect(items.every((i) => i.place === 'after' && i.anchor.tagName === 'A')).toBe(true);
  });

  it('reads a PMC article’s "Similar articles" and "Cited by" blocks with title and first author, its references as references', () => {
    const url = 'https://pmc.ncbi.nlm.nih.gov/articles/PMC11000002/';
    const doc = parse(readListing('pmc-article-related.html'));
    expect(referenceItems(doc, url).map((i) => i.query.doi)).toEqual(['10.1038/s41586-023-06291-2', '10.9999/unlisted.3']);
    const own = new Set(['pmid:38000002']);
    const items = paperLinks(doc).flatMap((link) => linkItem(link, url, own) ?? []);
    // The references' own links are the reference reader's: not read again as links.
    expect(items.map((i) => i.query)).toEqual([
      { pmid: '37438534', title: 'Large language models in medicine.', author: 'Thirunavukarasu AJ' },
      { pmid: '36000003', title: 'Large language models encode clinical knowledge.', author: 'Doe J' },
      { pmid: '36000004', title: 'An unlisted study of hospital chatbots.', author: 'Roe R' },
      {
        pmcid: 'PMC10364849',
        title: 'ChatDoctor: A Medical Chat Model Fine-Tuned on a Large Language Model Meta-AI (LLaMA) Using Medical Domain Knowledge.',
        author: 'Li Y',
      },
      { pmcid: 'PMC10282912', title: 'Utility of ChatGPT in Clinical Practice.', author: 'Liu J' },
    ]);
    expect(items.map(where)).toEqual(Array(5).fill('after a.usa-link'));
    expect(new Set(items.map((i) => i.group)).size).toBe(5);
    // A link elsewhere on the page (not in a block PMC loads) is asked by its identifiers only.
    const elsewhere = parse('<ul><li><a href="https://pubmed.ncbi.nlm.nih.gov/37438534/">Large language models in medicine.</a><div class="font-body-2xs">Thirunavukarasu AJ</div></li></ul>');
    expect(paperLinks(elsewhere).map((link) => linkItem(link, url)?.query)).toEqual([{ pmid: '37438534' }]);
  });

  it('leaves reference lists to the reference reader, and the page’s own paper out', () => {
    const doc = parse(readListing('arxiv-html-bibliography.html'));
    const links = paperLinks(doc);
    expect(links.every((link) => !link.closest('.ltx_bibitem'))).toBe(true);
    const own = new Set(['arxiv:2407.00001']);
    expect(links.flatMap((link) => linkItem(link, 'https://arxiv.org/html/2407.00001v1', own) ?? [])).toEqual([]);
  });
});

/** An exact scan over these title keys: the candidates whose hash matches, confirmed as the lookup confirms them (by key). */
function titleScanner(titleKeys: readonly string[]) {
  const keys = new Set(titleKeys);
  const hashes = new Set(titleKeys.map(titleHash));
  const lengths = new Set(titleKeys.map((key) => key.split(' ').length));
  return { find: (text: string) => titleCandidates(text, lengths, (hash) => hashes.has(hash)).filter((run) => isScannedTitle(run) && keys.has(run)) };
}

describe('titleCandidates', () => {
  const titles = [
    'Large language models encode clinical knowledge',
    'Large language models in medicine.',
    'MedAlpaca--An Open-Source Collection of Medical Conversational AI Models and Training Data',
    'PULSE',
  ].map(titleKey);
  const scanner = titleScanner(titles);

  it('finds listed titles inside a text, whole words only', () => {
    expect(scanner.find(titleKey('Singhal K. et al. Large language models encode clinical knowledge. Nature 2023.'))).toEqual([
      'large language models encode clinical knowledge',
    ]);
    expect(scanner.find(titleKey('Thirunavukarasu AJ. Large language models in medicine. Nat Med.'))).toEqual(['large language models in medicine']);
    expect(scanner.find(titleKey('Han T. MedAlpaca – an open-source collection of medical conversational AI models and training data, 2023.'))).toHaveLength(1);
  });

  it('does not take a prefix, a longer word or a short name for a title', () => {
    expect(scanner.find(titleKey('Large language models encode clinical knowledgebases'))).toEqual([]);
    expect(scanner.find(titleKey('Large language models in medicines and more'))).toEqual([]);
    expect(scanner.find(titleKey('The PULSE dataset'))).toEqual([]);
  });

  it('reads a long text against many titles in time proportional to the text', () => {
    const many = titleScanner(Array.from({ length: 20_000 }, (_, i) => `study number ${i} of clinical language models`));
    const text = Array.from({ length: 5_000 }, (_, i) => `study number ${i * 7} of clinical language`).join(' ');
    // Every window is a hash look-up; only one in ~7 positions starts a real title.
    expect(many.find(text)).toEqual([]);
    expect(many.find(`${text} study number 42 of clinical language models`)).toEqual(['study number 42 of clinical language models']);
  });
});

describe('a listing read while it is parsed', () => {
  const streamed = LISTINGS.filter((fixture) => fixture.read !== 'references' && fixture.read !== 'links' && fixture.read !== 'page' && fixture.read !== 'alphaxiv');

  it.each(streamed.map((fixture) => [fixture.file, fixture] as const))('%s: every cut of the page gives only whole items, then the rest once parsed', (_file, fixture) => {
    const kind = fixture.read as ListingKind;
    const html = readListing(fixture.file);
    const whole = listingItems(kind, parse(html), fixture.url);
    const shown = (item: ListingItem) => `${JSON.stringify(item.query)} ${where(item)}`;
    expect(whole.length).toBeGreaterThan(1);
    let sawPart = false;
    for (let cut = 0; cut < html.length; cut += 97) {
      const doc = parse(html.slice(0, cut));
      const early = listingItems(kind, doc, fixture.url, { loading: true });
      // Whole items only: each as the parsed page gives it, in its order.
      expect(early.map(shown)).toEqual(whole.slice(0, early.length).map(shown));
      sawPart ||= early.length > 0 && early.length < whole.length;
      // Once parsed, the items not read yet, and only those.
      const read = new Set(early.map((item) => item.group.outerHTML));
      const rest = listingItems(kind, doc, fixture.url, { isRead: (group) => read.has(group.outerHTML) });
      expect(rest.map(shown)).toEqual(listingItems(kind, doc, fixture.url).slice(early.length).map(shown));
    }
    expect(sawPart).toBe(true);
  });

  it('leaves alphaXiv, whose items are gathered across the page, until it is parsed', () => {
    const doc = parse(readListing('alphaxiv.html'));
    expect(listingItems('alphaxiv', doc, 'https://www.alphaxiv.org/explore', { loading: true })).toEqual([]);
    expect(listingItems('alphaxiv', doc, 'https://www.alphaxiv.org/explore')).toHaveLength(3);
  });
});

describe('where the listing readers are declared', () => {
  const listings = kindExamples.flatMap((set) => set.accepts.map(([url]) => url as string));

  it('covers every listing on the site list', () => {
    const onSiteList = listings.filter((url) => isSiteUrl(url));
    expect(onSiteList.length).toBeGreaterThan(15);
    expect(onSiteList.filter((url) => !isSiteUrl(url, LISTING_MATCHES))).toEqual([]);
  });

  it('is within the site list (https only), and leaves paper pages out where the URL tells them apart', () => {
    for (const pattern of LISTING_MATCHES) {
      expect(pattern.startsWith('https://')).toBe(true);
      expect(isSiteUrl(pattern.replaceAll('*', 'x'))).toBe(true);
    }
    for (const url of ['https://arxiv.org/abs/2303.13375', 'https://huggingface.co/epfl-llm/meditron-70b', 'https://scholar.google.com/citations?user=abc', 'https://www.semanticscholar.org/paper/abc/6052']) {
      expect(isSiteUrl(url, LISTING_MATCHES)).toBe(false);
    }
  });
});
