/**
 * What the URL recognizers read of a parsed URL: a URL, or its parts read once (httpUrlParts).
 * Each getter of a URL builds a new string, and one link goes through every recognizer.
 */
export type UrlParts = Pick<URL, 'protocol' | 'hostname' | 'pathname' | 'search' | 'searchParams'>;

/**
 * Parses an absolute http(s) URL; anything else (relative, javascript:, data:, garbage) is
 * undefined. An already parsed URL (or its parts) is checked, not parsed again: detectors run one
 * after another on the same link.
 */
export function parseHttpUrl(raw: string | URL): URL | undefined;
export function parseHttpUrl(raw: string | UrlParts): UrlParts | undefined;
export function parseHttpUrl(raw: string | UrlParts): UrlParts | undefined {
  let url: UrlParts;
  try {
    url = typeof raw === 'string' ? new URL(raw.trim()) : raw;
  } catch {
    return undefined;
  }
  const { protocol } = url;
  return protocol === 'http:' || protocol === 'https:' ? url : undefined;
}

/**
 * An absolute http(s) URL parsed as parseHttpUrl parses it, with the parts the recognizers read
 * taken from it once, for running several recognizers on one link (a list's links each go
 * through all of them). Undefined for anything parseHttpUrl rejects. A URL in the plain form
 * nearly every listed link has is read without `new URL` (plainUrlParts), to the same parts.
 */
export function httpUrlParts(raw: string): UrlParts | undefined {
  const plain = plainUrlParts(raw);
  if (plain) return plain;
  const url = parseHttpUrl(raw);
  return url ? new HttpUrlParts(url.protocol, url.hostname, url.pathname, url.search) : undefined;
}

/**
 * A class rather than an object literal: V8 keeps an object literal with a getter in slow
 * dictionary mode, and the recognizers read these fields many times per link.
 */
class HttpUrlParts implements UrlParts {
  constructor(
    readonly protocol: string,
    readonly hostname: string,
    readonly pathname: string,
    readonly search: string,
  ) {}

  /** Read from the query when asked (the same pairs as URL's searchParams): only a link with a query is asked for it. */
  get searchParams(): URLSearchParams {
    return new URLSearchParams(this.search);
  }
}

// Character classes of plainUrlParts, by char code below 128.
const LETTER = 1;
const DIGIT = 2;
/** In a path: unreserved characters, sub-delimiters, ":", "@" and "/" (RFC 3986 section 3.3). */
const IN_PATH = 4;
/** In a query: as in a path and "?", but not "'", which the URL standard escapes in http(s) queries. */
const IN_QUERY = 8;
/** In a fragment: as in a query, and "'" and "#". */
const IN_FRAGMENT = 16;

const CHAR_CLASSES = /* @__PURE__ */ (() => {
  const classes = new Uint8Array(128);
  const mark = (chars: string, bits: number): void => {
    for (const ch of chars) classes[ch.charCodeAt(0)]! |= bits;
  };
  const lower = 'abcdefghijklmnopqrstuvwxyz';
  mark(lower + lower.toUpperCase(), LETTER | IN_PATH | IN_QUERY | IN_FRAGMENT);
  mark('0123456789', DIGIT | IN_PATH | IN_QUERY | IN_FRAGMENT);
  mark("-._~!$&()*+,;=:@/", IN_PATH | IN_QUERY | IN_FRAGMENT);
  mark("'", IN_PATH | IN_FRAGMENT);
  mark('?', IN_QUERY | IN_FRAGMENT);
  mark('#', IN_FRAGMENT);
  return classes;
})();

const classOf = (text: string, at: number): number => {
  const code = text.charCodeAt(at);
  return code < 128 ? CHAR_CLASSES[code]! : 0;
};

/** Longest host read without `new URL`: the longest DNS name (RFC 1035 section 2.3.4). */
const MAX_PLAIN_HOST = 253;
/** Longest URL read without `new URL`: Firefox's parser refuses one over 1 MiB (its network.standard-url.max-length). */
const MAX_PLAIN_URL = 65_536;

/**
 * The parts of an http(s) URL written in a form the URL standard (and Chromium's and Firefox's
 * parsers) leave as written, but for the host's case: "http://" or "https://", a host of
 * letter-digit-hyphen labels whose last label starts with a letter (so it is no IPv4 address) and
 * none starts with "xn--" (punycode, which is checked), no port or user, then a path, query and
 * fragment of characters no parser escapes or decodes (no "%", no whitespace, no "\") and no
 * "." or ".." path segment, in at most MAX_PLAIN_URL characters. Undefined for anything else,
 * which `new URL` reads: the browsers' URL parser costs about 10 µs a link in an extension's
 * service worker, and a long list has hundreds of thousands of links. One pass over the characters.
 */
export function plainUrlParts(raw: string): UrlParts | undefined {
  let at = raw.startsWith('https://') ? 8 : raw.startsWith('http://') ? 7 : 0;
  if (at === 0 || raw.length > MAX_PLAIN_URL) return undefined;
  const protocol = at === 8 ? 'https:' : 'http:';
  const hostStart = at;
  let labelStart = at;
  let upper = false;
  for (; at < raw.length; at++) {
    const code = raw.charCodeAt(at);
    if (code === 46 /* . */ || code === 45 /* - */) {
      // No empty label, none starting or ending with a hyphen.
      if (at === labelStart || (code === 46 && raw.charCodeAt(at - 1) === 45)) return undefined;
      if (code === 46) labelStart = at + 1;
      continue;
    }
    const kind = classOf(raw, at);
    if (kind & LETTER) upper ||= code < 97;
    else if (!(kind & DIGIT)) break;
  }
  const hostEnd = at;
  if (hostEnd === labelStart || hostEnd - hostStart > MAX_PLAIN_HOST || raw.charCodeAt(hostEnd - 1) === 45 || !(classOf(raw, labelStart) & LETTER)) return undefined;
  const host = raw.slice(hostStart, hostEnd);
  if (/(?:^|\.)xn--/i.test(host)) return undefined;
  const pathEnd = scan(raw, at, IN_PATH);
  let queryEnd = pathEnd;
  if (raw.charCodeAt(queryEnd) === 63 /* ? */) queryEnd = scan(raw, queryEnd + 1, IN_QUERY);
  if (queryEnd < raw.length && (raw.charCodeAt(queryEnd) !== 35 /* # */ || scan(raw, queryEnd + 1, IN_FRAGMENT) < raw.length)) return undefined;
  // The path must start with "/" (a host followed by "?", "#" or nothing has the path "/").
  if (pathEnd > hostEnd && raw.charCodeAt(hostEnd) !== 47) return undefined;
  const pathname = pathEnd > hostEnd ? raw.slice(hostEnd, pathEnd) : '/';
  if (hasDotSegment(pathname)) return undefined;
  // A lone "?" is an empty query, which URL's `search` gives as "".
  const search = queryEnd - pathEnd > 1 ? raw.slice(pathEnd, queryEnd) : '';
  return new HttpUrlParts(protocol, upper ? host.toLowerCase() : host, pathname, search);
}

/** Where the run of characters of class `bits` from `at` ends. */
function scan(text: string, at: number, bits: number): number {
  while (at < text.length && classOf(text, at) & bits) at++;
  return at;
}

/** Whether a path has a "." or ".." segment, which URL parsing removes. */
function hasDotSegment(pathname: string): boolean {
  for (let at = pathname.indexOf('/.'); at >= 0; at = pathname.indexOf('/.', at + 1)) {
    const after = pathname.charCodeAt(at + 2);
    if (Number.isNaN(after) || after === 47) return true;
    if (after === 46) {
      const next = pathname.charCodeAt(at + 3);
      if (Number.isNaN(next) || next === 47) return true;
    }
  }
  return false;
}

/** True for an absolute http(s) URL: the one check before a URL from list or page data becomes a link or a saved page. */
export function isHttpUrl(raw: string): boolean {
  return parseHttpUrl(raw) !== undefined;
}

/**
 * Lower-cased host without a leading "www." or the trailing dot of a fully qualified name
 * ("github.com." is github.com: DNS resolves both to the same site, RFC 1034 section 3.1). The one
 * host every URL recognizer compares against its sites.
 */
export function bareHost(url: Pick<URL, 'hostname'>): string {
  return url.hostname.toLowerCase().replace(/^www\.|\.$/g, '');
}

/** The path's non-empty segments, percent-decoded where that is valid. */
export function pathSegments(url: Pick<URL, 'pathname'>): string[] {
  return url.pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map(safeDecode);
}

export function safeDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
