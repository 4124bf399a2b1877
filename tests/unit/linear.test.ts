/**
 * Every parser and normalizer that reads list, page, pasted or imported text runs in time linear
 * in its input: each is fed adversarial inputs up to 1 MB and must stay within a fixed multiple
 * of a plain input of the same size (see ./linearity.ts: a ratio, never a wall-clock limit).
 *
 * Imports and the list parser have their own files (linear-imports.test.ts,
 * linear-list-parser.test.ts); ./linearity.ts holds the shared cases helper.
 */
import { arxivIdFromUrl, doiFromUrl, normalizeArxivId, normalizeDoi } from '../../lib/ids';
import { identityFromMeta } from '../../lib/page/identify';
import { pageMeta } from '../../lib/page/meta';
import { COMMON_ABBREVIATIONS, abbreviationTable, abbreviationTerms, abbreviationsDefinedIn } from '../../lib/search/abbreviations';
import { parsePastedIdentifier } from '../../lib/search/paste';
import { tokenizeForIndex, tokenizeQuery } from '../../lib/search/tokenize';
import { titleKey } from '../../lib/title';
import { around, linearCases, repeatTo, Subject } from './linearCases';

// ——— identifiers ———

const DOI_BODY = 'S0140-6736(23)00216-7.abc_def;ghi/';

linearCases(new Subject('normalizeDoi', normalizeDoi, (size) => around('10.1234/', DOI_BODY, '', size)), {
  'a DOI ending in thousands of ")"': (size) => around('10.1234/a', ')', '', size),
  'a DOI ending in thousands of "%29"': (size) => around('10.1234/a', '%29', '', size),
  'a DOI ending in thousands of ".", then a letter': (size) => around('10.1234/', '.', 'a', size),
  'a DOI ending in thousands of ".)"': (size) => around('10.1234/a', '.)', '', size),
  'a DOI of "(" then ")"': (size) => around('10.1234/', '(', ')'.repeat(size / 2), size),
  '"doi:" followed by spaces': (size) => around('doi:', ' ', 'x', size),
});

const DOI_URL = 'https://doi.org/10.1234/';

linearCases(new Subject('doiFromUrl', doiFromUrl, (size) => around(DOI_URL, 'abc-def', '', size)), {
  'a doi.org link ending in thousands of "%29"': (size) => around(`${DOI_URL}a`, '%29', '', size),
  'a doi.org link ending in "/full" many times, then text': (size) => around(`${DOI_URL}a`, '/full', '/x', size),
  'a doi.org link ending in "/full" many times': (size) => around(`${DOI_URL}a`, '/full', '', size),
  'a publisher link with many "/doi/" segments': (size) => around('https://example.org', '/doi', '/10.1/x', size),
  'a Springer link with many segments': (size) => around('https://link.springer.com/article', '/a', '/10.1/x', size),
  'a Nature link ending in ")"': (size) => around('https://www.nature.com/articles/s41586', ')', '', size),
  'a query string of many "doi=" parameters': (size) => around('https://example.org/?', 'doi=10.1/a&', '', size),
});

linearCases(new Subject('normalizeArxivId', normalizeArxivId, (size) => around('2311.', '1', '', size)), {
  'an old-style archive name of many "-a" parts': (size) => around('a', '-a', '/0309136', size),
  'many "-a" parts without an id': (size) => around('a', '-a', '', size),
  '"arxiv:" followed by spaces': (size) => around('arxiv:', ' ', 'x', size),
});

linearCases(new Subject('arxivIdFromUrl', arxivIdFromUrl, (size) => around('https://arxiv.org/abs/2311.16452', 'v', '', size)), {
  'an abs link with a long archive name': (size) => around('https://arxiv.org/abs/a', '-a', '/0309136', size),
  'a pdf link of many "/"': (size) => around('https://arxiv.org/pdf/2311.16452', '/', '', size),
  'a doi.org link to an arXiv DOI ending in ")"': (size) => around('https://doi.org/10.48550/arxiv.2311.16452', ')', '', size),
});

// ——— titles, search, pasted text ———

const TITLE_WORDS = 'Large Language Models Encode Clinical Knowledge ';

linearCases(new Subject('titleKey', titleKey, (size) => repeatTo(TITLE_WORDS, size)), {
  'punctuation only': (size) => repeatTo('.-:;!?', size),
  'accented letters (decomposed)': (size) => repeatTo('e\u0301 ', size),
  'apostrophes and quotes': (size) => repeatTo('\'’`"', size),
  'a letter and many spaces': (size) => around('a', ' ', 'b', size),
  'non-Latin script': (size) => repeatTo('医学大语言模型 ', size),
});

linearCases(new Subject('tokenizeForIndex', tokenizeForIndex, (size) => repeatTo(TITLE_WORDS, size)), {
  'one long hyphenated word group': (size) => repeatTo('a-', size),
  'one long camel-case word': (size) => repeatTo('aA', size),
  'model-name completions': (size) => repeatTo('GPT-4V(ision)', size),
  'unclosed completions': (size) => repeatTo('a(b', size),
  'possessives': (size) => repeatTo("a's", size),
  'accented, hyphenated words': (size) => repeatTo('é-', size),
});

linearCases(new Subject('tokenizeQuery', tokenizeQuery, (size) => repeatTo(TITLE_WORDS, size)), {
  'one long hyphenated word group': (size) => repeatTo('a-', size),
  'one long camel-case word with completions': (size) => repeatTo('aB(c)', size),
});

const DEFINITIONS = 'Traditional Chinese Medicine (TCM) and Retrieval-Augmented Generation (RAG) ';

linearCases(new Subject('abbreviationsDefinedIn', abbreviationsDefinedIn, (size) => repeatTo(DEFINITIONS, size)), {
  'many parentheses of a short form after words that almost spell it': (size) => repeatTo('Alpha Beta of Gamma (ABCDEFGHIJ) ', size),
  'many short forms in parentheses, no words': (size) => repeatTo('(ABC)', size),
  'a long run of stop words before a short form': (size) => around('', 'a of the ', '(ABCDEFGHIJ)', size),
  'a short form before a long parenthesis': (size) => around('ABCDEFGHIJ (', 'a b ', ')', size),
  'a model name and a subtitle of words that almost spell it': (size) => around('ABCDEFGHIJ: ', 'Alpha Beta Charlie Delta ', '', size),
  'hyphenated words throughout': (size) => repeatTo('Alpha-Beta-Gamma (ABG) ', size),
});

const COMMON_TABLE = abbreviationTable(COMMON_ABBREVIATIONS);

linearCases(new Subject('abbreviationTerms', (text: string) => abbreviationTerms(text, COMMON_TABLE), (size) => repeatTo(TITLE_WORDS, size)), {
  'long forms repeated back to back': (size) => repeatTo('large language model ', size),
  'a long form cut short, over and over': (size) => repeatTo('united states medical ', size),
  'runs of capitals made of short forms': (size) => repeatTo('TCMLLMEHRVQA ', size),
  'one long run of capitals': (size) => repeatTo('TCMLLM', size),
  'short forms throughout': (size) => repeatTo('EHR LLM VQA ', size),
});

linearCases(new Subject('parsePastedIdentifier', parsePastedIdentifier, (size) => repeatTo('radiology report ', size)), {
  'a DOI ending in thousands of ")"': (size) => around('10.1234/a', ')', '', size),
  'a host of many labels': (size) => around('a', '.a', '/', size),
  'a link ending in "%29"': (size) => around('https://doi.org/10.1/a', '%29', '', size),
});

// ——— page metadata ———

function pageWith(content: string): ReturnType<typeof pageMeta> {
  return pageMeta('https://example.org/article', [
    ['citation_title', content],
    ['citation_doi', content],
    ['citation_arxiv_id', content],
    ['citation_author', content],
    ['citation_journal_title', content],
    ['citation_publication_date', content],
    ['dc.identifier', content, 'doi'],
  ], content);
}

linearCases(new Subject('identityFromMeta (meta, title and byline readers)', (text) => identityFromMeta(pageWith(text)), (size) => repeatTo(TITLE_WORDS, size)), {
  'a DOI ending in thousands of ")"': (size) => around('10.1234/a', ')', '', size),
  'control and zero-width characters': (size) => repeatTo('\u200b\u0001a', size),
  'whitespace runs': (size) => around('a', ' \t', 'b', size),
  'a date of many digits': (size) => repeatTo('1', size),
});

linearCases(new Subject('identityFromMeta (page URL)', (text) => identityFromMeta(pageMeta(text, [])), (size) => around('https://arxiv.org/abs/2311.16452?q=', 'a', '', size)), {
  'a doi.org URL ending in "%29"': (size) => around(`${DOI_URL}a`, '%29', '', size),
  'a publisher URL ending in "/full" many times': (size) => around('https://example.org/doi/10.1/a', '/full', '/x', size),
});
