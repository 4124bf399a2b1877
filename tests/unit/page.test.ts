import { describe, expect, it } from 'vitest';
import { isPageIdentity } from '../../lib/messages';
import { agreesWithAddress, identifyPage, identifyUrl, readPageMeta } from '../../lib/page';
import { visibleText } from '../../lib/page/meta';
import { megabyteHostilePage, PAGE_FIXTURES, readFixture } from '../fixtures/pages/pages';

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

describe('identifyPage over the fixture pages', () => {
  const cases = PAGE_FIXTURES.flatMap((fixture) => fixture.urls.map((url) => [fixture.file, url, fixture] as const));
  it.each(cases)('%s at %s', (file, url, fixture) => {
    expect(identifyPage(url, parse(readFixture(file)))).toEqual({ url, ...fixture.identity });
  });

  // The background refuses a page's identity that disagrees with its address (entrypoints/background/handlers.ts).
  it.each(cases)('%s at %s agrees with its own address', (file, url) => {
    expect(agreesWithAddress(identifyPage(url, parse(readFixture(file))), url)).toBe(true);
  });

  it('disagrees with an address that names another paper', () => {
    expect(agreesWithAddress({ url: 'https://arxiv.org/abs/2311.16452', arxiv: '2311.16079' }, 'https://arxiv.org/abs/2311.16452v2')).toBe(false);
    expect(agreesWithAddress({ url: 'https://pubmed.ncbi.nlm.nih.gov/37438534/', pmid: '1' }, 'https://pubmed.ncbi.nlm.nih.gov/37438534/')).toBe(false);
    expect(agreesWithAddress({ url: 'https://journal.example/a/1', arxiv: '2311.16079' }, 'https://journal.example/a/1')).toBe(true);
  });
});

describe('untrusted pages', () => {
  const hostileUrl = 'https://www.jmir.org/2023/1/e00002';
  const hostileIdentity = PAGE_FIXTURES.find((fixture) => fixture.file === 'hostile.html')!.identity;

  it('reads a megabyte-scale hostile page as the small one: no identifier, inert capped text', () => {
    const html = megabyteHostilePage();
    expect(html.length).toBeGreaterThan(5_000_000);
    const identity = identifyPage(hostileUrl, parse(html));
    expect(identity).toEqual({ url: hostileUrl, ...hostileIdentity });
    expect(isPageIdentity(identity)).toBe(true);
  });

  it('gives every fixture an identity the background accepts', () => {
    for (const fixture of PAGE_FIXTURES) {
      for (const url of fixture.urls) expect(isPageIdentity(identifyPage(url, parse(readFixture(fixture.file))))).toBe(true);
    }
  });

  it('reads a heading nested deeper than the call stack without overflowing it', () => {
    const doc = parse('<h1></h1>');
    const h1 = doc.createElement('h1');
    let node: Element = h1;
    for (let i = 0; i < 50_000; i++) node = node.appendChild(doc.createElement('span'));
    node.textContent = 'Towards Generalist Biomedical AI';
    expect(visibleText(h1, 4000)).toBeUndefined();
    const shallow = parse('<h1><span><b>Towards</b> <i>Generalist</i></span> Biomedical AI</h1>').querySelector('h1')!;
    expect(visibleText(shallow, 4000)).toBe('Towards Generalist Biomedical AI');
    // Building 50,000 happy-dom nodes alone takes seconds on a busy machine.
  }, 60_000);

  it('keeps a very long URL to a bounded length', () => {
    const url = `https://arxiv.org/abs/2311.16452?q=${'a'.repeat(10_000)}`;
    const identity = identifyPage(url, parse('<p>PDF</p>'));
    expect(identity.url.length).toBeLessThanOrEqual(4096);
    expect(identity.arxiv).toBe('2311.16452');
  });

  it('identifies a page with no head, no body text and no metadata as just its URL', () => {
    expect(identifyPage('https://example.org/', parse(''))).toEqual({ url: 'https://example.org/' });
    expect(identifyPage('not a url', parse('<h1></h1>'))).toEqual({ url: 'not a url' });
  });
});

describe('readPageMeta', () => {
  it('reads known tags from name and property, any case, in document order, with their scheme', () => {
    const doc = parse(`<head>
      <meta property="citation_doi" content="10.2196/48568">
      <meta name="DC.Identifier" scheme="DOI" content="10.2196/48568">
      <meta name="twitter:title" property="og:title" content="Utility of ChatGPT">
      <meta name="viewport" content="width=device-width">
      <meta name="citation_reference" content="citation_doi=10.1038/s41586-023-06291-2">
      <meta name="citation_title">
    </head>`);
    expect(readPageMeta('https://www.jmir.org/2023/1/e48568', doc).meta).toEqual([
      { name: 'citation_doi', content: '10.2196/48568' },
      { name: 'dc.identifier', content: '10.2196/48568', scheme: 'doi' },
      { name: 'og:title', content: 'Utility of ChatGPT' },
    ]);
  });

  it('takes the main heading’s visible text, not its scripts or styles', () => {
    const doc = parse(`<body><h1>Site name</h1><main><h1><span>Title:</span> PharmacyGPT:<script>var x = 1;</script> The AI
      Pharmacist<style>h1 { color: red }</style></h1></main></body>`);
    expect(readPageMeta('https://example.org/', doc).heading).toBe('Title: PharmacyGPT: The AI Pharmacist');
  });

  it('drops a value too long to be metadata before reading it', () => {
    const doc = parse(`<meta name="citation_title" content="${'A'.repeat(5000)}"><meta name="dc.title" content="Short title">`);
    expect(readPageMeta('https://example.org/', doc).meta).toEqual([{ name: 'dc.title', content: 'Short title' }]);
  });
});

describe('identifyUrl', () => {
  it('names the paper of an arXiv PDF tab, where no content script runs', () => {
    expect(identifyUrl('https://arxiv.org/pdf/2311.16452v1.pdf')).toEqual({
      url: 'https://arxiv.org/pdf/2311.16452v1.pdf',
      arxiv: '2311.16452',
    });
  });

  it('says nothing about a URL that names no paper', () => {
    expect(identifyUrl('https://www.nature.com/nm/')).toBeUndefined();
    expect(identifyUrl('about:blank')).toBeUndefined();
  });
});
