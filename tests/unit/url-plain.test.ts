/**
 * plainUrlParts reads plain http(s) URLs without `new URL`: for every URL it accepts, its parts
 * must be exactly URL's, and it must accept the links lists are made of (else it saves nothing).
 * Checked on every link of the bundled list, the detectors' examples, hand-picked edge cases and
 * a fixed-seed random mix of URL pieces.
 */
import { describe, expect, it } from 'vitest';
import { httpUrlParts, parseHttpUrl, plainUrlParts } from '../../lib/ids/url';
import { makeRandom } from '../bench/corpus';
import bundled from '../../assets/catalog.json';

const LISTED = bundled.entries.flatMap((e) => e.links.map((l) => l.url));

const EDGES = [
  'https://arxiv.org/abs/2303.13375', 'http://arxiv.org', 'https://arxiv.org?', 'https://arxiv.org?x=1', 'https://arxiv.org#top', 'https://arxiv.org/?#',
  'https://ArXiv.ORG/abs/X', 'HTTPS://arxiv.org/', 'https://arxiv.org./abs', 'https://127.0.0.1/x', 'https://1.2.3.4a/x', 'https://0x7f.1/', 'https://a.0x7f/',
  'https://1.2/x', 'https://xn--nxasmq6b.com/', 'https://a.XN--nxasmq6b/', 'https://-a.com/', 'https://a-.com/', 'https://a..com/', 'https://.a.com/',
  'https://a_b.com/', 'https://user@a.com/', 'https://a.com:443/', 'https://a.com:8080/x', 'https://a.com/./b', 'https://a.com/b/..', 'https://a.com/b/../c',
  'https://a.com/.hidden', 'https://a.com/..x', 'https://a.com/b/.', 'https://a.com//b', 'https://a.com/%7Euser', 'https://a.com/a%2e%2e/b', 'https://a.com/a b',
  'https://a.com/a\\b', ' https://a.com/x ', 'https://a.com/x\n', 'https://a.com/é', "https://a.com/it's?q='x'#'", 'https://a.com/x?a=1&b=2;c=(3)*!$,:@/?',
  'https://a.com/x#frag#more?', 'https://a.com/x?a=%20', 'https://a.com/{x}', 'https://a.com/x|y', 'https://a.com/x^y', 'https://a.com/`x`', 'https://a.com/"x"',
  'https://a.com/<x>', 'https://', 'http:///x', 'https://a', 'https://a.b.c.d.e-f.g9/x', 'https://9a.com/x', 'ftp://a.com/', 'javascript:alert(1)', '',
  `https://${'a'.repeat(300)}.com/`, `https://${'a.'.repeat(140)}com/`,
];

const HOST_PIECES = ['a', 'Z', '9', 'com', 'org', '-', '.', 'xn--', '0x', '1', '_'];
const PIECES = ['a', 'Z', '9', '-', '.', '/', '/', '?', '#', '=', '&', "'", ':', '@', '_', '~', '..', '(', '!', '*', '+', ',', ';', '$'];
/** What no plain URL holds: one in ten pieces. */
const ODD_PIECES = ['%', '%2e', '%7E', ' ', '\\', 'é', '"', '<', '{', '|', '^', '`', '\t'];

/** A scheme, 1–6 host pieces, mostly a "/", then 0–15 pieces of path, query and fragment. */
function randomUrls(count: number): string[] {
  const next = makeRandom(27);
  const pick = (pieces: string[]) => pieces[Math.floor(next() * pieces.length)]!;
  return Array.from({ length: count }, () => {
    let url = next() < 0.5 ? 'https://' : next() < 0.8 ? 'http://' : 'HTTP://';
    for (let i = 1 + Math.floor(next() * 6); i > 0; i--) url += pick(HOST_PIECES);
    if (next() < 0.8) url += '/';
    for (let i = Math.floor(next() * 16); i > 0; i--) url += pick(next() < 0.9 ? PIECES : ODD_PIECES);
    return url;
  });
}

function partsOf(url: { protocol: string; hostname: string; pathname: string; search: string; searchParams: URLSearchParams }) {
  return { protocol: url.protocol, hostname: url.hostname, pathname: url.pathname, search: url.search, searchParams: [...url.searchParams] };
}

describe('plainUrlParts', () => {
  const all = [...LISTED, ...EDGES, ...randomUrls(20_000)];

  it('gives exactly the parts URL gives, for every URL it reads', () => {
    let read = 0;
    for (const raw of all) {
      const plain = plainUrlParts(raw);
      if (!plain) continue;
      read++;
      const url = parseHttpUrl(raw);
      expect(url, raw).toBeDefined();
      expect(partsOf(plain), raw).toEqual(partsOf(url!));
    }
    // The random mix must exercise the fast path, not only fall through to URL.
    expect(read).toBeGreaterThan(1_000);
  });

  it('reads nearly every link of the bundled list', () => {
    const read = LISTED.filter((raw) => plainUrlParts(raw) !== undefined).length;
    expect(read / LISTED.length).toBeGreaterThan(0.95);
  });

  it('leaves to URL what URL changes or refuses', () => {
    for (const raw of ['https://ArXiv.ORG/abs/X', 'https://arxiv.org?', 'https://arxiv.org#top']) expect(plainUrlParts(raw), raw).toBeDefined();
    // Firefox's URL refuses a URL of 1 MiB or more; Node's and Chromium's take it.
    expect(plainUrlParts(`https://arxiv.org/abs/2303.13375?${'a'.repeat(1 << 20)}`)).toBeUndefined();
    for (const raw of ['HTTPS://arxiv.org/', 'https://arxiv.org./abs', 'https://0x7f.1/', 'https://1.2/x', 'https://xn--nxasmq6b.com/', 'https://a.com:443/', 'https://a.com/b/..', 'https://a.com/%7Euser', "https://a.com/x?q='x'", ' https://a.com/x ']) {
      expect(plainUrlParts(raw), raw).toBeUndefined();
    }
  });

  it('httpUrlParts gives URL’s parts whichever way it reads', () => {
    for (const raw of all) {
      const url = parseHttpUrl(raw);
      const parts = httpUrlParts(raw);
      expect(parts === undefined, raw).toBe(url === undefined);
      if (url && parts) expect(partsOf(parts), raw).toEqual(partsOf(url));
    }
  });
});
