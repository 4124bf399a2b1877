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
 * through all of them). Undefined for anything parseHttpUrl rejects.
 */
export function httpUrlParts(raw: string): UrlParts | undefined {
  const url = parseHttpUrl(raw);
  return url ? new HttpUrlParts(url) : undefined;
}

/**
 * A class rather than an object literal: V8 keeps an object literal with a getter in slow
 * dictionary mode, and the recognizers read these fields many times per link.
 */
class HttpUrlParts implements UrlParts {
  readonly protocol: string;
  readonly hostname: string;
  readonly pathname: string;
  readonly search: string;

  constructor(private readonly url: URL) {
    this.protocol = url.protocol;
    this.hostname = url.hostname;
    this.pathname = url.pathname;
    this.search = url.search;
  }

  /** Read from the URL when asked: only a link with a query is asked for it. */
  get searchParams(): URLSearchParams {
    return this.url.searchParams;
  }
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
