/**
 * Parses an absolute http(s) URL; anything else (relative, javascript:, data:, garbage) is
 * undefined. An already parsed URL is checked, not parsed again: detectors run one after another
 * on the same link.
 */
export function parseHttpUrl(raw: string | URL): URL | undefined {
  let url: URL;
  try {
    url = typeof raw === 'string' ? new URL(raw.trim()) : raw;
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
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
export function bareHost(url: URL): string {
  return url.hostname.toLowerCase().replace(/^www\.|\.$/g, '');
}

/** The path's non-empty segments, percent-decoded where that is valid. */
export function pathSegments(url: URL): string[] {
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
